// Extending a running or upcoming reservation by whole hours (API.md v2 → Arrival, stay and
// exit): one more kind of booking request, decided by the same decision as a new
// reservation (lib/reservations/decide.ts) through the same group commit, so the window,
// price, wallet and debt rules are the reserve path's own.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireReservationAccess } from "@/lib/auth/access";
import { book } from "@/lib/reservations/batch";
import type { ReserveResult } from "@/lib/reservations/decide";
import { refusalError } from "@/lib/reservations/refusals";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/limits";
import { extendFingerprint, keyed } from "@/lib/reservations/idempotency";
import { isStaffActingForAnother } from "@/lib/audit/service";

export type ExtendInput = {
  hours: number;
  /** The quoted price of the added hours; a different price fails with PRICE_CHANGED. */
  expectedTotalCents?: number;
  /** The same key and request again answers the first result and extends once. */
  idempotencyKey?: string;
};

/**
 * Grows a reservation by `hours` at its end, charged to its owner's wallet at the quote for
 * the added hours [endTime, endTime + hours), with an `extension` payment and ledger row and
 * the added hours' utilization, in one transaction. Its owner or staff at its location may
 * (anyone else's looks like it does not exist); staff extending another user's reservation
 * is audited (reservation_extend). An Idempotency-Key is the owner's, as on reserve
 * (lib/reservations/idempotency.ts).
 */
export async function extendReservation(
  actor: Actor,
  reservationId: number,
  input: ExtendInput,
  now: Date = new Date(),
): Promise<ReserveResult> {
  const reservation = await db.reservation.findUnique({
    where: { id: reservationId },
    select: { userId: true, slotId: true, slot: { select: { locationId: true } } },
  });
  if (!reservation) throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
  await requireReservationAccess(actor, {
    id: reservationId,
    userId: reservation.userId,
    locationId: reservation.slot.locationId,
  });
  if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > MAX_RESERVATION_HOURS) {
    throw new AppError(
      "VALIDATION_ERROR",
      `A reservation is extended by 1 to ${MAX_RESERVATION_HOURS} whole hours.`,
      [{ path: "hours", message: `must be a whole number from 1 to ${MAX_RESERVATION_HOURS}` }],
    );
  }
  const outcome = await book({
    kind: "extend",
    ownerId: reservation.userId,
    reservationId,
    slotId: reservation.slotId,
    hours: input.hours,
    expectedTotalCents: input.expectedTotalCents,
    now,
    auditedActor: isStaffActingForAnother(actor, reservation.userId) ? actor : null,
    idempotency: keyed(input.idempotencyKey, () => extendFingerprint({ reservationId, ...input })),
  });
  if (!outcome.ok) throw refusalError(outcome.refusal);
  return outcome.result;
}
