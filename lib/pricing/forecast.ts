// The occupancy forecast behind demand pricing, from the analytics forecaster
// (lib/analytics/forecast.ts: a recency-weighted hour-of-week profile with a level).
// For each hour of a window it predicts the share of in-service slots occupied:
// - the current hour (already under way): the current occupancy rate, as /api/availability
//   reports it;
// - later hours: the forecaster's prediction for that hour of week, but never less than
//   what is already booked for that hour (bookings ahead are certain demand).
// The forecaster's history (9 weeks of hourly utilization) is read once per clock hour and
// process, so a quote or a booking costs at most two small extra queries.
import "server-only";
import {
  DEFAULT_WEEKLY_PROFILE_PARAMS,
  FORECASTERS,
  forecastFrom,
  HOURS_PER_WEEK,
} from "@/lib/analytics/forecast";
import { occupiedHourlySeries } from "@/lib/analytics/queries";
import { currentOccupancyForecast, type OccupancyForecastProvider } from "@/lib/pricing/service";

const HOUR_MS = 3_600_000;
const HISTORY_HOURS = (DEFAULT_WEEKLY_PROFILE_PARAMS.weeks + 1) * HOURS_PER_WEEK;

/** One week of predicted occupied slots from `origin` (a clock hour), cached per origin. */
let cached: { origin: number; week: Promise<number[]> } | undefined;

function predictedWeek(origin: number): Promise<number[]> {
  if (cached?.origin !== origin) {
    const week = occupiedHourlySeries(new Date(origin - HISTORY_HOURS * HOUR_MS), new Date(origin))
      .then((history) => forecastFrom(FORECASTERS.model, history, history.length, HOURS_PER_WEEK))
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    cached = { origin, week };
  }
  return cached.week;
}

/** Forgets the cached prediction (tests change the history). */
export function clearForecastCache(): void {
  cached = undefined;
}

export const analyticsOccupancyForecast: OccupancyForecastProvider = async (
  reader,
  now,
  window,
) => {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const nextHour = currentHour + HOUR_MS;
  const firstHour = Math.floor(window.startTime.getTime() / HOUR_MS) * HOUR_MS;
  const lastHour = firstHour + window.durationHours * HOUR_MS;
  const [current, inService, week, booked] = await Promise.all([
    currentOccupancyForecast(reader, now, window),
    reader.parkingSlot.count({ where: { outOfService: false } }),
    predictedWeek(nextHour),
    // Bookings on record for the window's clock hours (upcoming ones included).
    occupiedHourlySeries(new Date(firstHour), new Date(lastHour + HOUR_MS)),
  ]);
  return (hourStart) => {
    const hour = Math.floor(hourStart.getTime() / HOUR_MS) * HOUR_MS;
    if (hour < nextHour || inService === 0) return current(hourStart);
    // The profile repeats weekly: hours beyond the first week take the same hour of week.
    const predicted = week[Math.floor((hour - nextHour) / HOUR_MS) % HOURS_PER_WEEK] ?? 0;
    const onRecord = booked[Math.floor((hour - firstHour) / HOUR_MS)] ?? 0;
    return Math.min(1, Math.max(predicted, onRecord) / inService);
  };
};
