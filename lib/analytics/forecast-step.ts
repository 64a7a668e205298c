// The forecast and backtest of the analytics answer, for the network (UTC hours) and for
// one location (its local wall-clock hours). The forecaster (forecast.ts) works on a
// series where index i and i - 168 are the same hour of week; for a location that must be
// the same LOCAL hour of week, so the UTC hours are first laid out on the local clock:
// one slot per local hour, the hour skipped in spring a gap (null), the hour repeated in
// autumn the mean of its two UTC hours. Forecast rows stay UTC instants: each of the next
// 24 UTC hours takes the forecast of its local hour.
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
import { wallHourOf } from "@/lib/analytics/time-zone";
import {
  rate,
  ratio,
  round,
  type BacktestDto,
  type BacktestErrorDto,
  type ForecastPointDto,
} from "@/lib/analytics/dto";
import { HOUR_MS } from "@/lib/time";

export const BACKTEST_DAYS = 14;
/** History the forecaster sees: its profile weeks, the level week and the backtest days. */
export const HISTORY_HOURS =
  (DEFAULT_WEEKLY_PROFILE_PARAMS.weeks + 1) * HOURS_PER_WEEK + BACKTEST_DAYS * HOURS_PER_DAY;

const errorDto = (stats: ErrorStats): BacktestErrorDto => ({
  mae: stats.mae === null ? null : round(stats.mae, 2),
  mape: stats.mape === null ? null : round(stats.mape, 1),
});

/** Where the forecaster's series starts: HISTORY_HOURS back, not before the first data. */
export function seriesStart(nextHour: number, firstDate: string | null): number {
  const firstMs = firstDate ? Date.parse(`${firstDate}T00:00:00.000Z`) : nextHour;
  return Math.min(nextHour, Math.max(nextHour - HISTORY_HOURS * HOUR_MS, firstMs));
}

/** The local wall-clock hour of a UTC hour start, as hours since the epoch of wall time. */
function wallHour(timeZone: string | null, hourMs: number): number {
  return timeZone === null ? hourMs / HOUR_MS : wallHourOf(timeZone, hourMs);
}

/**
 * The history laid out on the local clock (see the top of this file): values by local
 * hour from `start`'s up to, not including, `origin`'s, and where each UTC hour lands.
 */
function localClock(
  timeZone: string | null,
  start: number,
  origin: number,
  history: readonly number[],
) {
  const base = wallHour(timeZone, start);
  const originWall = wallHour(timeZone, origin);
  const length = Math.max(0, originWall - base);
  const sums = Array.from({ length }, () => 0);
  const seen = Array.from({ length }, () => 0);
  history.forEach((value, i) => {
    const index = wallHour(timeZone, start + i * HOUR_MS) - base;
    if (index >= 0 && index < length) {
      sums[index] = (sums[index] ?? 0) + value;
      seen[index] = (seen[index] ?? 0) + 1;
    }
  });
  const series = sums.map((sum, i) => {
    const count = seen[i] ?? 0;
    return count > 0 ? sum / count : null;
  });
  /** How many local hours after the origin's the UTC hour starting at `hourMs` falls. */
  const ahead = (hourMs: number) => wallHour(timeZone, hourMs) - originWall;
  return { series, ahead };
}

/**
 * The model's forecast for each of the `hours` UTC hours from `origin`, made on the local
 * clock from the occupied slots per UTC hour in `history` (from `start` up to `origin`).
 * Past a week ahead the same local hour of week repeats.
 */
export function forecastUtcHours(
  timeZone: string | null,
  start: number,
  origin: number,
  history: readonly number[],
  hours: number,
): number[] {
  const { series, ahead } = localClock(timeZone, start, origin, history);
  const targets = Array.from({ length: hours }, (_, i) => ahead(origin + i * HOUR_MS));
  const horizon = Math.min(HOURS_PER_WEEK, Math.max(...targets) + 1);
  const predicted = forecastFrom(FORECASTERS.model, series, series.length, horizon);
  return targets.map((target) => predicted[target % HOURS_PER_WEEK] ?? 0);
}

export type ForecastInput = {
  /** null: UTC hours as they are (the network); else the location's zone. */
  timeZone: string | null;
  /** The first UTC hour of `history` and the next full hour (history ends before it). */
  start: number;
  nextHour: number;
  /** Occupied slots per UTC hour from `start` up to `nextHour` (exclusive). */
  history: readonly number[];
  /** Slot-hours already booked in each of the 24 UTC hours from `nextHour`. */
  booked: readonly number[];
  inService: number;
};

export function forecastAndBacktest(input: ForecastInput): {
  forecast: ForecastPointDto[];
  backtest: BacktestDto;
} {
  const { timeZone, start, nextHour, history, booked, inService } = input;
  const clamp = (value: number) => Math.min(inService, Math.max(0, value));

  // Forecast from the next full hour with everything known up to it; a slot-hour that is
  // already booked is certain, so the forecast never drops below the bookings on record.
  const predicted = forecastUtcHours(timeZone, start, nextHour, history, HOURS_PER_DAY);
  const forecast = predicted.map((value, i) => {
    const occupied = Math.max(clamp(value), booked[i] ?? 0);
    return {
      time: new Date(nextHour + i * HOUR_MS).toISOString(),
      predictedOccupied: round(occupied, 1),
      predictedOccupancyRate: rate(ratio(occupied, inService)),
    };
  });

  // Backtest on complete hours only: the current hour may still gain bookings.
  const complete = localClock(timeZone, start, nextHour, history).series.slice(0, -1);
  const origins = lastDaysOrigins(complete.length, BACKTEST_DAYS);
  const stats = accumulatorStats(rollingOriginErrors(complete, origins, HOURS_PER_DAY, clamp));
  return {
    forecast,
    backtest: {
      days: BACKTEST_DAYS,
      horizonHours: HOURS_PER_DAY,
      points: stats.model.points,
      mapePoints: stats.model.mapePoints,
      model: errorDto(stats.model),
      hourOfDay: errorDto(stats.hourOfDay),
      seasonalNaive: errorDto(stats.seasonalNaive),
    },
  };
}
