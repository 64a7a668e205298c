// POST /api/auth/password — change the caller's password {currentPassword, newPassword}
// (204): every other session of theirs ends, this one stays. A wrong current password is
// 401 INVALID_CREDENTIALS and counts as a failed login.
import { changePassword } from "@/lib/auth/service";
import { sessionToken } from "@/lib/auth/session";
import { passwordChangeBodySchema } from "@/lib/validation/auth";
import { apiRoute, clientAddress, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor }) => {
  const input = await readJsonBody(request, passwordChangeBodySchema);
  await changePassword(actor, input, clientAddress(request), await sessionToken());
  return new Response(null, { status: 204 });
});
