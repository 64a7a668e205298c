// GET /api/availability — counts of available, occupied and out-of-service slots: the
// network's (with a row per location), or one location's (?locationId=).
import { getAvailabilityCounts } from "@/lib/slots/queries";
import { locationQuerySchema } from "@/lib/validation/locations";
import { apiRoute, jsonExtending, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("public", async (request) => {
  const { locationId } = readQuery(request, locationQuerySchema);
  const now = new Date();
  // The counts are one object per slot snapshot: their JSON is made once (jsonExtending).
  const counts = await getAvailabilityCounts(now, locationId);
  return jsonExtending(counts, { updatedAt: now.toISOString() });
});
