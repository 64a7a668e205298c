// PATCH /api/users/{id} — make a user a driver, staff or admin (admin).
import { setUserRole } from "@/lib/users/service";
import { updateUserBodySchema } from "@/lib/validation/locations";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readJsonBody, readParams } from "@/app/api/_lib/handler";

export const PATCH = apiRoute("admin", async (request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  const { role } = await readJsonBody(request, updateUserBodySchema);
  return json({ user: await setUserRole(actor, id, role) });
});
