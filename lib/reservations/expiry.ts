// Reservations move through time on their own: an upcoming one becomes active at its
// start, an active one completes at its end (a drive-up at its provisional end: the car may
// still be inside, and its exit bills it), and at a location that requires check-in a
// booking not checked in 30 minutes after its start becomes a no-show. Availability is a column, so the slot must be
// taken and released in the database: read paths call sweepExpiredReservations() before
// they look, and instrumentation.ts runs it on a timer. Because it works from the stored
// start and end times (never from timers set per reservation), it is correct after any
// restart: a reservation whose whole window passed while the server was down is completed.
import { db, transaction, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { hourlyCentsOf, recordUtilization } from "@/lib/reservations/utilization";
import { refundToWallet } from "@/lib/wallet/credit";
import { NO_SHOW_AFTER_MS } from "@/lib/reservations/no-show";
import { HOUR_MS } from "@/lib/time";

/** Booked reservations at check-in locations, not checked in, NO_SHOW_AFTER_MS past their start. */
function noShowWhere(now: Date) {
  return {
    status: { in: ["upcoming", "active"] },
    kind: "booked",
    checkedInAt: null,
    startTime: { lte: new Date(now.getTime() - NO_SHOW_AFTER_MS) },
    slot: { location: { requiresCheckIn: true } },
  } satisfies Prisma.ReservationWhereInput;
}

/**
 * Marks no-shows: status no_show, the slot released if it held it, half the price
 * (rounded down) refunded to the wallet with a `refund` ledger row (the payment stays
 * completed: the booking was honoured for its first half hour), and the utilization hours
 * after the release taken off. Runs before completion, so a no-show whose whole window
 * passed while the server was down is still one.
 */
export async function markNoShows(tx: Tx, now: Date): Promise<number> {
  const due = await tx.reservation.findMany({
    where: noShowWhere(now),
    select: {
      id: true,
      userId: true,
      slotId: true,
      status: true,
      startTime: true,
      durationHours: true,
      totalAmountCents: true,
      hourlyCents: true,
    },
  });
  for (const reservation of due) {
    const marked = await tx.reservation.updateMany({
      where: { id: reservation.id, status: reservation.status, checkedInAt: null },
      data: { status: "no_show" },
    });
    if (marked.count !== 1) continue;
    if (reservation.status === "active") {
      await tx.parkingSlot.updateMany({
        where: { id: reservation.slotId },
        data: { isAvailable: true },
      });
    }
    // Released half an hour into its first hour: the hours after that one are freed.
    const freed = hourlyCentsOf(reservation).slice(1);
    if (freed.length > 0) {
      await recordUtilization(
        tx,
        [
          {
            slotId: reservation.slotId,
            startTime: new Date(reservation.startTime.getTime() + HOUR_MS),
            hourlyCents: freed,
          },
        ],
        -1,
      );
    }
    const refund = Math.floor(reservation.totalAmountCents / 2);
    if (refund > 0) {
      await refundToWallet(
        tx,
        { userId: reservation.userId, amountCents: refund, reservationId: reservation.id },
        now,
      );
    }
  }
  return due.length;
}

/** Completes every active reservation whose end time has passed and frees its slot. */
export async function completeExpiredReservations(tx: Tx, now: Date): Promise<number> {
  const expired = await tx.reservation.findMany({
    where: { status: "active", endTime: { lte: now } },
    select: { id: true, slotId: true },
  });
  if (expired.length === 0) return 0;
  await tx.reservation.updateMany({
    where: { id: { in: expired.map((r) => r.id) }, status: "active" },
    data: { status: "completed" },
  });
  // At most one active reservation per slot (a unique partial index), and it just ended.
  // If the slot's next booking starts now, startDueReservations takes it again in the
  // same transaction, so no reader ever sees the slot free in between.
  await tx.parkingSlot.updateMany({
    where: { id: { in: expired.map((r) => r.slotId) } },
    data: { isAvailable: true },
  });
  return expired.length;
}

/**
 * Starts every upcoming reservation whose start time has come: it becomes active and
 * holds its slot. One whose end has passed too (the server was down for its whole window)
 * goes straight to completed. Run after completeExpiredReservations, so the slot's previous
 * reservation has let go (the partial unique index allows one active per slot).
 */
async function startDueReservations(tx: Tx, now: Date): Promise<number> {
  const due = await tx.reservation.findMany({
    where: { status: "upcoming", startTime: { lte: now } },
    select: { id: true, slotId: true, endTime: true },
  });
  if (due.length === 0) return 0;
  const over = due.filter((r) => r.endTime <= now);
  const starting = due.filter((r) => r.endTime > now);
  if (over.length > 0) {
    await tx.reservation.updateMany({
      where: { id: { in: over.map((r) => r.id) }, status: "upcoming" },
      data: { status: "completed" },
    });
  }
  if (starting.length > 0) {
    await tx.reservation.updateMany({
      where: { id: { in: starting.map((r) => r.id) }, status: "upcoming" },
      data: { status: "active" },
    });
    await tx.parkingSlot.updateMany({
      where: { id: { in: starting.map((r) => r.slotId) } },
      data: { isAvailable: false },
    });
  }
  return due.length;
}

/** Every transition, in the order that keeps one active reservation per slot. */
export async function advanceReservations(tx: Tx, now: Date): Promise<number> {
  const noShows = await markNoShows(tx, now);
  const completed = await completeExpiredReservations(tx, now);
  const started = await startDueReservations(tx, now);
  return noShows + completed + started;
}

const SWEEP_INTERVAL_MS = 1_000;
let lastSweepAt = 0;

/**
 * Runs the sweep at most once a second per process: cheap indexed probes first, and a
 * write transaction only when something is due.
 */
export async function sweepExpiredReservations(now: Date = new Date()): Promise<number> {
  if (now.getTime() - lastSweepAt < SWEEP_INTERVAL_MS && now.getTime() >= lastSweepAt) return 0;
  lastSweepAt = now.getTime();
  const [ending, starting, noShow] = await Promise.all([
    db.reservation.findFirst({
      where: { status: "active", endTime: { lte: now } },
      select: { id: true },
    }),
    db.reservation.findFirst({
      where: { status: "upcoming", startTime: { lte: now } },
      select: { id: true },
    }),
    db.reservation.findFirst({ where: noShowWhere(now), select: { id: true } }),
  ]);
  if (!ending && !starting && !noShow) return 0;
  return transaction((tx) => advanceReservations(tx, now));
}

/** Forgets the throttle, so the next sweep runs (tests move the clock). */
export function resetSweepThrottle(): void {
  lastSweepAt = 0;
}
