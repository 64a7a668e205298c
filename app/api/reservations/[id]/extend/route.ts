// POST /api/reservations/{id}/extend — grow a running or upcoming reservation by whole hours,
// paid from the owner's wallet at the quote for the added hours (owner or staff;
// Idempotency-Key aware).
import { extendReservation } from "@/lib/reservations/extend";
import { idParamsSchema } from "@/lib/validation/common";
import { extendBodySchema } from "@/lib/validation/parking";
import {
  apiRoute,
  json,
  readIdempotencyKey,
  readJsonBody,
  readParams,
} from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor, params }) => {
  const { id } = readParams(params, idParamsSchema);
  const body = await readJsonBody(request, extendBodySchema);
  return json(
    await extendReservation(actor, id, { ...body, idempotencyKey: readIdempotencyKey(request) }),
  );
});
