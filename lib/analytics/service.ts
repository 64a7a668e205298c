// GET /api/analytics and the /analytics page: assembles the staff dashboard from the
// aggregate reads in queries.ts and the forecaster in forecast.ts. Answers are cached per
// `days` for CACHE_TTL_MS (the contract allows 5 s before a new payment shows), and
// concurrent callers share one computation, so a burst of dashboards costs one set of
// queries.
import type {
  AnalyticsDto,
  BacktestDto,
  BacktestErrorDto,
  HourProfileDto,
} from "@/lib/api-schemas/staff";
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireStaff } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import {
  accumulatorStats,
  DEFAULT_WEEKLY_PROFILE_PARAMS,
  FORECASTERS,
  forecastFrom,
  HOURS_PER_DAY,
  HOURS_PER_WEEK,
  lastDaysOrigins,
  rollingOriginErrors,
  type ErrorStats,
} from "@/lib/analytics/forecast";
import {
  analyticsRange,
  firstUtilizationDate,
  inServiceSlotCount,
  occupiedByHourOfDay,
  occupiedHourlySeries,
  reservationsBySlotType,
  reservationsByZone,
  revenueByDay,
  revenueBySlotType,
  utilizationByZone,
  type AnalyticsRange,
} from "@/lib/analytics/queries";

export const CACHE_TTL_MS = 3_000;
export const MAX_ANALYTICS_DAYS = 365;
export const PEAK_HOURS = 3;
export const BUSIEST_ZONES = 3;
export const BACKTEST_DAYS = 14;
/** History the forecaster sees: its profile weeks, the level week and the backtest days. */
const HISTORY_HOURS =
  (DEFAULT_WEEKLY_PROFILE_PARAMS.weeks + 1) * HOURS_PER_WEEK + BACKTEST_DAYS * HOURS_PER_DAY;
const HOUR_MS = 3_600_000;

export type {
  AnalyticsDto,
  BacktestDto,
  BacktestErrorDto,
  ForecastPointDto,
  HourProfileDto,
  ZoneRateDto,
} from "@/lib/api-schemas/staff";

const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const rate = (value: number) => round(value, 4);

function hourlyProfile(
  range: AnalyticsRange,
  occupied: number[],
  inService: number,
): HourProfileDto[] {
  return occupied.map((count, hour) => {
    // Today's hours after the current one have not happened yet.
    const daysWithHour = hour <= range.currentHour ? range.days : range.days - 1;
    const avgOccupancy = ratio(count, daysWithHour);
    return {
      hour,
      avgOccupancy: round(avgOccupancy, 2),
      avgOccupancyRate: rate(ratio(avgOccupancy, inService)),
    };
  });
}

function topBy<T>(items: readonly T[], key: (item: T) => number, count: number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => key(item) > 0)
    .sort((a, b) => key(b.item) - key(a.item) || a.index - b.index)
    .slice(0, count)
    .map(({ item }) => item);
}

const errorDto = (stats: ErrorStats): BacktestErrorDto => ({
  mae: stats.mae === null ? null : round(stats.mae, 2),
  mape: stats.mape === null ? null : round(stats.mape, 1),
});

async function forecastAndBacktest(now: Date, inService: number) {
  const currentHourStart = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const nextHour = currentHourStart + HOUR_MS;
  const first = await firstUtilizationDate();
  const firstMs = first ? Date.parse(`${first}T00:00:00.000Z`) : nextHour;
  const seriesStart = Math.min(nextHour, Math.max(nextHour - HISTORY_HOURS * HOUR_MS, firstMs));
  const [history, alreadyBooked] = await Promise.all([
    occupiedHourlySeries(new Date(seriesStart), new Date(nextHour)),
    occupiedHourlySeries(new Date(nextHour), new Date(nextHour + HOURS_PER_DAY * HOUR_MS)),
  ]);
  const clamp = (value: number) => Math.min(inService, Math.max(0, value));

  // Forecast from the next full hour with everything known up to it; a slot-hour that is
  // already booked is certain, so the forecast never drops below the bookings on record.
  const predicted = forecastFrom(FORECASTERS.model, history, history.length, HOURS_PER_DAY);
  const forecast = predicted.map((value, i) => {
    const occupied = Math.max(clamp(value), alreadyBooked[i] ?? 0);
    return {
      time: new Date(nextHour + i * HOUR_MS).toISOString(),
      predictedOccupied: round(occupied, 1),
      predictedOccupancyRate: rate(ratio(occupied, inService)),
    };
  });

  // Backtest on complete hours only: the current hour may still gain bookings.
  const complete = history.slice(0, -1);
  const origins = lastDaysOrigins(complete.length, BACKTEST_DAYS);
  const stats = accumulatorStats(rollingOriginErrors(complete, origins, HOURS_PER_DAY, clamp));
  const backtest: BacktestDto = {
    days: BACKTEST_DAYS,
    horizonHours: HOURS_PER_DAY,
    points: stats.model.points,
    mapePoints: stats.model.mapePoints,
    model: errorDto(stats.model),
    hourOfDay: errorDto(stats.hourOfDay),
    seasonalNaive: errorDto(stats.seasonalNaive),
  };
  return { forecast, backtest };
}

/** The dashboard for the last `days` days at `now`, straight from the database. */
export async function computeAnalytics(days: number, now: Date): Promise<AnalyticsDto> {
  const range = analyticsRange(days, now);
  const [daily, bySlotType, zones, byHour, inService, byType, byZoneReservations] =
    await Promise.all([
      revenueByDay(range),
      revenueBySlotType(range),
      utilizationByZone(range),
      occupiedByHourOfDay(range),
      inServiceSlotCount(),
      reservationsBySlotType(range),
      reservationsByZone(range),
    ]);
  const { forecast, backtest } = await forecastAndBacktest(now, inService);

  const byZone = zones.map((z) => ({
    floor: z.floor,
    zone: z.zone,
    occupancyRate: rate(ratio(z.occupiedSlotHours, z.inServiceSlots * range.hours)),
  }));
  const occupiedSlotHours = zones.reduce((sum, z) => sum + z.occupiedSlotHours, 0);
  const profile = hourlyProfile(range, byHour, inService);
  return {
    range: { from: range.from.toISOString(), to: now.toISOString(), days },
    revenue: {
      totalCents: daily.reduce((sum, d) => sum + d.revenueCents, 0),
      daily,
      bySlotType,
    },
    utilization: {
      occupancyRate: rate(ratio(occupiedSlotHours, inService * range.hours)),
      byZone,
      busiestZones: topBy(byZone, (z) => z.occupancyRate, BUSIEST_ZONES),
    },
    peakHours: topBy(profile, (h) => h.avgOccupancy, PEAK_HOURS),
    hourlyProfile: profile,
    forecast,
    preferences: { byType, byZone: byZoneReservations },
    backtest,
    inServiceSlots: inService,
  };
}

type CacheEntry = { expiresAt: number; value: Promise<AnalyticsDto> };
const globalForCache = globalThis as unknown as { analyticsCache?: Map<number, CacheEntry> };
const cache = (globalForCache.analyticsCache ??= new Map());

/** Staff only. Cached per `days` for CACHE_TTL_MS; concurrent callers share one run. */
export async function getAnalytics(actor: Actor, input: { days: number }): Promise<AnalyticsDto> {
  requireStaff(actor);
  const { days } = input;
  if (!Number.isInteger(days) || days < 1 || days > MAX_ANALYTICS_DAYS) {
    throw new AppError("VALIDATION_ERROR", "The request is not valid.", [
      { path: "days", message: `must be a whole number from 1 to ${MAX_ANALYTICS_DAYS}` },
    ]);
  }
  const nowMs = Date.now();
  const hit = cache.get(days);
  if (hit && hit.expiresAt > nowMs) return hit.value;
  const value = computeAnalytics(days, new Date(nowMs));
  cache.set(days, { expiresAt: nowMs + CACHE_TTL_MS, value });
  value.catch(() => {
    if (cache.get(days)?.value === value) cache.delete(days);
  });
  return value;
}

/** Forgets cached answers (tests, or after bulk imports). */
export function clearAnalyticsCache(): void {
  cache.clear();
}
