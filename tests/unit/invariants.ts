// Invariants of a whole database's history, checked in bulk: for the demo seed and the
// benchmark dataset, which write history by bulk paths rather than through the domain.
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { hoursCovered } from "@/lib/reservations/utilization";
import { ROLLUP_TABLES, ROLLUPS } from "@/lib/analytics/rollups";

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

/** No slot holds two reservations (that were not cancelled) at the same time. */
export async function expectNoOverlappingReservations(): Promise<void> {
  const reservations = await db.reservation.findMany({
    where: { status: { not: "cancelled" } },
    select: { id: true, slotId: true, startTime: true, endTime: true },
    orderBy: [{ slotId: "asc" }, { startTime: "asc" }],
  });
  const overlaps = reservations.filter((current, i) => {
    const previous = reservations[i - 1];
    return previous?.slotId === current.slotId && current.startTime < previous.endTime;
  });
  expect(overlaps).toEqual([]);
  const badTimes = reservations.filter((r) => r.endTime <= r.startTime);
  expect(badTimes).toEqual([]);
}

/** Every reservation is paid once, in full, by its owner, with one ledger charge for it. */
export async function expectEveryReservationPaidOnce(): Promise<void> {
  // In SQL: these databases hold thousands of reservations.
  const wrong = await db.$queryRaw<{ id: number }[]>`
    SELECT r.id FROM reservations r JOIN parking_slots s ON s.id = r.slot_id
    WHERE r.total_amount_cents != r.duration_hours * s.price_per_hour_cents
       OR (SELECT COUNT(*) FROM payments p WHERE p.reservation_id = r.id) != 1
       OR (SELECT COUNT(*) FROM payments p
           WHERE p.reservation_id = r.id AND p.user_id = r.user_id
             AND p.amount_cents = r.total_amount_cents AND p.payment_status = 'completed'
             AND p.transaction_id GLOB 'txn_[0-9a-f]*' AND length(p.transaction_id) = 36) != 1
       OR (SELECT COUNT(*) FROM wallet_transactions w WHERE w.reservation_id = r.id) != 1
       OR (SELECT COUNT(*) FROM wallet_transactions w JOIN payments p ON p.id = w.payment_id
           WHERE w.reservation_id = r.id AND p.reservation_id = r.id AND w.kind = 'charge'
             AND w.user_id = r.user_id AND w.amount_cents = -r.total_amount_cents) != 1
    LIMIT 10`;
  expect(wrong).toEqual([]);
  const reservations = await db.reservation.findMany({
    select: { id: true, startTime: true, endTime: true, durationHours: true },
  });
  const badTimes = reservations.filter(
    (r) => r.endTime.getTime() - r.startTime.getTime() !== r.durationHours * 3_600_000,
  );
  expect(badTimes).toEqual([]);
}

/** Hourly utilization is exactly what recordUtilization() would have written. */
export async function expectUtilizationMatchesReservations(): Promise<void> {
  const [stats, payments, reservations, slots] = await Promise.all([
    db.utilizationStat.findMany(),
    db.payment.aggregate({ where: { paymentStatus: "completed" }, _sum: { amountCents: true } }),
    db.reservation.findMany({
      select: { slotId: true, startTime: true, durationHours: true },
    }),
    db.parkingSlot.findMany({ select: { id: true, pricePerHourCents: true } }),
  ]);
  expect(sum(stats.map((s) => s.revenueCents))).toBe(payments._sum.amountCents);
  expect(sum(stats.map((s) => s.occupancyCount))).toBe(
    sum(reservations.map((r) => r.durationHours)),
  );
  // Row by row: rebuild the buckets from the reservations and compare.
  const price = new Map(slots.map((s) => [s.id, s.pricePerHourCents]));
  const expected = new Map<string, string>();
  for (const r of reservations) {
    for (const { date, hour } of hoursCovered(r.startTime, r.durationHours)) {
      const key = `${r.slotId}|${date}|${hour}`;
      const [count, revenue] = (expected.get(key) ?? "0 0").split(" ").map(Number);
      expected.set(key, `${count! + 1} ${revenue! + price.get(r.slotId)!}`);
    }
  }
  const mismatches = stats.flatMap((s) => {
    const key = `${s.slotId}|${s.date}|${s.hour}`;
    const actual = `${s.occupancyCount} ${s.revenueCents}`;
    return expected.get(key) === actual ? [] : [`${key}: ${actual} != ${expected.get(key)}`];
  });
  expect(mismatches.slice(0, 10)).toEqual([]);
  expect(stats.length).toBe(expected.size);
}

/**
 * Every analytics roll-up (kept by triggers, or filled in bulk) equals its recomputation
 * from the base tables (lib/analytics/rollups.ts). Rows a reversal brought to zero stay
 * in the tables, so all-zero rows are left out on both sides.
 */
export async function expectRollupsMatchBaseTables(): Promise<void> {
  for (const table of ROLLUP_TABLES) {
    const { columns, key, select } = ROLLUPS[table];
    const values = columns.filter((c) => !(key as readonly string[]).includes(c));
    const nonZero = values.map((c) => `${c} <> 0`).join(" OR ");
    const order = key.map((_, i) => i + 1).join(", ");
    const normalize = (rows: Record<string, unknown>[]) =>
      rows.map((row) =>
        Object.fromEntries(
          columns.map((c) => [c, typeof row[c] === "bigint" ? Number(row[c]) : row[c]]),
        ),
      );
    const stored = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${columns.join(", ")} FROM ${table} WHERE ${nonZero} ORDER BY ${order}`,
    );
    const recomputed = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${columns.join(", ")} FROM (${select()}) x WHERE ${nonZero} ORDER BY ${order}`,
    );
    expect(normalize(stored), table).toEqual(normalize(recomputed));
  }
}
