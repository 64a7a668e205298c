// Reserve-and-pay (now or ahead), cancelling with a refund, and ending a reservation:
// every write in one transaction, every guard a conditional update whose row count
// decides, so concurrent requests cannot double-book a slot or overdraw a wallet.
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { transaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { toPaymentDto, toReservationDto, type PaymentDto, type ReservationDto } from "@/lib/dto";
import { advanceReservations } from "@/lib/reservations/expiry";
import { hourlyCentsOf, recordUtilization } from "@/lib/reservations/utilization";
import { quoteForSlot, type QuoteOptions } from "@/lib/pricing/service";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/parking";
import { MAX_BOOKING_AHEAD_DAYS } from "@/lib/validation/pricing";
import { reserveGrouped } from "@/lib/reservations/batch";
import { isStaffActingForAnother, recordAudit } from "@/lib/audit/service";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A start this far in the past still means "now": a time picker has minute precision and
 * the request takes a moment to arrive. Earlier than that is a 400.
 */
export const START_TIME_GRACE_MS = 5 * 60_000;

export type ReserveInput = {
  slotId: number;
  durationHours: number;
  /** When it starts; now when omitted. Up to MAX_BOOKING_AHEAD_DAYS ahead. */
  startTime?: Date;
  /** The total the caller was quoted; a different price fails with PRICE_CHANGED. */
  expectedTotalCents?: number;
  /** Staff may reserve for another user; drivers only for themselves. */
  userId?: number;
  idempotencyKey?: string;
};

export type ReserveResult = {
  reservation: ReservationDto;
  payment: PaymentDto;
  walletBalanceCents: number;
};

/** Unguessable: 128 random bits, never derived from ids or time. */
function newTransactionId(): string {
  return `txn_${randomBytes(16).toString("hex")}`;
}

/** The request as the Idempotency-Key remembers it: a replay must send the same. */
function idempotencyFingerprint(input: ReserveInput): string {
  return JSON.stringify({
    slotId: input.slotId,
    durationHours: input.durationHours,
    startTime: input.startTime?.toISOString() ?? null,
    expectedTotalCents: input.expectedTotalCents ?? null,
  });
}

async function replayIdempotentReservation(
  tx: Tx,
  ownerId: number,
  input: ReserveInput & { idempotencyKey: string },
): Promise<ReserveResult | null> {
  const previous = await tx.reservation.findUnique({
    where: { userId_idempotencyKey: { userId: ownerId, idempotencyKey: input.idempotencyKey } },
    include: {
      slot: { select: { slotNumber: true } },
      payments: { orderBy: { id: "asc" }, take: 1 },
      walletTransactions: { where: { kind: "charge" }, take: 1 },
    },
  });
  if (!previous) return null;
  const sameRequest =
    previous.idempotencyRequest === null
      ? // Stored before booking ahead existed: those requests had slot and duration only.
        previous.slotId === input.slotId &&
        previous.durationHours === input.durationHours &&
        input.startTime === undefined &&
        input.expectedTotalCents === undefined
      : previous.idempotencyRequest === idempotencyFingerprint(input);
  if (!sameRequest) {
    throw new AppError(
      "CONFLICT",
      "This Idempotency-Key was already used for a different reservation request.",
    );
  }
  const [payment] = previous.payments;
  const [charge] = previous.walletTransactions;
  if (!payment || !charge) throw new Error(`reservation ${previous.id} has no payment or charge`);
  return {
    reservation: toReservationDto(previous),
    payment: toPaymentDto(payment),
    walletBalanceCents: charge.balanceAfterCents,
  };
}

/** Thrown when another transaction bumped the slot's lock version first; the caller retries. */
class SlotLockContention extends Error {}

/**
 * Serializes bookings of one slot. Every reserve transaction bumps the slot's
 * lock_version with a conditional update (WHERE lock_version = v) BEFORE it checks for
 * overlapping reservations, and the overlap check and the insert follow in the same
 * transaction. Why this and not only "SQLite has one writer":
 * - in this process, transactions already queue on the adapter's single connection;
 * - across processes on SQLite, a transaction that read v and then finds the row changed
 *   cannot commit a stale write (the write upgrade fails with SQLITE_BUSY), so it fails
 *   instead of double-booking;
 * - on PostgreSQL (READ COMMITTED), the UPDATE takes the slot row's lock: a second
 *   transaction blocks until the first commits, then re-checks the WHERE, finds v + 1 and
 *   updates nothing (count 0, we retry with a fresh read); once its bump succeeds, its
 *   overlap query sees every booking committed by earlier bumpers.
 * So two overlapping bookings of one slot can never both pass the overlap check, while
 * bookings of different slots never wait for each other. Cancelling and ending only ever
 * shrink windows, so they need no lock: a racing booking at worst sees a conflict that is
 * gone a moment later.
 */
async function lockSlot(tx: Tx, slotId: number) {
  const slot = await tx.parkingSlot.findUnique({
    where: { id: slotId },
    select: { pricePerHourCents: true, outOfService: true, lockVersion: true },
  });
  if (!slot) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
  if (slot.outOfService) {
    throw new AppError("SLOT_UNAVAILABLE", "This slot is out of service.");
  }
  const bumped = await tx.parkingSlot.updateMany({
    where: { id: slotId, lockVersion: slot.lockVersion },
    data: { lockVersion: slot.lockVersion + 1 },
  });
  if (bumped.count !== 1) throw new SlotLockContention();
  return slot;
}

/** Refuses a window that overlaps an upcoming or active reservation of the slot. */
async function assertWindowFree(tx: Tx, slotId: number, start: Date, end: Date, now: Date) {
  const clash = await tx.reservation.findFirst({
    where: {
      slotId,
      status: { in: ["upcoming", "active"] },
      startTime: { lt: end },
      endTime: { gt: start },
      // An active reservation whose time is up no longer holds anything (the sweep has
      // just not reached it yet).
      NOT: { status: "active", endTime: { lte: now } },
    },
    select: { id: true },
  });
  if (clash) {
    throw new AppError("SLOT_UNAVAILABLE", "This slot is already booked for part of that time.");
  }
}

/** Takes a slot that is free right now (a reservation that starts now). */
async function takeSlotNow(tx: Tx, slotId: number, now: Date): Promise<void> {
  const take = () =>
    tx.parkingSlot.updateMany({
      where: { id: slotId, isAvailable: true, outOfService: false },
      data: { isAvailable: false },
    });
  let taken = await take();
  // A reservation that ran out a moment ago may not have been swept yet.
  if (taken.count === 0 && (await advanceReservations(tx, now)) > 0) taken = await take();
  if (taken.count !== 1) {
    throw new AppError("SLOT_UNAVAILABLE", "This slot has just been taken.");
  }
}

/** When the reservation starts: now when omitted or within the grace; else as asked. */
export function resolveStartTime(requested: Date | undefined, now: Date): Date {
  if (requested === undefined) return now;
  const at = requested.getTime();
  if (Number.isNaN(at) || at < now.getTime() - START_TIME_GRACE_MS) {
    throw new AppError("VALIDATION_ERROR", "A reservation cannot start in the past.", [
      { path: "startTime", message: "must not be in the past" },
    ]);
  }
  if (at > now.getTime() + MAX_BOOKING_AHEAD_DAYS * DAY_MS) {
    throw new AppError(
      "VALIDATION_ERROR",
      `A reservation can start at most ${MAX_BOOKING_AHEAD_DAYS} days ahead.`,
      [{ path: "startTime", message: `must be within ${MAX_BOOKING_AHEAD_DAYS} days from now` }],
    );
  }
  return at <= now.getTime() ? now : requested;
}

/** Debits the wallet if it covers the amount; returns the new balance. */
async function chargeWallet(tx: Tx, userId: number, amountCents: number): Promise<number> {
  const debit = await tx.user.updateMany({
    where: { id: userId, walletBalanceCents: { gte: amountCents } },
    data: { walletBalanceCents: { decrement: amountCents } },
  });
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { walletBalanceCents: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
  if (debit.count !== 1) {
    throw new AppError(
      "INSUFFICIENT_FUNDS",
      "The wallet balance does not cover this reservation.",
      {
        walletBalanceCents: user.walletBalanceCents,
        requiredCents: amountCents,
      },
    );
  }
  return user.walletBalanceCents;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const MAX_LOCK_ATTEMPTS = 5;

/**
 * Reserves a slot for `durationHours` from `startTime` (default now) and pays for it from
 * the owner's wallet, all in one transaction: lock the slot, check the window is free,
 * price it with the same quote function as GET /api/quote, take the slot if it starts now,
 * debit the wallet, write the reservation, payment and ledger entry, and add the hours to
 * utilization. Any failure undoes all. A reservation that starts later is `upcoming` and
 * becomes active at its start (lib/reservations/expiry.ts).
 */
export async function reserveSlot(
  actor: Actor,
  input: ReserveInput,
  now: Date = new Date(),
  options: QuoteOptions = {},
): Promise<ReserveResult> {
  const ownerId = resolveTargetUserId(actor, input.userId);
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
  const { idempotencyKey } = input;
  if (idempotencyKey === undefined && options.forecast === undefined) {
    // The common case goes through the group commit (lib/reservations/batch.ts), which
    // decides exactly as the code below would and falls back to it when its transaction
    // fails.
    const startTime = resolveStartTime(input.startTime, now);
    return reserveGrouped(
      {
        ownerId,
        slotId: input.slotId,
        durationHours: input.durationHours,
        startTime,
        endTime: new Date(startTime.getTime() + input.durationHours * HOUR_MS),
        expectedTotalCents: input.expectedTotalCents,
        now,
      },
      () => reserveAlone(ownerId, input, now, options),
    );
  }
  return reserveAlone(ownerId, input, now, options);
}

/** The one-request path: its own transaction, statement by statement. */
async function reserveAlone(
  ownerId: number,
  input: ReserveInput,
  now: Date,
  options: QuoteOptions,
): Promise<ReserveResult> {
  const { idempotencyKey } = input;
  const attempt = () =>
    transaction(async (tx) => {
      if (idempotencyKey !== undefined) {
        const replay = await replayIdempotentReservation(tx, ownerId, { ...input, idempotencyKey });
        if (replay) return replay;
      }
      const startTime = resolveStartTime(input.startTime, now);
      const endTime = new Date(startTime.getTime() + input.durationHours * HOUR_MS);
      const startsNow = startTime.getTime() === now.getTime();

      await lockSlot(tx, input.slotId);
      if (idempotencyKey !== undefined) {
        // Again under the slot's lock: a request with the same key may have booked this slot
        // and committed after the check above (PostgreSQL, READ COMMITTED; another server):
        // it answered first, so this one is its replay, not a 409 for the overlap.
        const replay = await replayIdempotentReservation(tx, ownerId, { ...input, idempotencyKey });
        if (replay) return replay;
      }
      await assertWindowFree(tx, input.slotId, startTime, endTime, now);
      // Priced before the slot is taken, so the occupancy it sees is the one a quote saw.
      const quote = await quoteForSlot(
        tx,
        { slotId: input.slotId, startTime, durationHours: input.durationHours },
        now,
        options,
      );
      if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== quote.totalCents) {
        throw new AppError(
          "PRICE_CHANGED",
          "The price of this reservation has changed since it was quoted; nothing was charged.",
          {
            expectedTotalCents: input.expectedTotalCents,
            totalCents: quote.totalCents,
            breakdown: quote.breakdown,
          },
        );
      }
      if (startsNow) await takeSlotNow(tx, input.slotId, now);
      const totalAmountCents = quote.totalCents;
      const hourlyCents = quote.breakdown.map((h) => h.cents);
      const walletBalanceCents = await chargeWallet(tx, ownerId, totalAmountCents);

      const reservation = await tx.reservation.create({
        data: {
          userId: ownerId,
          slotId: input.slotId,
          startTime,
          endTime,
          durationHours: input.durationHours,
          totalAmountCents,
          hourlyCents: JSON.stringify(hourlyCents),
          status: startsNow ? "active" : "upcoming",
          idempotencyKey,
          idempotencyRequest: idempotencyKey === undefined ? null : idempotencyFingerprint(input),
          createdAt: now,
        },
        include: { slot: { select: { slotNumber: true } } },
      });
      const payment = await tx.payment.create({
        data: {
          reservationId: reservation.id,
          userId: ownerId,
          amountCents: totalAmountCents,
          paymentMethod: "wallet",
          transactionId: newTransactionId(),
          paymentDate: now,
        },
      });
      await tx.walletTransaction.create({
        data: {
          userId: ownerId,
          kind: "charge",
          amountCents: -totalAmountCents,
          balanceAfterCents: walletBalanceCents,
          paymentId: payment.id,
          reservationId: reservation.id,
          createdAt: now,
        },
      });
      await recordUtilization(tx, { slotId: input.slotId, startTime, hourlyCents });
      return {
        reservation: toReservationDto(reservation),
        payment: toPaymentDto(payment),
        walletBalanceCents,
      };
    });
  try {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof SlotLockContention) || tries >= MAX_LOCK_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    if (error instanceof SlotLockContention) {
      throw new AppError("SLOT_UNAVAILABLE", "This slot is busy; please try again.");
    }
    // Only reachable if another process wrote between our reads and writes: the
    // database's unique indexes are the last line (one active reservation per slot,
    // one reservation per user and Idempotency-Key).
    if (!isUniqueViolation(error)) throw error;
    if (idempotencyKey !== undefined) {
      const replay = await transaction((tx) =>
        replayIdempotentReservation(tx, ownerId, { ...input, idempotencyKey }),
      );
      if (replay) return replay;
    }
    throw new AppError("SLOT_UNAVAILABLE", "This slot has just been taken.");
  }
}

export type CancelResult = {
  reservation: ReservationDto;
  payment: PaymentDto;
  /** The owner's balance after the refund. */
  walletBalanceCents: number;
};

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
    const reservation = await tx.reservation.findUnique({ where: { id: reservationId } });
    if (!reservation || (actor.role !== "staff" && reservation.userId !== actor.id)) {
      throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
    }
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
    const owner = await tx.user.update({
      where: { id: reservation.userId },
      data: { walletBalanceCents: { increment: refund } },
      select: { walletBalanceCents: true },
    });
    await tx.walletTransaction.create({
      data: {
        userId: reservation.userId,
        kind: "refund",
        amountCents: refund,
        balanceAfterCents: owner.walletBalanceCents,
        paymentId: payment.id,
        reservationId,
        createdAt: now,
      },
    });
    await recordUtilization(
      tx,
      {
        slotId: reservation.slotId,
        startTime: reservation.startTime,
        hourlyCents: hourlyCentsOf(reservation),
      },
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
      include: { slot: { select: { slotNumber: true } } },
    });
    return {
      reservation: toReservationDto(updated),
      payment: toPaymentDto(payment),
      walletBalanceCents: owner.walletBalanceCents,
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
        select: { userId: true, slotId: true, status: true, startTime: true, endTime: true },
      });
    let reservation = await find();
    if (!reservation || (actor.role !== "staff" && reservation.userId !== actor.id)) {
      throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
    }
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
      include: { slot: { select: { slotNumber: true } } },
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
