// GET /api/gate/events — a location's gate log, newest first (staff working there).
import { listGateEvents } from "@/lib/gate/log";
import { gateEventsQuerySchema } from "@/lib/validation/gate";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (request, { actor }) => {
  const query = readQuery(request, gateEventsQuerySchema);
  return json(await listGateEvents(actor, query));
});
