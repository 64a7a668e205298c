// GET /api/analytics and the /analytics page: the staff dashboard, network-wide in UTC
// (v1) or for one location in its local time (location-analytics.ts), assembled from the
// aggregate reads in queries.ts and the forecaster. Answers are cached per (location, days)
// for CACHE_TTL_MS (the contract allows 5 s before a new payment shows), and concurrent
// callers share one computation, so a burst of dashboards costs one set of queries.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireStaffAt, requireStaffEverywhere } from "@/lib/auth/access";
import { AppError } from "@/lib/errors";
import { assembleAnalytics, type AnalyticsDto } from "@/lib/analytics/dto";
import { forecastAndBacktest, seriesStart } from "@/lib/analytics/forecast-step";
import { computeLocationAnalytics } from "@/lib/analytics/location-analytics";
import { HOURS_PER_DAY } from "@/lib/analytics/forecast";
import {
  analyticsRange,
  firstUtilizationDate,
  inServiceSlotCount,
  occupiedByHourOfDay,
  occupiedHourlySeries,
  reservationsBySlotType,
  revenueByDay,
  revenueBySlotType,
  zoneTotals,
} from "@/lib/analytics/queries";
import { HOUR_MS } from "@/lib/time";

export type * from "@/lib/analytics/dto";

const CACHE_TTL_MS = 3_000;
const MAX_ANALYTICS_DAYS = 365;

async function networkForecast(now: Date, inService: number) {
  const nextHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const start = seriesStart(nextHour, await firstUtilizationDate());
  const [history, booked] = await Promise.all([
    occupiedHourlySeries(new Date(start), new Date(nextHour)),
    occupiedHourlySeries(new Date(nextHour), new Date(nextHour + HOURS_PER_DAY * HOUR_MS)),
  ]);
  return forecastAndBacktest({ timeZone: null, start, nextHour, history, booked, inService });
}

/** The whole network's dashboard for the last `days` UTC days at `now` (v1). */
export async function computeNetworkAnalytics(days: number, now: Date): Promise<AnalyticsDto> {
  const range = analyticsRange(days, now);
  const [daily, bySlotType, zones, byHour, inService, byType] = await Promise.all([
    revenueByDay(range),
    revenueBySlotType(range),
    zoneTotals(range),
    occupiedByHourOfDay(range),
    inServiceSlotCount(),
    reservationsBySlotType(range),
  ]);
  const { forecast, backtest } = await networkForecast(now, inService);

  // Today's hours after the current one have not happened yet.
  const timesHappened = byHour.map((_, hour) =>
    hour <= range.currentHour ? range.days : range.days - 1,
  );
  return assembleAnalytics({
    range: { from: range.from.toISOString(), to: now.toISOString(), days },
    hours: range.hours,
    daily,
    revenueByType: bySlotType,
    reservationsByType: byType,
    zones,
    occupiedByHour: byHour,
    timesHappened,
    inService,
    forecast,
    backtest,
  });
}

export type AnalyticsQuery = { days: number; locationId?: number };

/** The dashboard at `now`, straight from the database: one location's, or the network's. */
export async function computeAnalytics(
  days: number,
  now: Date,
  locationId?: number,
): Promise<AnalyticsDto> {
  return locationId === undefined
    ? computeNetworkAnalytics(days, now)
    : computeLocationAnalytics(locationId, days, now);
}

type CacheEntry = { expiresAt: number; value: Promise<AnalyticsDto> };
const globalForCache = globalThis as unknown as { analyticsCache?: Map<string, CacheEntry> };
const cache = (globalForCache.analyticsCache ??= new Map());

/**
 * Staff: one location's analytics where they work there (404 unknown, 403 elsewhere); the
 * network's for admins and staff working at every location. Cached per (location, days)
 * for CACHE_TTL_MS; concurrent callers share one run.
 */
export async function getAnalytics(actor: Actor, input: AnalyticsQuery): Promise<AnalyticsDto> {
  const { days, locationId } = input;
  await (locationId === undefined
    ? requireStaffEverywhere(actor)
    : requireStaffAt(actor, locationId));
  if (!Number.isInteger(days) || days < 1 || days > MAX_ANALYTICS_DAYS) {
    throw new AppError("VALIDATION_ERROR", "The request is not valid.", [
      { path: "days", message: `must be a whole number from 1 to ${MAX_ANALYTICS_DAYS}` },
    ]);
  }
  const key = `${locationId ?? "network"}:${days}`;
  const nowMs = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > nowMs) return hit.value;
  const value = computeAnalytics(days, new Date(nowMs), locationId);
  cache.set(key, { expiresAt: nowMs + CACHE_TTL_MS, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}
