// Analytics reads. Every figure is aggregated by the database (GROUP BY over covering
// indexes, see the analytics_indexes migration): what comes back is at most one row per
// day, hour, zone, slot type or slot, never one row per reservation or payment. The SQL
// is plain (CASE, NOT IN, COUNT/SUM) so that it also runs on PostgreSQL; the one function
// that differs, a timestamp's UTC date, goes through lib/db/dialect.ts.
//
// Definitions (docs/analytics.md):
// - Revenue: payments with payment_status 'completed' (refunded ones excluded) whose
//   payment_date lies in [from, now], by UTC day and by the reserved slot's type.
// - Occupied slot-hour: a utilization_stats row (slot, UTC date, hour) with a count > 0,
//   i.e. a slot booked for at least part of that hour. Two short bookings in one hour
//   are one occupied slot-hour, so a rate never exceeds 1.
// - Available slot-hours: slots in service now × the hours of the range up to and
//   including the current hour. Occupancy counts only slots in service now, so numerator
//   and denominator describe the same slots.
// - Preferences: reservations created in [from, now], whatever their status.
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { utcDateOf } from "@/lib/db/dialect";
import { SLOT_TYPES, type SlotType } from "@/lib/dto";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The analysed window: the last `days` UTC calendar days including today, up to now. */
export type AnalyticsRange = {
  days: number;
  from: Date;
  now: Date;
  fromDate: string;
  todayDate: string;
  currentHour: number;
  /** Hour buckets in the range: the whole earlier days plus today's hours up to now. */
  hours: number;
};

export function utcDate(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function analyticsRange(days: number, now: Date): AnalyticsRange {
  const todayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = new Date(todayStart - (days - 1) * DAY_MS);
  const currentHour = now.getUTCHours();
  return {
    days,
    from,
    now,
    fromDate: utcDate(from),
    todayDate: utcDate(todayStart),
    currentHour,
    hours: (days - 1) * 24 + currentHour + 1,
  };
}

const toNumber = (value: number | bigint | null | undefined) => Number(value ?? 0);

/** Utilization rows of [fromDate, (todayDate, currentHour)]: whole days, then today so far. */
function utilizationInRange(fromDate: string, todayDate: string, currentHour: number) {
  return Prisma.sql`u.date >= ${fromDate}
    AND (u.date < ${todayDate} OR (u.date = ${todayDate} AND u.hour <= ${currentHour}))
    AND u.occupancy_count > 0`;
}

/** Slots flagged out of service: few, so a NOT IN keeps the scans on the index alone. */
const OUT_OF_SERVICE_SLOTS = Prisma.sql`SELECT id FROM parking_slots WHERE out_of_service = true`;

/** Reservations created in the range, counted per slot on the covering index. */
function reservationsPerSlot(range: AnalyticsRange) {
  return Prisma.sql`
    SELECT r.slot_id AS slot_id, COUNT(*) AS n
    FROM reservations r
    WHERE r.created_at >= ${range.from} AND r.created_at <= ${range.now}
    GROUP BY r.slot_id`;
}

/**
 * Every analytics statement, built apart from running it so that a test can check each
 * one's query plan (tests/unit/analytics/indexes.test.ts).
 */
export const analyticsSql = {
  revenueByDay: (range: AnalyticsRange) => Prisma.sql`
    SELECT ${utcDateOf(Prisma.sql`p.payment_date`)} AS day, SUM(p.amount_cents) AS cents
    FROM payments p
    WHERE p.payment_status = 'completed'
      AND p.payment_date >= ${range.from} AND p.payment_date <= ${range.now}
    GROUP BY ${utcDateOf(Prisma.sql`p.payment_date`)}`,

  revenueBySlotType: (range: AnalyticsRange) => Prisma.sql`
    SELECT s.slot_type AS type, SUM(p.amount_cents) AS cents
    FROM payments p
    JOIN reservations r ON r.id = p.reservation_id
    JOIN parking_slots s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
      AND p.payment_date >= ${range.from} AND p.payment_date <= ${range.now}
    GROUP BY s.slot_type`,

  utilizationByZone: (range: AnalyticsRange) => Prisma.sql`
    SELECT s.floor_number AS floor, s.zone AS zone,
      SUM(CASE WHEN s.out_of_service THEN 0 ELSE 1 END) AS slots,
      SUM(CASE WHEN s.out_of_service THEN 0 ELSE COALESCE(o.hours, 0) END) AS occupied
    FROM parking_slots s
    LEFT JOIN (
      SELECT u.slot_id AS slot_id, COUNT(*) AS hours
      FROM utilization_stats u
      WHERE ${utilizationInRange(range.fromDate, range.todayDate, range.currentHour)}
      GROUP BY u.slot_id
    ) o ON o.slot_id = s.id
    GROUP BY s.floor_number, s.zone
    ORDER BY s.floor_number, s.zone`,

  occupiedByHourOfDay: (range: AnalyticsRange) => Prisma.sql`
    SELECT u.hour AS hour, COUNT(*) AS occupied
    FROM utilization_stats u
    WHERE ${utilizationInRange(range.fromDate, range.todayDate, range.currentHour)}
      AND u.slot_id NOT IN (${OUT_OF_SERVICE_SLOTS})
    GROUP BY u.hour`,

  /** Hours [first, last] inclusive, both hour-aligned. */
  occupiedHourlySeries: (first: Date, last: Date) => Prisma.sql`
    SELECT u.date AS date, u.hour AS hour, COUNT(*) AS occupied
    FROM utilization_stats u
    WHERE u.date <= ${utcDate(last)}
      AND (u.date > ${utcDate(first)} OR (u.date = ${utcDate(first)} AND u.hour >= ${first.getUTCHours()}))
      AND (u.date < ${utcDate(last)} OR (u.date = ${utcDate(last)} AND u.hour <= ${last.getUTCHours()}))
      AND u.occupancy_count > 0
      AND u.slot_id NOT IN (${OUT_OF_SERVICE_SLOTS})
    GROUP BY u.date, u.hour`,

  firstUtilizationDate: () => Prisma.sql`SELECT MIN(u.date) AS first FROM utilization_stats u`,

  reservationsBySlotType: (range: AnalyticsRange) => Prisma.sql`
    SELECT s.slot_type AS type, SUM(c.n) AS reservations
    FROM (${reservationsPerSlot(range)}) c
    JOIN parking_slots s ON s.id = c.slot_id
    GROUP BY s.slot_type`,

  reservationsByZone: (range: AnalyticsRange) => Prisma.sql`
    SELECT s.floor_number AS floor, s.zone AS zone, COALESCE(SUM(c.n), 0) AS reservations
    FROM parking_slots s
    LEFT JOIN (${reservationsPerSlot(range)}) c ON c.slot_id = s.id
    GROUP BY s.floor_number, s.zone
    ORDER BY s.floor_number, s.zone`,
};

type Count = number | bigint;

export async function revenueByDay(range: AnalyticsRange) {
  const rows = await db.$queryRaw<{ day: string; cents: Count }[]>(
    analyticsSql.revenueByDay(range),
  );
  const byDay = new Map(rows.map((row) => [String(row.day), toNumber(row.cents)]));
  return Array.from({ length: range.days }, (_, i) => {
    const date = utcDate(range.from.getTime() + i * DAY_MS);
    return { date, revenueCents: byDay.get(date) ?? 0 };
  });
}

export async function revenueBySlotType(range: AnalyticsRange) {
  const rows = await db.$queryRaw<{ type: string; cents: Count }[]>(
    analyticsSql.revenueBySlotType(range),
  );
  const byType = new Map(rows.map((row) => [row.type, toNumber(row.cents)]));
  return SLOT_TYPES.map((type) => ({ type, revenueCents: byType.get(type) ?? 0 }));
}

export type ZoneUtilization = {
  floor: number;
  zone: string;
  inServiceSlots: number;
  occupiedSlotHours: number;
};

/** Every zone of the garage with its in-service slots and their occupied slot-hours. */
export async function utilizationByZone(range: AnalyticsRange): Promise<ZoneUtilization[]> {
  const rows = await db.$queryRaw<
    { floor: Count; zone: string; slots: Count; occupied: Count | null }[]
  >(analyticsSql.utilizationByZone(range));
  return rows.map((row) => ({
    floor: toNumber(row.floor),
    zone: row.zone,
    inServiceSlots: toNumber(row.slots),
    occupiedSlotHours: toNumber(row.occupied),
  }));
}

/** Occupied in-service slot-hours in the range, by UTC hour of day (24 entries). */
export async function occupiedByHourOfDay(range: AnalyticsRange): Promise<number[]> {
  const rows = await db.$queryRaw<{ hour: Count; occupied: Count }[]>(
    analyticsSql.occupiedByHourOfDay(range),
  );
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const row of rows) byHour[toNumber(row.hour)] = toNumber(row.occupied);
  return byHour;
}

/**
 * Occupied in-service slots per hour from `from` (hour-aligned) up to but excluding the
 * hour that starts at `until`: one value per hour, 0 for hours without bookings.
 */
export async function occupiedHourlySeries(from: Date, until: Date): Promise<number[]> {
  const length = Math.max(0, Math.round((until.getTime() - from.getTime()) / HOUR_MS));
  if (length === 0) return [];
  const last = new Date(until.getTime() - HOUR_MS);
  const rows = await db.$queryRaw<{ date: string; hour: Count; occupied: Count }[]>(
    analyticsSql.occupiedHourlySeries(from, last),
  );
  const series = Array.from({ length }, () => 0);
  for (const row of rows) {
    const at = Date.parse(`${row.date}T00:00:00.000Z`) + toNumber(row.hour) * HOUR_MS;
    const index = Math.round((at - from.getTime()) / HOUR_MS);
    if (index >= 0 && index < length) series[index] = toNumber(row.occupied);
  }
  return series;
}

/** The first UTC date with any recorded utilization, or null for a garage without history. */
export async function firstUtilizationDate(): Promise<string | null> {
  const rows = await db.$queryRaw<{ first: string | null }[]>(analyticsSql.firstUtilizationDate());
  return rows[0]?.first ?? null;
}

export async function inServiceSlotCount(): Promise<number> {
  return db.parkingSlot.count({ where: { outOfService: false } });
}

export async function reservationsBySlotType(range: AnalyticsRange) {
  const rows = await db.$queryRaw<{ type: string; reservations: Count }[]>(
    analyticsSql.reservationsBySlotType(range),
  );
  const byType = new Map(rows.map((row) => [row.type, toNumber(row.reservations)]));
  return SLOT_TYPES.map((type: SlotType) => ({ type, reservations: byType.get(type) ?? 0 }));
}

export async function reservationsByZone(range: AnalyticsRange) {
  const rows = await db.$queryRaw<{ floor: Count; zone: string; reservations: Count }[]>(
    analyticsSql.reservationsByZone(range),
  );
  return rows.map((row) => ({
    floor: toNumber(row.floor),
    zone: row.zone,
    reservations: toNumber(row.reservations),
  }));
}
