// Analytics reads. Every figure is aggregated by the database from the roll-up tables
// (analytics_daily_type, analytics_daily_zone, analytics_hourly_zone, analytics_hourly;
// kept by triggers in every write transaction, lib/analytics/rollups.ts): what is read is
// at most a few rows per day of the range plus one day of base rows, and what comes back
// is at most one row per day, hour, zone or slot type. The SQL is plain (CASE, UNION ALL,
// COUNT/SUM) so that it also runs on PostgreSQL; the one function that differs, a
// timestamp's UTC date, goes through lib/db/dialect.ts.
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
import { HOUR_MS, DAY_MS } from "@/lib/time";
import type { ZoneTotals } from "@/lib/analytics/dto";

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

/**
 * The roll-up rows (alias.date, alias.hour) of the UTC hours [first, last] (hour starts,
 * inclusive). The date bounds alone make one index range; the ORs only filter the first
 * and last day's hours.
 */
export function hoursBetween(alias: string, first: number, last: number) {
  const t = Prisma.raw(alias);
  const [from, to] = [utcDate(first), utcDate(last)];
  return Prisma.sql`${t}.date >= ${from} AND ${t}.date <= ${to}
    AND (${t}.date > ${from} OR ${t}.hour >= ${new Date(first).getUTCHours()})
    AND (${t}.date < ${to} OR ${t}.hour <= ${new Date(last).getUTCHours()})`;
}

/**
 * A zone's (alias z: columns floor and zone, at `location`) sum of a daily zone roll-up
 * column over the UTC dates [from, to]: one index range of idx_analytics_daily_zone_by_zone
 * per zone. Grouping a year of the date-ordered rows by zone instead sorts all of them.
 */
export function zoneDaysSum(location: Prisma.Sql, from: string, to: string, column: string) {
  return Prisma.sql`COALESCE((
      SELECT SUM(d.${Prisma.raw(column)}) FROM analytics_daily_zone d
      WHERE d.location_id = ${location} AND d.floor_number = z.floor AND d.zone = z.zone
        AND d.date >= ${from} AND d.date <= ${to}), 0)`;
}

/** The start of the range's last day (today). */
const todayStart = (range: AnalyticsRange) => new Date(`${range.todayDate}T00:00:00.000Z`);

/** Completed payments of today up to now: the one day not read from the roll-ups. */
function paymentsToday(range: AnalyticsRange) {
  return Prisma.sql`p.payment_status = 'completed'
      AND p.payment_date >= ${todayStart(range)} AND p.payment_date <= ${range.now}`;
}

/** Reservations created today up to now, counted per slot on the covering index. */
function reservationsTodayPerSlot(range: AnalyticsRange) {
  return Prisma.sql`
    SELECT r.slot_id AS slot_id, COUNT(*) AS n
    FROM reservations r
    WHERE r.created_at >= ${todayStart(range)} AND r.created_at <= ${range.now}
    GROUP BY r.slot_id`;
}

/** Every zone of the network (location, floor, zone), with its slots in service now. */
const ZONES = Prisma.sql`
    SELECT s.location_id AS location_id, s.floor_number AS floor, s.zone AS zone,
      SUM(CASE WHEN s.out_of_service THEN 0 ELSE 1 END) AS slots
    FROM parking_slots s
    GROUP BY s.location_id, s.floor_number, s.zone`;

/**
 * Every analytics statement, built apart from running it so that a test can check each
 * one's query plan (tests/unit/analytics/indexes.test.ts).
 *
 * The figures come from the roll-up tables (prisma/schema.prisma, kept by triggers in every
 * write transaction): whole days before today from the daily ones, so a year is a few
 * hundred rows per type or zone, not one per payment or slot-hour. Today is read up to
 * `now`: occupancy from the hourly roll-ups (hour buckets), revenue and reservations from
 * the base tables' covering indexes (one day of rows), so rows stamped after `now` never
 * count.
 */
export const analyticsSql = {
  revenueByDay: (range: AnalyticsRange) => Prisma.sql`
    SELECT t.date AS day, SUM(t.revenue_cents) AS cents
    FROM analytics_daily_type t
    WHERE t.date >= ${range.fromDate} AND t.date < ${range.todayDate}
    GROUP BY t.date
    UNION ALL
    SELECT ${utcDateOf(Prisma.sql`p.payment_date`)} AS day, SUM(p.amount_cents) AS cents
    FROM payments p
    WHERE ${paymentsToday(range)}
    GROUP BY ${utcDateOf(Prisma.sql`p.payment_date`)}`,

  revenueBySlotType: (range: AnalyticsRange) => Prisma.sql`
    SELECT x.type AS type, SUM(x.cents) AS cents
    FROM (
      SELECT t.slot_type AS type, SUM(t.revenue_cents) AS cents
      FROM analytics_daily_type t
      WHERE t.date >= ${range.fromDate} AND t.date < ${range.todayDate}
      GROUP BY t.slot_type
      UNION ALL
      SELECT s.slot_type AS type, SUM(p.amount_cents) AS cents
      FROM payments p
      JOIN reservations r ON r.id = p.reservation_id
      JOIN parking_slots s ON s.id = r.slot_id
      WHERE ${paymentsToday(range)}
      GROUP BY s.slot_type
    ) x
    GROUP BY x.type`,

  /**
   * Every zone with its slots in service, occupied slot-hours and reservations created in
   * the range: the days before today one SUM per zone (zoneDaysSum), today from the hourly
   * and base rows.
   */
  zoneTotals: (range: AnalyticsRange) => {
    const yesterday = utcDate(todayStart(range).getTime() - DAY_MS);
    const days = (column: string) =>
      zoneDaysSum(Prisma.sql`z.location_id`, range.fromDate, yesterday, column);
    return Prisma.sql`
    SELECT z.location_id AS location_id, z.floor AS floor, z.zone AS zone, z.slots AS slots,
      ${days("occupied_slot_hours")} + COALESCE(occ.occupied, 0) AS occupied,
      ${days("reservations")} + COALESCE(made.n, 0) AS reservations
    FROM (${ZONES}) z
    LEFT JOIN (
      SELECT h.location_id AS location_id, h.floor_number AS floor, h.zone AS zone,
        SUM(h.occupied_slot_hours) AS occupied
      FROM analytics_hourly_zone h
      WHERE h.date = ${range.todayDate} AND h.hour <= ${range.currentHour}
      GROUP BY h.location_id, h.floor_number, h.zone
    ) occ ON occ.location_id = z.location_id AND occ.floor = z.floor AND occ.zone = z.zone
    LEFT JOIN (
      SELECT s.location_id AS location_id, s.floor_number AS floor, s.zone AS zone,
        SUM(m.n) AS n
      FROM (${reservationsTodayPerSlot(range)}) m
      JOIN parking_slots s ON s.id = m.slot_id
      GROUP BY s.location_id, s.floor_number, s.zone
    ) made ON made.location_id = z.location_id AND made.floor = z.floor AND made.zone = z.zone
    ORDER BY z.location_id, z.floor, z.zone`;
  },

  /** Grouped per (date, hour) first, in the index's order; only those rows are sorted by hour. */
  occupiedByHourOfDay: (range: AnalyticsRange) => Prisma.sql`
    SELECT y.hour AS hour, SUM(y.occupied) AS occupied
    FROM (
      SELECT h.date AS date, h.hour AS hour, SUM(h.occupied_slot_hours) AS occupied
      FROM analytics_hourly h
      WHERE ${hoursBetween("h", range.from.getTime(), todayStart(range).getTime() + range.currentHour * HOUR_MS)}
      GROUP BY h.date, h.hour
    ) y
    GROUP BY y.hour`,

  /** Hours [first, last] inclusive, both hour-aligned. */
  occupiedHourlySeries: (first: Date, last: Date) => Prisma.sql`
    SELECT h.date AS date, h.hour AS hour, SUM(h.occupied_slot_hours) AS occupied
    FROM analytics_hourly h
    WHERE ${hoursBetween("h", first.getTime(), last.getTime())}
    GROUP BY h.date, h.hour`,

  /** From the roll-up, as a location's first date is (its date-first index: one step). */
  firstUtilizationDate: () => Prisma.sql`SELECT MIN(h.date) AS first FROM analytics_hourly h`,

  reservationsBySlotType: (range: AnalyticsRange) => Prisma.sql`
    SELECT x.type AS type, SUM(x.n) AS reservations
    FROM (
      SELECT t.slot_type AS type, SUM(t.reservations) AS n
      FROM analytics_daily_type t
      WHERE t.date >= ${range.fromDate} AND t.date < ${range.todayDate}
      GROUP BY t.slot_type
      UNION ALL
      SELECT s.slot_type AS type, SUM(c.n) AS n
      FROM (${reservationsTodayPerSlot(range)}) c
      JOIN parking_slots s ON s.id = c.slot_id
      GROUP BY s.slot_type
    ) x
    GROUP BY x.type`,
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

/** Every zone of the network: in-service slots, occupied slot-hours, reservations made. */
export async function zoneTotals(range: AnalyticsRange): Promise<ZoneTotals[]> {
  const rows = await db.$queryRaw<
    {
      location_id: Count;
      floor: Count;
      zone: string;
      slots: Count;
      occupied: Count | null;
      reservations: Count | null;
    }[]
  >(analyticsSql.zoneTotals(range));
  return rows.map((row) => ({
    locationId: toNumber(row.location_id),
    floor: toNumber(row.floor),
    zone: row.zone,
    inServiceSlots: toNumber(row.slots),
    occupiedSlotHours: toNumber(row.occupied),
    reservations: toNumber(row.reservations),
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
