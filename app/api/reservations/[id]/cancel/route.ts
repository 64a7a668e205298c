// POST /api/reservations/{id}/cancel — cancel an upcoming reservation with a full refund
// (owner or staff; anyone else's answers 404). Takes no body.
import { cancelReservation } from "@/lib/reservations/service";
import { idParamsSchema } from "@/lib/validation/common";
import { apiRoute, json, readParams } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (_request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  return json(await cancelReservation(actor, id));
});
