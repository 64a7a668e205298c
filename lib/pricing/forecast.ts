// The default occupancy forecast for demand pricing: the analytics forecaster's prediction
// of occupied slots per hour, raised to the slots already booked for that hour, as a share
// of the in-service slots.
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
// the transaction client (the adapter has one connection; a read through `db` there would
// wait for the transaction that waits for it). The cache holds finished curves only, never
// a pending computation that another transaction's client is running.
//
// The SQL is plain (COUNT, GROUP BY, NOT IN) so that it also runs on PostgreSQL.
import "server-only";
import {
  DEFAULT_WEEKLY_PROFILE_PARAMS,
  FORECASTERS,
  HOURS_PER_WEEK,
  forecastFrom,
} from "@/lib/analytics/forecast";
import type { OccupancyForecastProvider, Reader } from "@/lib/pricing/service";

const HOUR_MS = 3_600_000;

/** The forecaster's profile weeks plus the hours its level is measured over (9 weeks). */
export const FORECAST_HISTORY_HOURS =
  DEFAULT_WEEKLY_PROFILE_PARAMS.weeks * HOURS_PER_WEEK + DEFAULT_WEEKLY_PROFILE_PARAMS.levelHours;

const floorHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;
const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * Occupied in-service slots per clock hour in [from, until) (both hour-aligned, ms), as a
 * map from the hour's start to the count; hours without bookings are absent. A slot counts
 * once per hour however many bookings it has in it (as in the analytics definitions).
 */
async function occupiedSlotsByHour(
  reader: Reader,
  from: number,
  until: number,
): Promise<Map<number, number>> {
  const byHour = new Map<number, number>();
  if (until <= from) return byHour;
  const rows = await reader.$queryRaw<{ date: string; hour: unknown; occupied: unknown }[]>`
    SELECT u.date AS date, u.hour AS hour, COUNT(*) AS occupied
    FROM utilization_stats u
    WHERE u.date >= ${utcDate(from)} AND u.date <= ${utcDate(until - HOUR_MS)}
      AND u.occupancy_count > 0
      AND u.slot_id NOT IN (SELECT id FROM parking_slots WHERE out_of_service = true)
    GROUP BY u.date, u.hour`;
  for (const row of rows) {
    const at = Date.parse(`${String(row.date)}T00:00:00.000Z`) + Number(row.hour) * HOUR_MS;
    if (at >= from && at < until) byHour.set(at, Number(row.occupied));
  }
  return byHour;
}

type Curve = { clockHour: number; occupied: number[] };
let cached: Curve | null = null;

/** Forecast occupied slots for the 168 hours from `clockHour`, cached per clock hour. */
async function forecastCurve(reader: Reader, clockHour: number): Promise<number[]> {
  if (cached?.clockHour === clockHour) return cached.occupied;
  const from = clockHour - FORECAST_HISTORY_HOURS * HOUR_MS;
  const byHour = await occupiedSlotsByHour(reader, from, clockHour);
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

/** The default provider for quoteForSlot; see the top of this file. */
export const analyticsOccupancyForecast: OccupancyForecastProvider = async (
  reader,
  now,
  window,
) => {
  const clockHour = floorHour(now.getTime());
  const first = floorHour(window.startTime.getTime());
  const until = floorHour(window.startTime.getTime() + (window.durationHours - 1) * HOUR_MS);
  const [curve, booked, inService] = await Promise.all([
    forecastCurve(reader, clockHour),
    occupiedSlotsByHour(reader, first, until + HOUR_MS),
    reader.parkingSlot.count({ where: { outOfService: false } }),
  ]);
  return (hourStart) => {
    if (inService === 0) return 0;
    const hour = floorHour(hourStart.getTime());
    const ahead = Math.max(0, Math.round((hour - clockHour) / HOUR_MS));
    const forecast = curve[ahead % HOURS_PER_WEEK] ?? 0;
    const rate = Math.max(forecast, booked.get(hour) ?? 0) / inService;
    return Math.min(1, Math.max(0, rate));
  };
};
