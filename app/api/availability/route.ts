// GET /api/availability — counts of available, occupied and out-of-service slots: the
// network's (with a row per location), or one location's (?locationId=).
import { getAvailability } from "@/lib/slots/queries";
import { locationQuerySchema } from "@/lib/validation/locations";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (request) => {
  const { locationId } = readQuery(request, locationQuerySchema);
  return json(await getAvailability(new Date(), locationId));
});
