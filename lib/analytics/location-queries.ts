// Analytics reads for one location, in its local time. The roll-ups hold UTC hours; the
// range is the UTC hours whose start lies in the location's last N local calendar days
// (lib/analytics/time-zone.ts says which local hour each belongs to), so:
// - what is shown per local day or hour (daily revenue, the hourly profile) is read from
//   the hourly roll-ups in runs of UTC hours under one offset (time-zone.ts shiftRuns), each
//   grouped in SQL by what decides its local day or hour; the forecast's series is read
//   per UTC hour and laid on the local clock in code;
// - totals over the range (by slot type, by zone) read whole UTC days from the daily
//   roll-ups and the range's partial UTC days at either end from the hourly ones;
// - the current hour's revenue and reservations come from the base tables up to `now`,
//   so rows stamped after `now` never count (as the network-wide reads do for today).
// Every roll-up read starts with (location_id, date): the tables' primary keys.
// Definitions are those of queries.ts (docs/analytics.md).
import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { SLOT_TYPES, type SlotType } from "@/lib/dto";
import { hoursBetween, zoneDaysSum } from "@/lib/analytics/queries";
import {
  addDays,
  hourOfDay,
  localHourOf,
  localMidnight,
  shiftRuns,
  type ShiftRun,
} from "@/lib/analytics/time-zone";
import { HOUR_MS, DAY_MS } from "@/lib/time";
import type { ZoneTotals } from "@/lib/analytics/dto";

/** The analysed window of one location: its last `days` local days including today. */
export type LocationRange = {
  locationId: number;
  timeZone: string;
  days: number;
  now: Date;
  /** The local dates of the range, oldest first. */
  dates: string[];
  /** The first instant of the first local day. */
  from: Date;
  /** The first and the current UTC hour of the range (hour starts, ms). */
  firstHour: number;
  currentHour: number;
  /** UTC hours in the range, the current one included (a 25-hour local day gives 25). */
  hours: number;
  /** [firstHour, currentHour] in runs of one offset: how each hour maps to its local hour. */
  runs: ShiftRun[];
};

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hourStartOf = (date: string, hour: number | bigint) =>
  Date.parse(`${date}T00:00:00.000Z`) + Number(hour) * HOUR_MS;
const toNumber = (value: number | bigint | null | undefined) => Number(value ?? 0);
type Count = number | bigint;

export function locationRange(
  location: { id: number; timeZone: string },
  days: number,
  now: Date,
): LocationRange {
  const { timeZone } = location;
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const today = localHourOf(timeZone, currentHour).date;
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - (days - 1)));
  const from = localMidnight(timeZone, dates[0]!);
  const firstHour = Math.ceil(from / HOUR_MS) * HOUR_MS;
  return {
    locationId: location.id,
    timeZone,
    days,
    now,
    dates,
    from: new Date(from),
    firstHour,
    currentHour,
    // 0 in the minutes after a midnight that falls mid-hour (+05:30 zones): the hour under
    // way then started on the previous local day.
    hours: Math.max(0, (currentHour - firstHour) / HOUR_MS + 1),
    runs: shiftRuns(timeZone, firstHour, currentHour),
  };
}

/**
 * UTC hours [first, last] (inclusive, hour starts) as whole UTC days and the partial days
 * at either end, so a total reads a few rows per day, not per hour.
 */
function splitHours(first: number, last: number) {
  const partial: { date: string; fromHour: number; toHour: number }[] = [];
  let wholeFrom: string | null = null;
  let wholeTo: string | null = null;
  for (let day = Math.floor(first / DAY_MS); day <= Math.floor(last / DAY_MS); day++) {
    const start = day * DAY_MS;
    const fromHour = Math.max(0, (first - start) / HOUR_MS);
    const toHour = Math.min(23, (last - start) / HOUR_MS);
    const date = utcDate(start);
    if (fromHour === 0 && toHour === 23) {
      wholeFrom ??= date;
      wholeTo = date;
    } else {
      partial.push({ date, fromHour, toHour });
    }
  }
  return { whole: wholeFrom && wholeTo ? { from: wholeFrom, to: wholeTo } : null, partial };
}

/** The rows of an hourly roll-up (alias h) for one location's partial UTC days of [first, last]. */
function partialDayRows(
  locationId: number,
  first: number,
  last: number,
  hourly: string,
  columns: string,
): Prisma.Sql[] {
  if (last < first) return [];
  return splitHours(first, last).partial.map(
    (p) => Prisma.sql`SELECT ${Prisma.raw(columns.replaceAll("x.", "h."))}
      FROM ${Prisma.raw(hourly)} h
      WHERE h.location_id = ${locationId} AND h.date = ${p.date}
        AND h.hour >= ${p.fromHour} AND h.hour <= ${p.toHour}`,
  );
}

/**
 * The rows of a daily and an hourly roll-up (aliases d and h) for one location over UTC
 * hours [first, last], each part selecting `columns` (written with the alias `x`).
 */
function spanRows(
  locationId: number,
  first: number,
  last: number,
  tables: { daily: string; hourly: string },
  columns: string,
): Prisma.Sql[] {
  if (last < first) return [];
  const { whole } = splitHours(first, last);
  const parts = partialDayRows(locationId, first, last, tables.hourly, columns);
  if (whole) {
    parts.unshift(Prisma.sql`SELECT ${Prisma.raw(columns.replaceAll("x.", "d."))}
      FROM ${Prisma.raw(tables.daily)} d
      WHERE d.location_id = ${locationId} AND d.date >= ${whole.from} AND d.date <= ${whole.to}`);
  }
  return parts;
}

/** One zone's (alias z) sum of a daily zone roll-up column over the whole UTC days of [first, last]. */
function zoneWholeDays(locationId: number, first: number, last: number, column: string) {
  const whole = last < first ? null : splitHours(first, last).whole;
  if (!whole) return Prisma.sql`0`;
  return zoneDaysSum(Prisma.sql`${locationId}`, whole.from, whole.to, column);
}

const TYPE_TABLES = { daily: "analytics_daily_type", hourly: "analytics_hourly_type" };
const ZONE_HOURLY = "analytics_hourly_zone";
/** The parts as one row set; `empty` (a SELECT of constants) where there is none. */
const unionAll = (parts: Prisma.Sql[], empty: string) =>
  parts.length > 0
    ? Prisma.join(parts, " UNION ALL ")
    : Prisma.sql`SELECT ${Prisma.raw(empty)} WHERE 1 = 0`;
/** Where the current hour's base rows start: never before the range (see locationRange). */
const currentHourStart = (r: LocationRange) => new Date(Math.max(r.currentHour, r.firstHour));

/** Completed payments of the location in the current hour up to now, by slot type. */
const currentHourPayments = (r: LocationRange) => Prisma.sql`
    SELECT s.slot_type AS type, SUM(p.amount_cents) AS cents
    FROM payments p
    JOIN reservations r ON r.id = p.reservation_id
    JOIN parking_slots s ON s.id = r.slot_id
    WHERE p.payment_status = 'completed'
      AND p.payment_date >= ${currentHourStart(r)} AND p.payment_date <= ${r.now}
      AND s.location_id = ${r.locationId}
    GROUP BY s.slot_type`;

/**
 * The location's reservations created in the current hour up to now, by type and zone.
 * Counted per slot from the created_at index first (an hour of the network's rows), then
 * kept if the slot is here: starting from the location's slots would read every
 * reservation they ever had.
 */
const currentHourReservations = (r: LocationRange) => Prisma.sql`
    SELECT s.slot_type AS type, s.floor_number AS floor, s.zone AS zone, SUM(c.n) AS n
    FROM (
      SELECT r.slot_id AS slot_id, COUNT(*) AS n
      FROM reservations r
      WHERE r.created_at >= ${currentHourStart(r)} AND r.created_at <= ${r.now}
      GROUP BY r.slot_id
    ) c
    JOIN parking_slots s ON s.id = c.slot_id
    WHERE s.location_id = ${r.locationId}
    GROUP BY s.slot_type, s.floor_number, s.zone`;

/** Every statement, built apart from running it so that a test can check its plan. */
export const locationAnalyticsSql = {
  /**
   * Revenue of completed payments before the current hour, per UTC date and the days (-1,
   * 0 or 1) to add for the local date, one part per run of one offset (shiftRuns): a year
   * comes back as about two rows per day, not one per hour.
   */
  revenueByLocalDate: (r: LocationRange) => {
    const before = r.currentHour - HOUR_MS;
    const runs = r.runs
      .filter((run) => run.from <= before)
      .map((run) => ({ ...run, to: Math.min(run.to, before) }));
    const parts = runs.map(
      (run) => Prisma.sql`
      SELECT y.date AS date, y.days AS days, SUM(y.cents) AS cents
      FROM (
        SELECT t.date AS date,
          CASE WHEN t.hour + ${run.shift} >= 24 THEN 1 WHEN t.hour + ${run.shift} < 0 THEN -1 ELSE 0 END AS days,
          SUM(t.revenue_cents) AS cents
        FROM analytics_hourly_type t
        WHERE t.location_id = ${r.locationId} AND ${hoursBetween("t", run.from, run.to)}
        GROUP BY t.date, t.hour
      ) y
      GROUP BY y.date, y.days`,
    );
    return unionAll(parts, "'' AS date, 0 AS days, 0 AS cents");
  },

  /**
   * Occupied slot-hours of the range (current hour included) per UTC hour of day, one part
   * per run of one offset (`run` is its index in the range's runs), so the local hour is known.
   */
  occupiedByLocalHour: (r: LocationRange) => {
    const parts = r.runs.map(
      (run, i) => Prisma.sql`
      SELECT CAST(${i} AS INTEGER) AS run, h.hour AS hour, SUM(h.occupied_slot_hours) AS occupied
      FROM analytics_hourly h
      WHERE h.location_id = ${r.locationId} AND ${hoursBetween("h", run.from, run.to)}
      GROUP BY h.hour`,
    );
    return unionAll(parts, "0 AS run, 0 AS hour, 0 AS occupied");
  },

  /** Occupied in-service slot-hours per UTC hour of the UTC days [from, to]. */
  hourlyOccupied: (locationId: number, from: string, to: string) => Prisma.sql`
    SELECT h.date AS date, h.hour AS hour, h.occupied_slot_hours AS occupied
    FROM analytics_hourly h
    WHERE h.location_id = ${locationId} AND h.date >= ${from} AND h.date <= ${to}`,

  /** Revenue and reservations by slot type before the current hour. */
  byType: (r: LocationRange) => {
    const columns = "x.slot_type AS type, x.revenue_cents AS cents, x.reservations AS n";
    const parts = spanRows(
      r.locationId,
      r.firstHour,
      r.currentHour - HOUR_MS,
      TYPE_TABLES,
      columns,
    );
    return Prisma.sql`
    SELECT y.type AS type, SUM(y.cents) AS cents, SUM(y.n) AS n
    FROM (${unionAll(parts, "'regular' AS type, 0 AS cents, 0 AS n")}) y
    GROUP BY y.type`;
  },

  /**
   * Occupied slot-hours (current hour included) and reservations (before it) by zone: the
   * whole UTC days one SUM per zone (zoneWholeDays), the partial days from the hourly rows.
   */
  byZone: (r: LocationRange) => {
    const lastBefore = r.currentHour - HOUR_MS;
    const partial = [
      ...partialDayRows(
        r.locationId,
        r.firstHour,
        r.currentHour,
        ZONE_HOURLY,
        "x.floor_number AS floor, x.zone AS zone, x.occupied_slot_hours AS occupied, 0 AS n",
      ),
      ...partialDayRows(
        r.locationId,
        r.firstHour,
        lastBefore,
        ZONE_HOURLY,
        "x.floor_number AS floor, x.zone AS zone, 0 AS occupied, x.reservations AS n",
      ),
    ];
    return Prisma.sql`
    SELECT z.floor AS floor, z.zone AS zone, z.slots AS slots,
      ${zoneWholeDays(r.locationId, r.firstHour, r.currentHour, "occupied_slot_hours")}
        + COALESCE(o.occupied, 0) AS occupied,
      ${zoneWholeDays(r.locationId, r.firstHour, lastBefore, "reservations")}
        + COALESCE(o.n, 0) AS n
    FROM (
      SELECT s.floor_number AS floor, s.zone AS zone,
        SUM(CASE WHEN s.out_of_service THEN 0 ELSE 1 END) AS slots
      FROM parking_slots s
      WHERE s.location_id = ${r.locationId}
      GROUP BY s.floor_number, s.zone
    ) z
    LEFT JOIN (
      SELECT y.floor AS floor, y.zone AS zone, SUM(y.occupied) AS occupied, SUM(y.n) AS n
      FROM (${unionAll(partial, "0 AS floor, '' AS zone, 0 AS occupied, 0 AS n")}) y
      GROUP BY y.floor, y.zone
    ) o ON o.floor = z.floor AND o.zone = z.zone
    ORDER BY z.floor, z.zone`;
  },

  currentHourPayments,
  currentHourReservations,

  firstHourlyDate: (locationId: number) => Prisma.sql`
    SELECT MIN(h.date) AS first FROM analytics_hourly h WHERE h.location_id = ${locationId}`,
};

/** A value per UTC hour start (ms); hours without a row are absent. */
export type HourValues = Map<number, number>;

/**
 * Revenue of completed payments per local date of the range, up to `now`: the hours before
 * the current one from the hourly roll-up, the current hour from the payments (today's).
 */
export async function revenueByLocalDate(r: LocationRange): Promise<Map<string, number>> {
  const [rows, current] = await Promise.all([
    db.$queryRaw<{ date: string; days: Count; cents: Count }[]>(
      locationAnalyticsSql.revenueByLocalDate(r),
    ),
    db.$queryRaw<{ cents: Count | null }[]>(currentHourPayments(r)),
  ]);
  const byDate = new Map<string, number>();
  const add = (date: string, cents: Count | null) =>
    byDate.set(date, (byDate.get(date) ?? 0) + toNumber(cents));
  for (const row of rows) add(addDays(row.date, toNumber(row.days)), row.cents);
  // Before the range's first hour (a midnight in mid-hour) the hour under way is not in it.
  if (r.currentHour >= r.firstHour) for (const row of current) add(r.dates.at(-1)!, row.cents);
  return byDate;
}

/** Occupied slot-hours of the range (current hour included) per local hour of day. */
export async function occupiedByLocalHour(r: LocationRange): Promise<number[]> {
  const rows = await db.$queryRaw<{ run: Count; hour: Count; occupied: Count }[]>(
    locationAnalyticsSql.occupiedByLocalHour(r),
  );
  const byHour = Array.from({ length: 24 }, () => 0);
  for (const row of rows) {
    const run = r.runs[toNumber(row.run)];
    if (!run) continue;
    const hour = hourOfDay(toNumber(row.hour) + run.shift);
    byHour[hour] = (byHour[hour] ?? 0) + toNumber(row.occupied);
  }
  return byHour;
}

/** Occupied slot-hours per UTC hour in [from, until) (hour starts, ms). */
export async function hourlyOccupied(
  locationId: number,
  from: number,
  until: number,
): Promise<HourValues> {
  if (until <= from) return new Map();
  const rows = await db.$queryRaw<{ date: string; hour: Count; occupied: Count }[]>(
    locationAnalyticsSql.hourlyOccupied(locationId, utcDate(from), utcDate(until - HOUR_MS)),
  );
  const values: HourValues = new Map();
  for (const row of rows) {
    const at = hourStartOf(row.date, row.hour);
    if (at >= from && at < until) values.set(at, toNumber(row.occupied));
  }
  return values;
}

export type LocationTotals = {
  revenueByType: { type: SlotType; revenueCents: number }[];
  reservationsByType: { type: SlotType; reservations: number }[];
  /** The location's zones (their locationId is the location's). */
  zones: Omit<ZoneTotals, "locationId">[];
};

export async function locationTotals(r: LocationRange): Promise<LocationTotals> {
  const [types, zones, payments, made] = await Promise.all([
    db.$queryRaw<{ type: string; cents: Count; n: Count }[]>(locationAnalyticsSql.byType(r)),
    db.$queryRaw<{ floor: Count; zone: string; slots: Count; occupied: Count; n: Count }[]>(
      locationAnalyticsSql.byZone(r),
    ),
    db.$queryRaw<{ type: string; cents: Count }[]>(currentHourPayments(r)),
    db.$queryRaw<{ type: string; floor: Count; zone: string; n: Count }[]>(
      currentHourReservations(r),
    ),
  ]);
  const cents = new Map<string, number>();
  const counts = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: Count) =>
    map.set(key, (map.get(key) ?? 0) + toNumber(value));
  for (const row of types) {
    add(cents, row.type, row.cents);
    add(counts, row.type, row.n);
  }
  for (const row of payments) add(cents, row.type, row.cents);
  const madeByZone = new Map<string, number>();
  for (const row of made) {
    add(counts, row.type, row.n);
    add(madeByZone, `${toNumber(row.floor)}|${row.zone}`, row.n);
  }
  return {
    revenueByType: SLOT_TYPES.map((type) => ({ type, revenueCents: cents.get(type) ?? 0 })),
    reservationsByType: SLOT_TYPES.map((type) => ({
      type,
      reservations: counts.get(type) ?? 0,
    })),
    zones: zones.map((row) => ({
      floor: toNumber(row.floor),
      zone: row.zone,
      inServiceSlots: toNumber(row.slots),
      occupiedSlotHours: toNumber(row.occupied),
      reservations: toNumber(row.n) + (madeByZone.get(`${toNumber(row.floor)}|${row.zone}`) ?? 0),
    })),
  };
}

export async function firstHourlyDate(locationId: number): Promise<string | null> {
  const rows = await db.$queryRaw<{ first: string | null }[]>(
    locationAnalyticsSql.firstHourlyDate(locationId),
  );
  return rows[0]?.first ?? null;
}

export async function locationInServiceSlots(locationId: number): Promise<number> {
  return db.parkingSlot.count({ where: { locationId, outOfService: false } });
}
