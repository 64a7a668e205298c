// GET /api/vehicles — the caller's vehicles (staff: any account's, by `userId`).
// POST /api/vehicles — add a vehicle by plate: 201 new, 200 when this account has it already.
import { addVehicle, listVehicles } from "@/lib/vehicles/service";
import { addVehicleBodySchema, vehiclesQuerySchema } from "@/lib/validation/vehicles";
import { resolveTargetUserId } from "@/lib/auth/actor";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("user", async (request, { actor }) => {
  const { userId } = readQuery(request, vehiclesQuerySchema);
  return json({ vehicles: await listVehicles(resolveTargetUserId(actor, userId)) });
});

export const POST = apiRoute("user", async (request, { actor }) => {
  const body = await readJsonBody(request, addVehicleBodySchema);
  const { vehicle, created } = await addVehicle(actor.id, body);
  return json({ vehicle }, created ? 201 : 200);
});
