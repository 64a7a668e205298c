// Reservations end on their own when their time is up. Availability is a column, so the
// slot must be released in the database: read paths call sweepExpiredReservations()
// before they look, and instrumentation.ts runs it on a timer. Because it works from the
// stored end times, it is correct after any restart.
import { db, transaction, type Tx } from "@/lib/db/client";

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
  await tx.parkingSlot.updateMany({
    where: { id: { in: expired.map((r) => r.slotId) } },
    data: { isAvailable: true },
  });
  return expired.length;
}

const SWEEP_INTERVAL_MS = 1_000;
let lastSweepAt = 0;

/**
 * Runs the sweep at most once a second per process: a cheap indexed probe first, and a
 * write transaction only when something has expired.
 */
export async function sweepExpiredReservations(now: Date = new Date()): Promise<number> {
  if (now.getTime() - lastSweepAt < SWEEP_INTERVAL_MS && now.getTime() >= lastSweepAt) return 0;
  lastSweepAt = now.getTime();
  const due = await db.reservation.findFirst({
    where: { status: "active", endTime: { lte: now } },
    select: { id: true },
  });
  if (!due) return 0;
  return transaction((tx) => completeExpiredReservations(tx, now));
}

/** Forgets the throttle, so the next sweep runs (tests move the clock). */
export function resetSweepThrottle(): void {
  lastSweepAt = 0;
}
