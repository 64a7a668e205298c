// POST /api/auth/register — create a driver account and sign it in.
import { registerUser } from "@/lib/auth/service";
import { startSession } from "@/lib/auth/session";
import { registerBodySchema } from "@/lib/validation/auth";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  const user = await registerUser(await readJsonBody(request, registerBodySchema));
  await startSession(user.id);
  return json({ user }, 201);
});
