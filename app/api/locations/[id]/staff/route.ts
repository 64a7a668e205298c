// PUT /api/locations/{id}/staff — the staff users assigned to a location (admin).
import { setLocationStaff } from "@/lib/locations/service";
import { locationStaffBodySchema } from "@/lib/validation/locations";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readJsonBody, readParams } from "@/app/api/_lib/handler";

export const PUT = apiRoute("admin", async (request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  const { userIds } = await readJsonBody(request, locationStaffBodySchema);
  return json(await setLocationStaff(actor, id, userIds));
});
