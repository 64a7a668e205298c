// POST /api/auth/login — sign in with username and password (failures are rate limited).
import { signIn } from "@/lib/auth/service";
import { sessionToken, setSessionCookie } from "@/lib/auth/session";
import { loginBodySchema } from "@/lib/validation/auth";
import { apiRoute, clientAddress, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  const credentials = await readJsonBody(request, loginBodySchema);
  const { user, token, expiresAt } = await signIn(credentials, clientAddress(request), {
    replaces: await sessionToken(),
  });
  await setSessionCookie(token, expiresAt);
  return json({ user });
});
