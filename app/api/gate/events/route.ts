// POST /api/gate/events — a gate device's event (bearer gate key): the decision to open.
// GET /api/gate/events — a location's gate log, newest first (staff working there).
import { authenticateGateKey } from "@/lib/gate/keys";
import { listGateEvents } from "@/lib/gate/log";
import { recordGateEvent } from "@/lib/gate/service";
import { gateEventRequestSchema, gateEventsQuerySchema } from "@/lib/validation/gate";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  // The key first: a request without a valid one reads no body and reaches no domain.
  const gate = await authenticateGateKey(request.headers.get("authorization"));
  const body = await readJsonBody(request, gateEventRequestSchema);
  return json(await recordGateEvent(gate, body));
});

export const GET = apiRoute("staff", async (request, { actor }) => {
  const query = readQuery(request, gateEventsQuerySchema);
  return json(await listGateEvents(actor, query));
});
