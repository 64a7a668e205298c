// DELETE /api/vehicles/{id} — remove one of the caller's vehicles (409 while a running or
// upcoming reservation names it).
import { deleteVehicle } from "@/lib/vehicles/service";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, readParams } from "@/app/api/_lib/handler";

export const DELETE = apiRoute("user", async (_request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  await deleteVehicle(actor, id);
  return new Response(null, { status: 204 });
});
