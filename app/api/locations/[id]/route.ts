// GET /api/locations/{id} — one location (public).
// PATCH /api/locations/{id} — change its name, address, time zone or check-in rule (admin).
import { getLocation, updateLocation } from "@/lib/locations/service";
import { updateLocationBodySchema } from "@/lib/validation/locations";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readJsonBody, readParams } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (_request, { params }) => {
  const { id } = readParams(params, idParamsSchema);
  return json({ location: await getLocation(id) });
});

export const PATCH = apiRoute("admin", async (request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  const body = await readJsonBody(request, updateLocationBodySchema);
  return json({ location: await updateLocation(actor, id, body) });
});
