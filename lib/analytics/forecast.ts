// Hourly demand forecasting, pure TypeScript without dependencies, shared by the analytics
// API (occupied slots per hour) and `npm run forecast:eval` (occupancy rate of outside car
// parks). A series is an array of hourly values, oldest first, `null` where nothing was
// observed (gaps, nights a car park does not report). Index i and i - 24 are the same hour
// of day, i and i - 168 the same hour of week, so no calendar is needed here.
//
// The model (docs/analytics.md explains the choice): a recency-weighted hour-of-week
// profile with a level adjustment.
// - profile(t) = Σ_k w^(k-1) · y(t - 168k) / Σ_k w^(k-1) over the last `weeks` weeks that
//   have a value at that hour of week: the daily and the weekly rhythm at once, recent
//   weeks counting more (w = `weekDecay`).
// - level = Σ y(s) / Σ profile(s) over the last `levelHours` observed hours before the
//   origin, where profile(s) itself only uses weeks before s (out of sample); damped toward
//   1 by `levelDamping` and clamped to [0.5, 2]. Forecast = profile(t) × level, so a week
//   that runs hotter or colder than the profile lifts or lowers the next day.
// - With no same-hour-of-week history yet, it falls back to the hour-of-day mean of the
//   last 14 days, then to the mean of the last 24 observations, then to 0.
//
// Baselines: the seed's method (mean of all past values at the same hour of day) and
// seasonal naive (the value one week earlier, else the latest same hour of day).
//
// Every forecaster receives only the values before its origin (`forecastFrom` slices), so
// no forecast can look ahead.

export type HourlyValues = readonly (number | null)[];

/** Forecasts the `horizon` hours that follow `known` (the history, oldest first). */
export type Forecaster = (known: HourlyValues, horizon: number) => number[];

export const HOURS_PER_DAY = 24;
export const HOURS_PER_WEEK = 168;

export type WeeklyProfileParams = {
  /** How many past weeks the hour-of-week profile averages. */
  weeks: number;
  /** Weight of week k is weekDecay^(k-1): 1 = plain mean, smaller = more recent. */
  weekDecay: number;
  /** Hours before the origin over which the level (actual / profile) is measured. */
  levelHours: number;
  /** 0 ignores the level, 1 applies it fully. */
  levelDamping: number;
};

export const DEFAULT_WEEKLY_PROFILE_PARAMS: WeeklyProfileParams = {
  weeks: 8,
  weekDecay: 0.85,
  levelHours: HOURS_PER_WEEK,
  levelDamping: 0.8,
};

const MIN_LEVEL = 0.5;
const MAX_LEVEL = 2;
const FALLBACK_DAYS = 14;

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** The value `lag`-multiples back from t, newest first, skipping gaps; at most `count`. */
function sameSeasonValues(known: HourlyValues, t: number, lag: number, count: number) {
  const found: { k: number; value: number }[] = [];
  for (let k = 1; k <= count; k++) {
    const j = t - lag * k;
    if (j < 0) break;
    if (j >= known.length) continue;
    const value = known[j];
    if (value !== null && value !== undefined) found.push({ k, value });
  }
  return found;
}

function recentMean(known: HourlyValues, count: number): number | null {
  const values: number[] = [];
  for (let j = known.length - 1; j >= 0 && values.length < count; j--) {
    const value = known[j];
    if (value !== null && value !== undefined) values.push(value);
  }
  return mean(values);
}

/** Mean of all known values at t's hour of day (the seed's "average by hour"). */
function hourOfDayMeanAt(known: HourlyValues, t: number, maxDays = Infinity): number | null {
  const values = sameSeasonValues(known, t, HOURS_PER_DAY, maxDays).map((f) => f.value);
  return mean(values);
}

function weightedProfileAt(
  known: HourlyValues,
  t: number,
  params: WeeklyProfileParams,
): number | null {
  let num = 0;
  let den = 0;
  for (const { k, value } of sameSeasonValues(known, t, HOURS_PER_WEEK, params.weeks)) {
    const weight = params.weekDecay ** (k - 1);
    num += weight * value;
    den += weight;
  }
  return den > 0 ? num / den : null;
}

export function weeklyProfileForecaster(
  params: WeeklyProfileParams = DEFAULT_WEEKLY_PROFILE_PARAMS,
): Forecaster {
  return (known, horizon) => {
    const n = known.length;
    // The level: how the last levelHours compare with what the profile expected of them.
    let actual = 0;
    let expected = 0;
    for (let s = Math.max(0, n - params.levelHours); s < n; s++) {
      const value = known[s];
      if (value === null || value === undefined) continue;
      const profile = weightedProfileAt(known, s, params);
      if (profile === null) continue;
      actual += value;
      expected += profile;
    }
    const ratio = expected > 1e-9 ? actual / expected : 1;
    const level = Math.min(MAX_LEVEL, Math.max(MIN_LEVEL, 1 + params.levelDamping * (ratio - 1)));
    const fallback = recentMean(known, HOURS_PER_DAY) ?? 0;
    return Array.from({ length: horizon }, (_, i) => {
      const t = n + i;
      const profile = weightedProfileAt(known, t, params);
      if (profile !== null) return Math.max(0, profile * level);
      return Math.max(0, hourOfDayMeanAt(known, t, FALLBACK_DAYS) ?? fallback);
    });
  };
}

/** Baseline 1, the seed's method: the mean of every past value at the same hour of day. */
export const hourOfDayMean: Forecaster = (known, horizon) => {
  const fallback = recentMean(known, HOURS_PER_DAY) ?? 0;
  return Array.from(
    { length: horizon },
    (_, i) => hourOfDayMeanAt(known, known.length + i) ?? fallback,
  );
};

/** Baseline 2, seasonal naive: the same hour last week (else the latest same hour of day). */
export const seasonalNaive: Forecaster = (known, horizon) => {
  const fallback = recentMean(known, HOURS_PER_DAY) ?? 0;
  return Array.from({ length: horizon }, (_, i) => {
    const t = known.length + i;
    const lastWeek = sameSeasonValues(known, t, HOURS_PER_WEEK, 1)[0];
    if (lastWeek) return lastWeek.value;
    const lastDay = sameSeasonValues(known, t, HOURS_PER_DAY, FALLBACK_DAYS)[0];
    return lastDay?.value ?? fallback;
  });
};

export const FORECASTERS = {
  model: weeklyProfileForecaster(),
  hourOfDay: hourOfDayMean,
  seasonalNaive,
} as const satisfies Record<string, Forecaster>;

export type ForecastMethod = keyof typeof FORECASTERS;

/**
 * Forecasts the `horizon` hours from index `origin` using only values before it. The
 * slice is what makes look-ahead impossible, whatever the forecaster does.
 */
export function forecastFrom(
  forecaster: Forecaster,
  values: HourlyValues,
  origin: number,
  horizon: number,
): number[] {
  if (horizon > HOURS_PER_WEEK) throw new Error("horizon must be at most one week");
  return forecaster(values.slice(0, Math.max(0, origin)), horizon);
}

export type ErrorStats = {
  /** Mean absolute error over every observed hour, in the series' unit. */
  mae: number | null;
  /** Mean absolute percentage error (%) over observed hours whose actual value is > 0. */
  mape: number | null;
  points: number;
  mapePoints: number;
};

class ErrorAccumulator {
  private absSum = 0;
  private pctSum = 0;
  private points = 0;
  private pctPoints = 0;

  add(forecast: number, actual: number) {
    const error = Math.abs(forecast - actual);
    this.absSum += error;
    this.points += 1;
    if (actual > 0) {
      this.pctSum += (error / actual) * 100;
      this.pctPoints += 1;
    }
  }

  merge(other: ErrorAccumulator) {
    this.absSum += other.absSum;
    this.pctSum += other.pctSum;
    this.points += other.points;
    this.pctPoints += other.pctPoints;
  }

  stats(): ErrorStats {
    return {
      mae: this.points > 0 ? this.absSum / this.points : null,
      mape: this.pctPoints > 0 ? this.pctSum / this.pctPoints : null,
      points: this.points,
      mapePoints: this.pctPoints,
    };
  }
}

export type BacktestAccumulators = Record<ForecastMethod, ErrorAccumulator>;

function newAccumulators(): BacktestAccumulators {
  return {
    model: new ErrorAccumulator(),
    hourOfDay: new ErrorAccumulator(),
    seasonalNaive: new ErrorAccumulator(),
  };
}

/**
 * Rolling-origin evaluation: from each origin, forecast the next `horizon` hours from the
 * values strictly before it and compare with what was observed (gaps are not scored).
 * `clamp` bounds forecasts (e.g. to the capacity) before scoring.
 */
export function rollingOriginErrors(
  values: HourlyValues,
  origins: readonly number[],
  horizon: number,
  clamp: (value: number) => number = (v) => v,
): BacktestAccumulators {
  const acc = newAccumulators();
  for (const origin of origins) {
    if (origin < 1 || origin >= values.length) continue;
    const steps = Math.min(horizon, values.length - origin);
    for (const method of Object.keys(FORECASTERS) as ForecastMethod[]) {
      const forecast = forecastFrom(FORECASTERS[method], values, origin, steps);
      forecast.forEach((predicted, i) => {
        const actual = values[origin + i];
        if (actual !== null && actual !== undefined) acc[method].add(clamp(predicted), actual);
      });
    }
  }
  return acc;
}

export function mergeAccumulators(into: BacktestAccumulators, from: BacktestAccumulators): void {
  for (const method of Object.keys(into) as ForecastMethod[]) into[method].merge(from[method]);
}

export function emptyAccumulators(): BacktestAccumulators {
  return newAccumulators();
}

export function accumulatorStats(acc: BacktestAccumulators): Record<ForecastMethod, ErrorStats> {
  return {
    model: acc.model.stats(),
    hourOfDay: acc.hourOfDay.stats(),
    seasonalNaive: acc.seasonalNaive.stats(),
  };
}

/** Origins every `horizon` hours over the last `days` days before `end` (exclusive). */
export function lastDaysOrigins(end: number, days: number, horizon = HOURS_PER_DAY): number[] {
  const origins: number[] = [];
  for (let k = days; k >= 1; k--) origins.push(end - k * horizon);
  return origins;
}
