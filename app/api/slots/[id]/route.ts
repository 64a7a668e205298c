// GET /api/slots/{id} — a slot with its running and upcoming reservations (staff).
// PATCH /api/slots/{id} — change price, type, zone or out-of-service (staff).
import { getSlotDetail, updateSlot } from "@/lib/slots/service";
import { updateSlotBodySchema } from "@/lib/validation/parking";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readJsonBody, readParams } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (_request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  return json(await getSlotDetail(actor, id));
});

export const PATCH = apiRoute("staff", async (request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  const body = await readJsonBody(request, updateSlotBodySchema);
  return json({ slot: await updateSlot(actor, id, body) });
});
