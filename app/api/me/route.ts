// GET /api/me — the signed-in user.
import { apiRoute, json } from "@/app/api/_lib/handler";
import { AppError } from "@/lib/errors";
import { findUserById } from "@/lib/users/queries";

export const GET = apiRoute("user", async (_request, { actor }) => {
  const user = await findUserById(actor.id);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return json({ user });
});
