// The forecaster on synthetic hourly series with a known weekly pattern and noise.
import { describe, expect, it } from "vitest";
import {
  accumulatorStats,
  FORECASTERS,
  forecastFrom,
  hourOfDayMean,
  lastDaysOrigins,
  rollingOriginErrors,
  seasonalNaive,
  weeklyProfileForecaster,
} from "@/lib/analytics/forecast";

/** mulberry32: deterministic noise. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAILY = [
  2, 1, 1, 1, 2, 5, 12, 30, 45, 40, 30, 25, 28, 25, 22, 22, 28, 38, 35, 25, 15, 10, 6, 3,
];
const WEEKLY = [0.45, 1, 1, 1, 1, 1.1, 0.6]; // Sunday..Saturday

/** `weeks` weeks of hourly values from a Sunday 00:00: pattern × scale + uniform noise. */
function syntheticSeries(weeks: number, noise: number, seed = 7, scale = 1): number[] {
  const next = random(seed);
  return Array.from({ length: weeks * 168 }, (_, i) => {
    const expected = DAILY[i % 24]! * WEEKLY[Math.floor(i / 24) % 7]! * scale;
    return Math.max(0, expected + (next() * 2 - 1) * noise);
  });
}

describe("weekly-profile forecaster", () => {
  it("beats both baselines on MAE over a 14-day rolling-origin backtest", () => {
    for (const seed of [1, 2, 3]) {
      const values = syntheticSeries(10, 8, seed);
      const stats = accumulatorStats(
        rollingOriginErrors(values, lastDaysOrigins(values.length, 14), 24),
      );
      expect(stats.model.points).toBe(14 * 24);
      expect(stats.model.mae!).toBeLessThan(stats.hourOfDay.mae!);
      expect(stats.model.mae!).toBeLessThan(stats.seasonalNaive.mae!);
      expect(stats.model.mape!).toBeLessThan(stats.hourOfDay.mape!);
    }
  });

  it("follows a change of level that the hour-of-day mean misses", () => {
    // Six quiet weeks, then demand rises by half for the last four.
    const values = [...syntheticSeries(6, 3, 11), ...syntheticSeries(4, 3, 12, 1.5)];
    const stats = accumulatorStats(
      rollingOriginErrors(values, lastDaysOrigins(values.length, 14), 24),
    );
    expect(stats.model.mae!).toBeLessThan(stats.hourOfDay.mae!);
    expect(stats.model.mae!).toBeLessThan(stats.seasonalNaive.mae!);
  });

  it("reproduces an exact weekly pattern exactly", () => {
    const values = syntheticSeries(4, 0);
    const forecast = forecastFrom(FORECASTERS.model, values, values.length, 24);
    forecast.forEach((value, i) => expect(value).toBeCloseTo(DAILY[i]! * WEEKLY[0]!, 9));
  });

  it("never looks ahead: changing the future does not change past forecasts", () => {
    const values = syntheticSeries(8, 6, 5);
    const origin = 6 * 168 + 13;
    const changed = values.map((v, i) => (i >= origin ? v * 10 + 100 : v));
    for (const forecaster of [FORECASTERS.model, hourOfDayMean, seasonalNaive]) {
      expect(forecastFrom(forecaster, changed, origin, 24)).toEqual(
        forecastFrom(forecaster, values, origin, 24),
      );
    }
    // Backtest errors for windows that end before the change are the same too.
    const origins = [origin - 72, origin - 48, origin - 24];
    expect(accumulatorStats(rollingOriginErrors(changed, origins, 24))).toEqual(
      accumulatorStats(rollingOriginErrors(values, origins, 24)),
    );
  });

  it("skips gaps and falls back when there is no week of history", () => {
    const values: (number | null)[] = syntheticSeries(3, 0);
    for (let i = 0; i < values.length; i++) if (i % 24 < 7 || i % 24 > 18) values[i] = null;
    const forecast = forecastFrom(FORECASTERS.model, values, values.length, 24);
    expect(forecast.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(forecast[9]).toBeCloseTo(DAILY[9]! * WEEKLY[0]!, 9);
    // Two days of data only: the hour-of-day mean of those days.
    const short = [...DAILY, ...DAILY.map((v) => v * 3)];
    expect(forecastFrom(FORECASTERS.model, short, short.length, 24)[8]).toBeCloseTo(
      DAILY[8]! * 2,
      9,
    );
    expect(forecastFrom(FORECASTERS.model, [], 0, 3)).toEqual([0, 0, 0]);
  });

  it("baselines are what they say", () => {
    const values = syntheticSeries(2, 4, 9);
    const n = values.length;
    expect(forecastFrom(seasonalNaive, values, n, 24)).toEqual(values.slice(n - 168, n - 144));
    const h5 = values.filter((_, i) => i % 24 === 5);
    const mean = h5.reduce((s, v) => s + v, 0) / h5.length;
    expect(forecastFrom(hourOfDayMean, values, n, 24)[5]).toBeCloseTo(mean, 9);
    const damped = weeklyProfileForecaster({
      weeks: 1,
      weekDecay: 1,
      levelHours: 168,
      levelDamping: 0,
    });
    expect(forecastFrom(damped, values, n, 24)).toEqual(values.slice(n - 168, n - 144));
  });
});
