// POST /api/auth/register — create a driver account and sign it in (limited per address).
import { registerUser } from "@/lib/auth/service";
import { sessionToken, setSessionCookie } from "@/lib/auth/session";
import { registerBodySchema } from "@/lib/validation/auth";
import { apiRoute, clientAddress, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  const input = await readJsonBody(request, registerBodySchema);
  const { user, token, expiresAt } = await registerUser(input, clientAddress(request), {
    replaces: await sessionToken(),
  });
  await setSessionCookie(token, expiresAt);
  return json({ user }, 201);
});
