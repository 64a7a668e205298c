// The default occupancy forecast for demand pricing: per slot's location, the analytics
// forecaster's prediction of occupied slots per hour at that location, raised to the slots
// already booked there for that hour, as a share of its in-service slots (the rate
// itself: lib/pricing/occupancy.ts).
//
// Per location and hour of a window (hours are taken by the clock hour they start in):
//   rate = clamp(max(forecast occupied slots, slots booked for that hour) / in-service, 0, 1)
// - forecast: weeklyProfileForecaster (lib/analytics/forecast.ts, FORECASTERS.model) over
//   the location's occupied in-service slots per hour of the last 9 weeks before the
//   current clock hour, on the location's local clock (the same local hour of week, across
//   clock changes: lib/analytics/forecast-step.ts), 168 hours ahead from it; hours further
//   ahead (bookings go up to 30 days) reuse the same hour of week. The history before the
//   current clock hour does not change during that hour, so each location's curve is
//   computed once per clock hour and kept in the process.
// - booked: the same count over the window's own hours, read fresh on every call, because
//   every booking and cancellation changes it. Both come from the analytics_hourly roll-up
//   (per location and UTC hour), which triggers keep equal to utilization_stats in the
//   same transaction; utilization holds a booking's hours from the moment it is made,
//   future hours included, so this is "already booked", not "was occupied".
// - in-service slots of the location: counted fresh.
// So a quote and the reserve transaction that follows it in the same clock hour see the
// same curve; their price differs only if bookings for those hours, the slots in service,
// the rules or the slot's price changed in between (then PRICE_CHANGED is the truth), or
// the clock hour turned (a new curve, from one more hour of history).
//
// Every read goes through the reader it is given: inside the reserve transaction that is
// the transaction client (a read through `db` there would not see the transaction's own
// writes). The cache holds finished curves only, never a pending computation that another
// transaction's client is running.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client";
import { DEFAULT_WEEKLY_PROFILE_PARAMS, HOURS_PER_WEEK } from "@/lib/analytics/forecast";
import { forecastUtcHours } from "@/lib/analytics/forecast-step";
import type { OccupancyForecast } from "@/lib/pricing/quote";
import { HOUR_MS } from "@/lib/time";
import {
  floorHour,
  occupancyRate,
  slotHourKey,
  type OccupancyByLocation,
  type OccupancySnapshot,
} from "@/lib/pricing/occupancy";

/** The database client or an open transaction: quotes read through either. */
export type Reader = Pick<Tx, "parkingSlot" | "pricingSettings" | "$queryRaw">;

/**
 * Builds the occupancy forecast for the hours of a window. Injectable into quoteForSlot:
 * tests pass a fixed curve. The default is analyticsOccupancyForecast below. It must read
 * only through `reader`.
 */
export type OccupancyForecastProvider = (
  reader: Reader,
  now: Date,
  window: { slotId: number; startTime: Date; durationHours: number },
) => Promise<OccupancyForecast>;

/** The forecaster's profile weeks plus the hours its level is measured over (9 weeks). */
export const FORECAST_HISTORY_HOURS =
  DEFAULT_WEEKLY_PROFILE_PARAMS.weeks * HOURS_PER_WEEK + DEFAULT_WEEKLY_PROFILE_PARAMS.levelHours;

const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const hourOf = (row: { date: unknown; hour: unknown }) =>
  Date.parse(`${String(row.date)}T00:00:00.000Z`) + Number(row.hour) * HOUR_MS;

type Location = { id: number; timeZone: string };

/**
 * Occupied in-service slots of a location per clock hour on the given UTC dates, as a map
 * from the hour's start (ms) to the count; hours without bookings are absent. A slot
 * counts once per hour however many bookings it has in it (as in the analytics).
 */
async function occupiedSlotsByHour(
  reader: Reader,
  locationId: number,
  dates: { from: string; to: string } | readonly string[],
): Promise<Map<number, number>> {
  const onDates =
    "from" in dates
      ? Prisma.sql`h.date >= ${dates.from} AND h.date <= ${dates.to}`
      : Prisma.sql`h.date IN (${Prisma.join(dates)})`;
  const rows = await reader.$queryRaw<{ date: string; hour: unknown; occupied: unknown }[]>`
    SELECT h.date AS date, h.hour AS hour, h.occupied_slot_hours AS occupied
    FROM analytics_hourly h
    WHERE h.location_id = ${locationId} AND ${onDates}`;
  const byHour = new Map<number, number>();
  for (const row of rows) {
    const occupied = Number(row.occupied);
    if (occupied > 0) byHour.set(hourOf(row), occupied);
  }
  return byHour;
}

type Curve = { clockHour: number; timeZone: string; occupied: number[] };
const cached = new Map<number, Curve>();

/** A location's forecast occupied slots for the 168 hours from `clockHour`, cached. */
async function forecastCurve(
  reader: Reader,
  location: Location,
  clockHour: number,
): Promise<number[]> {
  const hit = cached.get(location.id);
  if (hit?.clockHour === clockHour && hit.timeZone === location.timeZone) return hit.occupied;
  const from = clockHour - FORECAST_HISTORY_HOURS * HOUR_MS;
  const byHour = await occupiedSlotsByHour(reader, location.id, {
    from: utcDate(from),
    to: utcDate(clockHour - HOUR_MS),
  });
  const history = Array.from(
    { length: FORECAST_HISTORY_HOURS },
    (_, i) => byHour.get(from + i * HOUR_MS) ?? 0,
  );
  const occupied = forecastUtcHours(location.timeZone, from, clockHour, history, HOURS_PER_WEEK);
  // Only ever move forward: a request with an older clock (a slow one) does not evict the
  // curve of the hour now under way.
  if (!hit || clockHour >= hit.clockHour) {
    cached.set(location.id, { clockHour, timeZone: location.timeZone, occupied });
  }
  return occupied;
}

/** Forgets the cached curves (tests that rewrite history within one clock hour). */
export function resetOccupancyForecastCache(): void {
  cached.clear();
}

/**
 * What occupancyRate needs, per location of `slotIds`, for the hours of `windows` asked at
 * `nows`: the curve of each clock hour among `nows`, the booked count of every hour the
 * windows cover, the in-service slots, and which of its `slotIds` are booked in those
 * hours (so that a decision can add its own bookings: withBooking).
 */
export async function readOccupancy(
  reader: Reader,
  nows: readonly Date[],
  windows: readonly { startTime: Date; durationHours: number }[],
  slotIds: readonly number[],
): Promise<OccupancyByLocation> {
  const clockHours = [...new Set(nows.map((now) => floorHour(now.getTime())))];
  const hours = new Set<number>();
  for (const w of windows) {
    for (let i = 0; i < w.durationHours; i++) {
      hours.add(floorHour(w.startTime.getTime() + i * HOUR_MS));
    }
  }
  const dates = [...new Set([...hours].map(utcDate))];
  const slotRows =
    slotIds.length > 0
      ? await reader.$queryRaw<{ id: unknown; location_id: unknown; time_zone: string }[]>`
          SELECT s.id AS id, s.location_id AS location_id, l.time_zone AS time_zone
          FROM parking_slots s JOIN locations l ON l.id = s.location_id
          WHERE s.id IN (${Prisma.join(slotIds)})`
      : [];
  const locations = new Map<number, Location>();
  for (const row of slotRows) {
    const id = Number(row.location_id);
    locations.set(id, { id, timeZone: row.time_zone });
  }
  const bookedRows =
    dates.length > 0 && slotIds.length > 0
      ? await reader.$queryRaw<{ slot_id: unknown; date: string; hour: unknown }[]>`
          SELECT slot_id, date, hour FROM utilization_stats
          WHERE slot_id IN (${Prisma.join(slotIds)}) AND date IN (${Prisma.join(dates)})
            AND occupancy_count > 0`
      : [];
  const locationOfSlot = new Map(slotRows.map((row) => [Number(row.id), Number(row.location_id)]));

  const snapshots = await Promise.all(
    [...locations.values()].map(async (location): Promise<[number, OccupancySnapshot]> => {
      const [curves, booked, inService] = await Promise.all([
        Promise.all(clockHours.map((hour) => forecastCurve(reader, location, hour))),
        dates.length > 0
          ? occupiedSlotsByHour(reader, location.id, dates)
          : new Map<number, number>(),
        reader.parkingSlot.count({ where: { locationId: location.id, outOfService: false } }),
      ]);
      for (const hour of booked.keys()) if (!hours.has(hour)) booked.delete(hour);
      const bookedSlotHours = new Set(
        bookedRows
          .filter(
            (row) =>
              locationOfSlot.get(Number(row.slot_id)) === location.id && hours.has(hourOf(row)),
          )
          .map((row) => slotHourKey(Number(row.slot_id), hourOf(row))),
      );
      return [
        location.id,
        {
          curves: new Map(clockHours.map((hour, i) => [hour, curves[i]!])),
          booked,
          bookedSlotHours,
          inService,
        },
      ];
    }),
  );
  return new Map(snapshots);
}

/** The default provider for quoteForSlot; see the top of this file. */
export const analyticsOccupancyForecast: OccupancyForecastProvider = async (
  reader,
  now,
  window,
) => {
  const byLocation = await readOccupancy(reader, [now], [window], [window.slotId]);
  const snapshot = [...byLocation.values()][0];
  // An unknown slot has no location: quoteForSlot refuses it before asking.
  return (hourStart) => (snapshot ? occupancyRate(snapshot, now, hourStart) : 0);
};
