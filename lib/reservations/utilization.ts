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

export async function recordUtilization(
  tx: Tx,
  booking: { slotId: number; startTime: Date; durationHours: number; pricePerHourCents: number },
): Promise<void> {
  const rows = hoursCovered(booking.startTime, booking.durationHours).map(
    ({ date, hour }) =>
      Prisma.sql`(${booking.slotId}, ${date}, ${hour}, 1, ${booking.pricePerHourCents})`,
  );
  await tx.$executeRaw`
    INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (slot_id, date, hour) DO UPDATE SET
      occupancy_count = utilization_stats.occupancy_count + excluded.occupancy_count,
      revenue_cents = utilization_stats.revenue_cents + excluded.revenue_cents`;
}
