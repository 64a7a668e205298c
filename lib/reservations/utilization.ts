// Hourly utilization, one row per slot and UTC hour that a reservation covers. Written
// with INSERT … ON CONFLICT … DO UPDATE so concurrent reservations add up instead of
// racing a read-modify-write; the SQL runs unchanged on PostgreSQL.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client";
import { HOUR_MS } from "@/lib/time";

export type UtilizationHour = { date: string; hour: number };

/** The UTC (date, hour) buckets of the `durationHours` hours starting at `startTime`. */
export function hoursCovered(startTime: Date, durationHours: number): UtilizationHour[] {
  return Array.from({ length: durationHours }, (_, i) => {
    const at = new Date(startTime.getTime() + i * HOUR_MS);
    return { date: at.toISOString().slice(0, 10), hour: at.getUTCHours() };
  });
}

export type UtilizationBooking = {
  slotId: number;
  startTime: Date;
  /** What each hour cost, in order; one entry per hour booked. */
  hourlyCents: readonly number[];
};

/**
 * Adds bookings to the hours they cover, whenever they are (a booking ahead counts for
 * its future hours), with what each hour cost: one upsert for every (slot, date, hour)
 * they touch. `sign: -1` takes cancelled bookings off again with the same upsert; rows it
 * brings to zero are deleted, so a cancelled booking leaves the table exactly as it found it.
 */
export async function recordUtilization(
  tx: Tx,
  bookings: readonly UtilizationBooking[],
  sign: 1 | -1 = 1,
): Promise<void> {
  const rows = new Map<
    string,
    { slotId: number; date: string; hour: number; cents: number; count: number }
  >();
  for (const booking of bookings) {
    hoursCovered(booking.startTime, booking.hourlyCents.length).forEach(({ date, hour }, i) => {
      const key = `${booking.slotId}|${date}|${hour}`;
      const row = rows.get(key) ?? { slotId: booking.slotId, date, hour, cents: 0, count: 0 };
      row.count += sign;
      row.cents += sign * booking.hourlyCents[i]!;
      rows.set(key, row);
    });
  }
  if (rows.size === 0) return;
  await tx.$executeRaw`
    INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
    VALUES ${Prisma.join(
      [...rows.values()].map(
        (r) => Prisma.sql`(${r.slotId}, ${r.date}, ${r.hour}, ${r.count}, ${r.cents})`,
      ),
    )}
    ON CONFLICT (slot_id, date, hour) DO UPDATE SET
      occupancy_count = utilization_stats.occupancy_count + excluded.occupancy_count,
      revenue_cents = utilization_stats.revenue_cents + excluded.revenue_cents`;
  if (sign === -1) {
    for (const slotId of new Set(bookings.map((b) => b.slotId))) {
      const dates = [
        ...new Set([...rows.values()].filter((r) => r.slotId === slotId).map((r) => r.date)),
      ];
      await tx.$executeRaw`
        DELETE FROM utilization_stats
        WHERE slot_id = ${slotId} AND date IN (${Prisma.join(dates)})
          AND occupancy_count = 0 AND revenue_cents = 0`;
    }
  }
}

/** What each hour of a reservation cost: stored per hour, or even for older rows. */
export function hourlyCentsOf(reservation: {
  hourlyCents: string | null;
  totalAmountCents: number;
  durationHours: number;
}): number[] {
  if (reservation.hourlyCents !== null) return JSON.parse(reservation.hourlyCents) as number[];
  const even = reservation.totalAmountCents / reservation.durationHours;
  return Array.from({ length: reservation.durationHours }, () => even);
}
