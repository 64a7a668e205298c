// POST /api/auth/logout — end the session (takes no body; always 204).
import { endSession } from "@/lib/auth/session";
import { apiRoute } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async () => {
  await endSession();
  return new Response(null, { status: 204 });
});
