// POST /api/auth/logout-everywhere — end every session of the caller, this one included
// (takes no body; 204).
import { signOutEverywhere } from "@/lib/auth/service";
import { clearSessionCookie } from "@/lib/auth/session";
import { apiRoute } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (_request, { actor }) => {
  await signOutEverywhere(actor);
  await clearSessionCookie();
  return new Response(null, { status: 204 });
});
