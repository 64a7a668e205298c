// POST /api/auth/logout — end this session (takes no body; always 204). A copy of the
// cookie stops working at once.
import { endSession } from "@/lib/auth/session-store";
import { clearSessionCookie, sessionToken } from "@/lib/auth/session";
import { apiRoute } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async () => {
  const token = await sessionToken();
  if (token) await endSession(token);
  await clearSessionCookie();
  return new Response(null, { status: 204 });
});
