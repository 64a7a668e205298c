// POST /api/reserve — reserve a slot from now or ahead (startTime) and pay from the wallet;
// expectedTotalCents guards against a price that moved (Idempotency-Key aware).
import { reserveSlot } from "@/lib/reservations/service";
import { idempotencyKeySchema, reserveBodySchema } from "@/lib/validation/parking";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";
import { AppError } from "@/lib/errors";

function readIdempotencyKey(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  if (header === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError("VALIDATION_ERROR", "The Idempotency-Key header is not valid.", [
      { path: "Idempotency-Key", message: parsed.error.issues[0]?.message ?? "is not valid" },
    ]);
  }
  return parsed.data;
}

export const POST = apiRoute("user", async (request, { actor }) => {
  const body = await readJsonBody(request, reserveBodySchema);
  const result = await reserveSlot(actor, { ...body, idempotencyKey: readIdempotencyKey(request) });
  return json(result, 201);
});
