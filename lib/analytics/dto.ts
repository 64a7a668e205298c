// The analytics answer (GET /api/analytics and the /analytics page) and the small helpers
// both its network-wide and its per-location assembly use.
import type { HourProfileDto } from "@/lib/api-schemas/staff";

export const PEAK_HOURS = 3;
export const BUSIEST_ZONES = 3;

export type {
  AnalyticsDto,
  BacktestDto,
  BacktestErrorDto,
  ForecastPointDto,
  HourProfileDto,
  ZoneRateDto,
} from "@/lib/api-schemas/staff";

export const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
export const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
export const rate = (value: number) => round(value, 4);

/** The 24 hours of the day: occupied slot-hours over the times that hour happened. */
export function hourlyProfile(
  occupied: readonly number[],
  timesHappened: readonly number[],
  inService: number,
): HourProfileDto[] {
  return occupied.map((count, hour) => {
    const avgOccupancy = ratio(count, timesHappened[hour] ?? 0);
    return {
      hour,
      avgOccupancy: round(avgOccupancy, 2),
      avgOccupancyRate: rate(ratio(avgOccupancy, inService)),
    };
  });
}

/** The `count` items with the highest positive key, highest first, ties in input order. */
export function topBy<T>(items: readonly T[], key: (item: T) => number, count: number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => key(item) > 0)
    .sort((a, b) => key(b.item) - key(a.item) || a.index - b.index)
    .slice(0, count)
    .map(({ item }) => item);
}
