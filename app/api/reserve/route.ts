// POST /api/reserve — reserve a slot from now or ahead (startTime) and pay from the wallet;
// expectedTotalCents guards against a price that moved (Idempotency-Key aware).
import { reserveSlot } from "@/lib/reservations/service";
import { reserveBodySchema } from "@/lib/validation/parking";
import { apiRoute, json, readIdempotencyKey, readJsonBody } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor }) => {
  const body = await readJsonBody(request, reserveBodySchema);
  const result = await reserveSlot(actor, { ...body, idempotencyKey: readIdempotencyKey(request) });
  return json(result, 201);
});
