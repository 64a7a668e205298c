// Hourly utilization, one row per slot and UTC hour that a reservation covers. Written
// with INSERT … ON CONFLICT … DO UPDATE so concurrent reservations add up instead of
// racing a read-modify-write; the SQL runs unchanged on PostgreSQL.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client";

const HOUR_MS = 3_600_000;

export type UtilizationHour = { date: string; hour: number };

/** The UTC (date, hour) buckets of the `durationHours` hours starting at `startTime`. */
export function hoursCovered(startTime: Date, durationHours: number): UtilizationHour[] {
  return Array.from({ length: durationHours }, (_, i) => {
    const at = new Date(startTime.getTime() + i * HOUR_MS);
    return { date: at.toISOString().slice(0, 10), hour: at.getUTCHours() };
  });
}

/**
 * Adds a booking to the hours it covers, whenever they are (a booking ahead counts for
 * its future hours), with what each hour cost. `sign: -1` takes a cancelled booking off
 * again with the same upsert; rows it brings to zero are deleted, so a cancelled booking
 * leaves the table exactly as it found it.
 */
export async function recordUtilization(
  tx: Tx,
  booking: { slotId: number; startTime: Date; hourlyCents: readonly number[] },
  sign: 1 | -1 = 1,
): Promise<void> {
  const hours = hoursCovered(booking.startTime, booking.hourlyCents.length);
  if (hours.length === 0) return;
  const rows = hours.map(
    ({ date, hour }, i) =>
      Prisma.sql`(${booking.slotId}, ${date}, ${hour}, ${sign}, ${sign * booking.hourlyCents[i]!})`,
  );
  await tx.$executeRaw`
    INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (slot_id, date, hour) DO UPDATE SET
      occupancy_count = utilization_stats.occupancy_count + excluded.occupancy_count,
      revenue_cents = utilization_stats.revenue_cents + excluded.revenue_cents`;
  if (sign === -1) {
    const dates = [...new Set(hours.map((h) => h.date))];
    await tx.$executeRaw`
      DELETE FROM utilization_stats
      WHERE slot_id = ${booking.slotId} AND date IN (${Prisma.join(dates)})
        AND occupancy_count = 0 AND revenue_cents = 0`;
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
