// Reserve-and-pay (now or ahead), cancelling with a refund, and ending a reservation:
// every write in one transaction, every guard a conditional update whose row count
// decides, so concurrent requests cannot double-book a slot or overdraw a wallet.
// Reserving goes through the group commit (lib/reservations/batch.ts), which decides with
// lib/reservations/decide.ts; a refusal becomes the contract's error here (refusals.ts).
import { transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { requireReservationAccess, requireStaffAtSlot } from "@/lib/auth/access";
import { toPaymentDto, toReservationDto, type ReservationDto } from "@/lib/dto";
import { advanceReservations } from "@/lib/reservations/expiry";
import { hourlyCentsOf, recordUtilization } from "@/lib/reservations/utilization";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/limits";
import { book } from "@/lib/reservations/batch";
import { resolveStart, type ReserveResult } from "@/lib/reservations/decide";
import { refusalError } from "@/lib/reservations/refusals";
import { isStaffActingForAnother, recordAudit } from "@/lib/audit/service";
import { refundToWallet } from "@/lib/wallet/credit";
import { keyed, reserveFingerprint } from "@/lib/reservations/idempotency";

export type { ReserveResult };

export type ReserveInput = {
  slotId: number;
  durationHours: number;
  /** When it starts; now when omitted. Up to MAX_BOOKING_AHEAD_DAYS ahead. */
  startTime?: Date;
  /** The total the caller was quoted; a different price fails with PRICE_CHANGED. */
  expectedTotalCents?: number;
  /** Staff may reserve for another user; drivers only for themselves. */
  userId?: number;
  /** The owner's vehicle it is for; by default the owner's only vehicle, else none. */
  vehicleId?: number;
  idempotencyKey?: string;
};

/** When the reservation starts: now when omitted or within the grace; else as asked. */
export function resolveStartTime(requested: Date | undefined, now: Date): Date {
  const resolved = resolveStart(requested, now);
  if (!resolved.ok) throw refusalError(resolved.refusal);
  return resolved.start;
}

/**
 * Reserves a slot for `durationHours` from `startTime` (default now) and pays for it from
 * the owner's wallet, all in one transaction (shared with the requests that arrive with
 * it): the window must be free, the price is the quote's (the same quotePrice as
 * GET /api/quote), a reservation that starts now takes the slot, and the wallet is
 * debited with reservation, payment, ledger entry and utilization hours written beside
 * it. Any failure undoes all. A reservation that starts later is `upcoming` and becomes
 * active at its start (lib/reservations/expiry.ts). The same Idempotency-Key again
 * returns the first answer.
 */
export async function reserveSlot(
  actor: Actor,
  input: ReserveInput,
  now: Date = new Date(),
): Promise<ReserveResult> {
  const ownerId = resolveTargetUserId(actor, input.userId);
  if (ownerId !== actor.id) await requireStaffAtSlot(actor, input.slotId);
  // The price is per whole hour: anything but a whole number of hours in range would
  // charge fractional or negative cents (a negative amount credits).
  if (
    !Number.isInteger(input.durationHours) ||
    input.durationHours < 1 ||
    input.durationHours > MAX_RESERVATION_HOURS
  ) {
    throw new AppError(
      "VALIDATION_ERROR",
      `A reservation lasts 1 to ${MAX_RESERVATION_HOURS} whole hours.`,
    );
  }
  const outcome = await book({
    kind: "reserve",
    ownerId,
    slotId: input.slotId,
    durationHours: input.durationHours,
    startTime: input.startTime,
    expectedTotalCents: input.expectedTotalCents,
    vehicleId: input.vehicleId,
    now,
    idempotency: keyed(input.idempotencyKey, () => reserveFingerprint(input)),
  });
  if (!outcome.ok) throw refusalError(outcome.refusal);
  return outcome.result;
}

export type CancelResult = ReserveResult;

/**
 * Cancels an upcoming reservation with a full refund, in one transaction: the reservation
 * becomes cancelled/refunded by a conditional update (so a second cancel finds nothing to
 * do and refunds nothing), its payment is marked refunded, the owner's wallet is credited
 * with a `refund` ledger row, and its utilization hours are taken off again. Drivers may
 * cancel only their own (anyone else's looks like it does not exist); staff anyone's. One
 * that has started or ended cannot be cancelled (active ones are ended instead).
 */
export async function cancelReservation(
  actor: Actor,
  reservationId: number,
  now: Date = new Date(),
): Promise<CancelResult> {
  const outcome = await transaction(async (tx) => {
    const reservation = await tx.reservation.findUnique({
      where: { id: reservationId },
      include: { slot: { select: { locationId: true } } },
    });
    if (!reservation)
      throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
    await requireReservationAccess(actor, {
      ...reservation,
      locationId: reservation.slot.locationId,
    });
    if (reservation.status !== "upcoming") return "not-upcoming" as const;
    if (reservation.startTime <= now) {
      // Its start has come before the sweep got to it: start it as the sweep would.
      await advanceReservations(tx, now);
      return "not-upcoming" as const;
    }
    const cancelled = await tx.reservation.updateMany({
      where: { id: reservationId, status: "upcoming" },
      data: { status: "cancelled", paymentStatus: "refunded" },
    });
    if (cancelled.count !== 1) return "not-upcoming" as const;
    const refund = reservation.totalAmountCents;
    await tx.payment.updateMany({
      where: { reservationId, paymentStatus: "completed" },
      data: { paymentStatus: "refunded" },
    });
    const payment = await tx.payment.findFirstOrThrow({
      where: { reservationId },
      orderBy: { id: "asc" },
    });
    const walletBalanceCents = await refundToWallet(
      tx,
      { userId: reservation.userId, amountCents: refund, reservationId, paymentId: payment.id },
      now,
    );
    await recordUtilization(
      tx,
      [
        {
          slotId: reservation.slotId,
          startTime: reservation.startTime,
          hourlyCents: hourlyCentsOf(reservation),
        },
      ],
      -1,
    );
    if (isStaffActingForAnother(actor, reservation.userId)) {
      await recordAudit(
        tx,
        actor,
        {
          action: "reservation_cancel",
          target: { type: "reservation", id: reservationId },
          before: { userId: reservation.userId, status: "upcoming", paymentStatus: "completed" },
          after: { status: "cancelled", paymentStatus: "refunded", refundCents: refund },
        },
        now,
      );
    }
    const updated = await tx.reservation.findUniqueOrThrow({
      where: { id: reservationId },
      include: { slot: { select: { slotNumber: true, locationId: true } } },
    });
    return {
      reservation: toReservationDto(updated),
      payment: toPaymentDto(payment),
      walletBalanceCents,
    };
  });
  if (outcome === "not-upcoming") {
    throw new AppError(
      "RESERVATION_NOT_ACTIVE",
      "Only a reservation that has not started can be cancelled; end a running one instead.",
    );
  }
  return outcome;
}

/**
 * Ends an active reservation now and frees its slot at once (no refund: the hours were
 * booked and paid). Drivers may end only their own (anyone else's looks like it does not
 * exist); staff may end anyone's. An upcoming one has not started: cancel it instead.
 */
export async function endReservation(
  actor: Actor,
  reservationId: number,
  now: Date = new Date(),
): Promise<ReservationDto> {
  const outcome = await transaction(async (tx) => {
    const find = () =>
      tx.reservation.findUnique({
        where: { id: reservationId },
        select: {
          userId: true,
          slotId: true,
          status: true,
          startTime: true,
          endTime: true,
          slot: { select: { locationId: true } },
        },
      });
    let reservation = await find();
    if (!reservation)
      throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
    await requireReservationAccess(actor, {
      id: reservationId,
      userId: reservation.userId,
      locationId: reservation.slot.locationId,
    });
    const due =
      (reservation.status === "upcoming" && reservation.startTime <= now) ||
      (reservation.status === "active" && reservation.endTime <= now);
    if (due) {
      // Its start or end came before the sweep got to it: move it on as the sweep would.
      await advanceReservations(tx, now);
      reservation = (await find())!;
    }
    if (reservation.status !== "active") return "not-active" as const;
    const ended = await tx.reservation.updateMany({
      where: { id: reservationId, status: "active" },
      data: { status: "completed", endTime: now },
    });
    if (ended.count !== 1) return "not-active" as const;
    // Its next booking cannot have started: it begins at or after this one's booked end.
    await tx.parkingSlot.updateMany({
      where: { id: reservation.slotId },
      data: { isAvailable: true },
    });
    if (isStaffActingForAnother(actor, reservation.userId)) {
      await recordAudit(
        tx,
        actor,
        {
          action: "reservation_end",
          target: { type: "reservation", id: reservationId },
          before: {
            userId: reservation.userId,
            status: "active",
            endTime: reservation.endTime.toISOString(),
          },
          after: { status: "completed", endTime: now.toISOString() },
        },
        now,
      );
    }
    return tx.reservation.findUniqueOrThrow({
      where: { id: reservationId },
      include: { slot: { select: { slotNumber: true, locationId: true } } },
    });
  });
  if (outcome === "not-active") {
    throw new AppError(
      "RESERVATION_NOT_ACTIVE",
      "This reservation has already ended (or has not started yet: cancel it instead).",
    );
  }
  return toReservationDto(outcome);
}
