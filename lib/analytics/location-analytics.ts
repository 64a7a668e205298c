// One location's dashboard in its local time (docs/analytics.md, "One location"): the
// range is its last N local calendar days, `daily` has one row per local date, `hour`
// fields are local hours, and the forecast works on the local clock. Built from the reads
// of location-queries.ts, which say how UTC hours map to local ones.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { assembleAnalytics, type AnalyticsDto } from "@/lib/analytics/dto";
import { forecastAndBacktest, seriesStart } from "@/lib/analytics/forecast-step";
import { HOURS_PER_DAY } from "@/lib/analytics/forecast";
import {
  firstHourlyDate,
  hourlyOccupied,
  locationInServiceSlots,
  locationRange,
  locationTotals,
  occupiedByLocalHour,
  revenueByLocalDate,
  type LocationRange,
} from "@/lib/analytics/location-queries";
import { hourOfDay } from "@/lib/analytics/time-zone";
import { HOUR_MS } from "@/lib/time";

/** How many of the range's hours (current included) each local hour of day has had. */
function hoursHappened(r: LocationRange): number[] {
  const times = Array.from({ length: 24 }, () => 0);
  for (const run of r.runs) {
    for (let at = run.from; at <= run.to; at += HOUR_MS) {
      const hour = hourOfDay(at / HOUR_MS + run.shift);
      times[hour] = (times[hour] ?? 0) + 1;
    }
  }
  return times;
}

async function locationForecast(
  locationId: number,
  timeZone: string,
  now: Date,
  inService: number,
) {
  const nextHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const start = seriesStart(nextHour, await firstHourlyDate(locationId));
  const until = nextHour + HOURS_PER_DAY * HOUR_MS;
  const occupied = await hourlyOccupied(locationId, start, until);
  const at = (i: number, from: number) => occupied.get(from + i * HOUR_MS) ?? 0;
  const history = Array.from({ length: (nextHour - start) / HOUR_MS }, (_, i) => at(i, start));
  const booked = Array.from({ length: HOURS_PER_DAY }, (_, i) => at(i, nextHour));
  return forecastAndBacktest({ timeZone, start, nextHour, history, booked, inService });
}

export async function computeLocationAnalytics(
  locationId: number,
  days: number,
  now: Date,
): Promise<AnalyticsDto> {
  const location = await db.location.findUnique({
    where: { id: locationId },
    select: { id: true, timeZone: true },
  });
  if (!location) throw new AppError("NOT_FOUND", `Location ${locationId} does not exist.`);
  const r = locationRange(location, days, now);
  const [revenueByDate, occupiedByHour, totals, inService] = await Promise.all([
    revenueByLocalDate(r),
    occupiedByLocalHour(r),
    locationTotals(r),
    locationInServiceSlots(locationId),
  ]);
  const { forecast, backtest } = await locationForecast(locationId, r.timeZone, now, inService);

  return assembleAnalytics({
    range: { from: r.from.toISOString(), to: now.toISOString(), days, timeZone: r.timeZone },
    hours: r.hours,
    daily: r.dates.map((date) => ({ date, revenueCents: revenueByDate.get(date) ?? 0 })),
    revenueByType: totals.revenueByType,
    reservationsByType: totals.reservationsByType,
    zones: totals.zones.map((zone) => ({ locationId, ...zone })),
    occupiedByHour,
    timesHappened: hoursHappened(r),
    inService,
    forecast,
    backtest,
  });
}
