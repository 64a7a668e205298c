// Reserve-and-pay and ending a reservation: every write in one transaction, every guard
// a conditional update whose row count decides, so concurrent requests cannot
// double-book a slot or overdraw a wallet.
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { transaction, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { toPaymentDto, toReservationDto, type PaymentDto, type ReservationDto } from "@/lib/dto";
import { completeExpiredReservations } from "@/lib/reservations/expiry";
import { recordUtilization } from "@/lib/reservations/utilization";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/parking";

const HOUR_MS = 3_600_000;

export type ReserveInput = {
  slotId: number;
  durationHours: number;
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
  if (previous.slotId !== input.slotId || previous.durationHours !== input.durationHours) {
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

/** Takes the slot if it is free; returns its price. Throws NOT_FOUND or SLOT_UNAVAILABLE. */
async function takeSlot(tx: Tx, slotId: number, now: Date): Promise<{ pricePerHourCents: number }> {
  const slot = await tx.parkingSlot.findUnique({
    where: { id: slotId },
    select: { pricePerHourCents: true, outOfService: true },
  });
  if (!slot) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
  if (slot.outOfService) {
    throw new AppError("SLOT_UNAVAILABLE", "This slot is out of service.");
  }
  const take = () =>
    tx.parkingSlot.updateMany({
      where: { id: slotId, isAvailable: true, outOfService: false },
      data: { isAvailable: false },
    });
  let taken = await take();
  // A reservation that ran out a moment ago may not have been swept yet.
  if (taken.count === 0 && (await completeExpiredReservations(tx, now)) > 0) taken = await take();
  if (taken.count !== 1) {
    throw new AppError("SLOT_UNAVAILABLE", "This slot has just been taken.");
  }
  return slot;
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

/**
 * Reserves a slot from now for `durationHours` and pays for it from the owner's wallet,
 * all in one transaction: take the slot, debit the wallet, write the reservation,
 * payment and ledger entry, and add the hours to utilization. Any failure undoes all.
 */
export async function reserveSlot(
  actor: Actor,
  input: ReserveInput,
  now: Date = new Date(),
): Promise<ReserveResult> {
  const ownerId = resolveTargetUserId(actor, input.userId);
  // The price is durationHours × the hourly price: anything but a whole number of hours
  // in range would charge fractional or negative cents (a negative amount credits).
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
  try {
    return await transaction(async (tx) => {
      if (idempotencyKey !== undefined) {
        const replay = await replayIdempotentReservation(tx, ownerId, { ...input, idempotencyKey });
        if (replay) return replay;
      }
      const { pricePerHourCents } = await takeSlot(tx, input.slotId, now);
      const totalAmountCents = pricePerHourCents * input.durationHours;
      const walletBalanceCents = await chargeWallet(tx, ownerId, totalAmountCents);

      const reservation = await tx.reservation.create({
        data: {
          userId: ownerId,
          slotId: input.slotId,
          startTime: now,
          endTime: new Date(now.getTime() + input.durationHours * HOUR_MS),
          durationHours: input.durationHours,
          totalAmountCents,
          idempotencyKey,
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
      await recordUtilization(tx, {
        slotId: input.slotId,
        startTime: now,
        durationHours: input.durationHours,
        pricePerHourCents,
      });
      return {
        reservation: toReservationDto(reservation),
        payment: toPaymentDto(payment),
        walletBalanceCents,
      };
    });
  } catch (error) {
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

/**
 * Ends an active reservation now and frees its slot at once. Drivers may end only their
 * own (anyone else's looks like it does not exist); staff may end anyone's.
 */
export async function endReservation(
  actor: Actor,
  reservationId: number,
  now: Date = new Date(),
): Promise<ReservationDto> {
  const outcome = await transaction(async (tx) => {
    const reservation = await tx.reservation.findUnique({
      where: { id: reservationId },
      select: { userId: true, slotId: true, status: true, endTime: true },
    });
    if (!reservation || (actor.role !== "staff" && reservation.userId !== actor.id)) {
      throw new AppError("NOT_FOUND", `Reservation ${reservationId} does not exist.`);
    }
    if (reservation.status !== "active") return "not-active" as const;
    if (reservation.endTime <= now) {
      // Its time ran out before the sweep got to it: complete it as the sweep would.
      await completeExpiredReservations(tx, now);
      return "not-active" as const;
    }
    const ended = await tx.reservation.updateMany({
      where: { id: reservationId, status: "active" },
      data: { status: "completed", endTime: now },
    });
    if (ended.count !== 1) return "not-active" as const;
    await tx.parkingSlot.updateMany({
      where: { id: reservation.slotId },
      data: { isAvailable: true },
    });
    return tx.reservation.findUniqueOrThrow({
      where: { id: reservationId },
      include: { slot: { select: { slotNumber: true } } },
    });
  });
  if (outcome === "not-active") {
    throw new AppError("RESERVATION_NOT_ACTIVE", "This reservation has already ended.");
  }
  return toReservationDto(outcome);
}
