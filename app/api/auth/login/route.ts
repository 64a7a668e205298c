// POST /api/auth/login — sign in with username and password (rate limited on failures).
import { authenticate } from "@/lib/auth/service";
import { startSession } from "@/lib/auth/session";
import { loginBodySchema } from "@/lib/validation/auth";
import { apiRoute, clientAddress, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  const credentials = await readJsonBody(request, loginBodySchema);
  const user = await authenticate(credentials, clientAddress(request));
  await startSession(user.id);
  return json({ user });
});
