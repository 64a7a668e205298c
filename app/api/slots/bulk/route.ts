// POST /api/slots/bulk — take a location's matching slots out of service or back (staff).
import { bulkUpdateSlots } from "@/lib/slots/bulk";
import { bulkSlotsBodySchema } from "@/lib/validation/parking";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("staff", async (request, { actor }) => {
  const body = await readJsonBody(request, bulkSlotsBodySchema);
  return json(await bulkUpdateSlots(actor, body));
});
