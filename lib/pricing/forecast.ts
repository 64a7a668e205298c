// The default occupancy forecast for demand pricing: the analytics forecaster's prediction
// of occupied slots per hour, raised to the slots already booked for that hour, as a share
// of the in-service slots (the rate itself: lib/pricing/occupancy.ts).
//
// Per hour of a window (hours are taken by the clock hour they start in):
//   rate = clamp(max(forecast occupied slots, slots booked for that hour) / in-service, 0, 1)
// - forecast: weeklyProfileForecaster (lib/analytics/forecast.ts, FORECASTERS.model) over
//   the occupied in-service slots per hour of the last 9 weeks before the current clock
//   hour, 168 hours ahead from it; hours further ahead (bookings go up to 30 days) reuse the
//   same hour of week. The history before the current clock hour does not change during
//   that hour, so the curve is computed once per clock hour and kept in the process.
// - booked: the same count over the window's own hours, read fresh on every call (an
//   indexed GROUP BY over a day or two of utilization rows), because every booking and
//   cancellation changes it. utilization_stats holds a booking's hours from the moment it is
//   made, future hours included, so this is "already booked", not "was occupied".
// - in-service slots: counted fresh.
// So a quote and the reserve transaction that follows it in the same clock hour see the
// same curve; their price differs only if bookings for those hours, the slots in service,
// the rules or the slot's price changed in between (then PRICE_CHANGED is the truth), or
// the clock hour turned (a new curve, from one more hour of history).
//
// Every read goes through the reader it is given: inside the reserve transaction that is
// the transaction client (a read through `db` there would not see the transaction's own
// writes). The cache holds finished curves only, never a pending computation that another
// transaction's client is running.
//
// The SQL is plain (COUNT, GROUP BY, NOT IN) so that it also runs on PostgreSQL.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Tx } from "@/lib/db/client";
import {
  DEFAULT_WEEKLY_PROFILE_PARAMS,
  FORECASTERS,
  HOURS_PER_WEEK,
  forecastFrom,
} from "@/lib/analytics/forecast";
import type { OccupancyForecast } from "@/lib/pricing/quote";
import {
  HOUR_MS,
  floorHour,
  occupancyRate,
  slotHourKey,
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
  window: { startTime: Date; durationHours: number },
) => Promise<OccupancyForecast>;

/** The forecaster's profile weeks plus the hours its level is measured over (9 weeks). */
export const FORECAST_HISTORY_HOURS =
  DEFAULT_WEEKLY_PROFILE_PARAMS.weeks * HOURS_PER_WEEK + DEFAULT_WEEKLY_PROFILE_PARAMS.levelHours;

const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const hourOf = (row: { date: unknown; hour: unknown }) =>
  Date.parse(`${String(row.date)}T00:00:00.000Z`) + Number(row.hour) * HOUR_MS;

/**
 * Occupied in-service slots per clock hour on the given UTC dates, as a map from the hour's
 * start (ms) to the count; hours without bookings are absent. A slot counts once per hour
 * however many bookings it has in it (as in the analytics definitions).
 */
async function occupiedSlotsByHour(
  reader: Reader,
  dates: { from: string; to: string } | readonly string[],
): Promise<Map<number, number>> {
  const byHour = new Map<number, number>();
  const onDates =
    "from" in dates
      ? Prisma.sql`u.date >= ${dates.from} AND u.date <= ${dates.to}`
      : Prisma.sql`u.date IN (${Prisma.join(dates)})`;
  const rows = await reader.$queryRaw<{ date: string; hour: unknown; occupied: unknown }[]>`
    SELECT u.date AS date, u.hour AS hour, COUNT(*) AS occupied
    FROM utilization_stats u
    WHERE ${onDates}
      AND u.occupancy_count > 0
      AND u.slot_id NOT IN (SELECT id FROM parking_slots WHERE out_of_service = true)
    GROUP BY u.date, u.hour`;
  for (const row of rows) byHour.set(hourOf(row), Number(row.occupied));
  return byHour;
}

type Curve = { clockHour: number; occupied: number[] };
let cached: Curve | null = null;

/** Forecast occupied slots for the 168 hours from `clockHour`, cached per clock hour. */
async function forecastCurve(reader: Reader, clockHour: number): Promise<number[]> {
  if (cached?.clockHour === clockHour) return cached.occupied;
  const from = clockHour - FORECAST_HISTORY_HOURS * HOUR_MS;
  const byHour = await occupiedSlotsByHour(reader, {
    from: utcDate(from),
    to: utcDate(clockHour - HOUR_MS),
  });
  const history = Array.from(
    { length: FORECAST_HISTORY_HOURS },
    (_, i) => byHour.get(from + i * HOUR_MS) ?? 0,
  );
  const occupied = forecastFrom(FORECASTERS.model, history, history.length, HOURS_PER_WEEK);
  // Only ever move forward: a request with an older clock (a slow one) does not evict the
  // curve of the hour now under way.
  if (cached === null || clockHour > cached.clockHour) cached = { clockHour, occupied };
  return occupied;
}

/** Forgets the cached curve (tests that rewrite history within one clock hour). */
export function resetOccupancyForecastCache(): void {
  cached = null;
}

/**
 * What occupancyRate needs for the hours of `windows` asked at `nows`: the curve of each
 * clock hour among `nows`, the booked count of every hour the windows cover, the
 * in-service slots, and which of `slotIds` are booked in those hours (so that a decision
 * can add its own bookings: withBooking).
 */
export async function readOccupancy(
  reader: Reader,
  nows: readonly Date[],
  windows: readonly { startTime: Date; durationHours: number }[],
  slotIds: readonly number[] = [],
): Promise<OccupancySnapshot> {
  const clockHours = [...new Set(nows.map((now) => floorHour(now.getTime())))];
  const hours = new Set<number>();
  for (const w of windows) {
    for (let i = 0; i < w.durationHours; i++) {
      hours.add(floorHour(w.startTime.getTime() + i * HOUR_MS));
    }
  }
  const dates = [...new Set([...hours].map(utcDate))];
  const [curves, booked, inService, slotRows] = await Promise.all([
    Promise.all(clockHours.map((hour) => forecastCurve(reader, hour))),
    dates.length > 0 ? occupiedSlotsByHour(reader, dates) : new Map<number, number>(),
    reader.parkingSlot.count({ where: { outOfService: false } }),
    dates.length > 0 && slotIds.length > 0
      ? reader.$queryRaw<{ slot_id: unknown; date: string; hour: unknown }[]>`
          SELECT slot_id, date, hour FROM utilization_stats
          WHERE slot_id IN (${Prisma.join(slotIds)}) AND date IN (${Prisma.join(dates)})
            AND occupancy_count > 0`
      : [],
  ]);
  for (const hour of booked.keys()) if (!hours.has(hour)) booked.delete(hour);
  return {
    curves: new Map(clockHours.map((hour, i) => [hour, curves[i]!])),
    booked,
    bookedSlotHours: new Set(
      slotRows
        .filter((row) => hours.has(hourOf(row)))
        .map((row) => slotHourKey(Number(row.slot_id), hourOf(row))),
    ),
    inService,
  };
}

/** The default provider for quoteForSlot; see the top of this file. */
export const analyticsOccupancyForecast: OccupancyForecastProvider = async (
  reader,
  now,
  window,
) => {
  const snapshot = await readOccupancy(reader, [now], [window]);
  return (hourStart) => occupancyRate(snapshot, now, hourStart);
};
