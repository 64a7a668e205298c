// POST /api/gate/keys — a new key for a location's gate device, shown once (admin).
// GET /api/gate/keys — the keys, of one location or all, without the keys themselves (admin).
import { createGateKey, listGateKeys } from "@/lib/gate/keys";
import { createGateKeyBodySchema, gateKeysQuerySchema } from "@/lib/validation/gate";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const POST = apiRoute("admin", async (request, { actor }) => {
  const body = await readJsonBody(request, createGateKeyBodySchema);
  return json(await createGateKey(actor, body), 201);
});

export const GET = apiRoute("admin", async (request, { actor }) => {
  const { locationId } = readQuery(request, gateKeysQuerySchema);
  return json({ keys: await listGateKeys(actor, locationId) });
});
