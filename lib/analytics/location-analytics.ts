// One location's dashboard in its local time (docs/analytics.md, "One location"): the
// range is its last N local calendar days, `daily` has one row per local date, `hour`
// fields are local hours, and the forecast works on the local clock. Built from the
// per-UTC-hour reads of location-queries.ts, bucketed by time-zone.ts.
import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  BUSIEST_ZONES,
  hourlyProfile,
  PEAK_HOURS,
  rate,
  ratio,
  topBy,
  type AnalyticsDto,
} from "@/lib/analytics/dto";
import { forecastAndBacktest, seriesStart } from "@/lib/analytics/forecast-step";
import { HOURS_PER_DAY } from "@/lib/analytics/forecast";
import {
  firstHourlyDate,
  hourlyOccupied,
  hourlyRevenue,
  locationInServiceSlots,
  locationRange,
  locationTotals,
  type HourValues,
  type LocationRange,
} from "@/lib/analytics/location-queries";
import { localHourOf } from "@/lib/analytics/time-zone";

const HOUR_MS = 3_600_000;

/** Per local date and local hour of day, the sums of per-UTC-hour values in the range. */
function bucket(r: LocationRange, revenue: HourValues, occupied: HourValues) {
  const revenueByDate = new Map(r.dates.map((date) => [date, 0]));
  const occupiedByHour = Array.from({ length: 24 }, () => 0);
  const timesHappened = Array.from({ length: 24 }, () => 0);
  for (let at = r.firstHour; at <= r.currentHour; at += HOUR_MS) {
    const { date, hour } = localHourOf(r.timeZone, at);
    // The current hour's revenue is read up to now from the base tables (added later).
    if (at < r.currentHour) {
      revenueByDate.set(date, (revenueByDate.get(date) ?? 0) + (revenue.get(at) ?? 0));
    }
    occupiedByHour[hour] = (occupiedByHour[hour] ?? 0) + (occupied.get(at) ?? 0);
    timesHappened[hour] = (timesHappened[hour] ?? 0) + 1;
  }
  return { revenueByDate, occupiedByHour, timesHappened };
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
  const [revenue, occupied, totals, inService] = await Promise.all([
    hourlyRevenue(r),
    hourlyOccupied(locationId, r.firstHour, r.currentHour + HOUR_MS),
    locationTotals(r),
    locationInServiceSlots(locationId),
  ]);
  const { forecast, backtest } = await locationForecast(locationId, r.timeZone, now, inService);

  const { revenueByDate, occupiedByHour, timesHappened } = bucket(r, revenue, occupied);
  if (r.currentHour >= r.firstHour) {
    const today = localHourOf(r.timeZone, r.currentHour).date;
    revenueByDate.set(today, (revenueByDate.get(today) ?? 0) + totals.currentHourCents);
  }
  const daily = r.dates.map((date) => ({ date, revenueCents: revenueByDate.get(date) ?? 0 }));
  const byZone = totals.zones.map((z) => ({
    locationId,
    floor: z.floor,
    zone: z.zone,
    occupancyRate: rate(ratio(z.occupiedSlotHours, z.inServiceSlots * r.hours)),
  }));
  const occupiedSlotHours = totals.zones.reduce((sum, z) => sum + z.occupiedSlotHours, 0);
  const profile = hourlyProfile(occupiedByHour, timesHappened, inService);
  return {
    range: { from: r.from.toISOString(), to: now.toISOString(), days, timeZone: r.timeZone },
    revenue: {
      totalCents: daily.reduce((sum, d) => sum + d.revenueCents, 0),
      daily,
      bySlotType: totals.revenueByType,
    },
    utilization: {
      occupancyRate: rate(ratio(occupiedSlotHours, inService * r.hours)),
      byZone,
      busiestZones: topBy(byZone, (z) => z.occupancyRate, BUSIEST_ZONES),
    },
    peakHours: topBy(profile, (h) => h.avgOccupancy, PEAK_HOURS),
    hourlyProfile: profile,
    forecast,
    preferences: {
      byType: totals.reservationsByType,
      byZone: totals.zones.map((z) => ({
        locationId,
        floor: z.floor,
        zone: z.zone,
        reservations: z.reservations,
      })),
    },
    backtest,
    inServiceSlots: inService,
  };
}
