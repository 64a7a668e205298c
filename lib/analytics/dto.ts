// The analytics answer (GET /api/analytics and the /analytics page) and the small helpers
// both its network-wide and its per-location assembly use.
import type { SlotType } from "@/lib/dto";

export const PEAK_HOURS = 3;
export const BUSIEST_ZONES = 3;

export type HourProfileDto = { hour: number; avgOccupancy: number; avgOccupancyRate: number };
export type ZoneRateDto = {
  locationId: number;
  floor: number;
  zone: string;
  occupancyRate: number;
};
export type ForecastPointDto = {
  time: string;
  predictedOccupied: number;
  predictedOccupancyRate: number;
};
export type BacktestErrorDto = { mae: number | null; mape: number | null };
export type BacktestDto = {
  /** Rolling origins: one every 24 h over the last `days` days before the current hour. */
  days: number;
  horizonHours: number;
  /** Hours scored; MAPE skips hours whose actual occupancy was 0. */
  points: number;
  mapePoints: number;
  /** MAE in occupied slots, MAPE in percent. */
  model: BacktestErrorDto;
  hourOfDay: BacktestErrorDto;
  seasonalNaive: BacktestErrorDto;
};

export type AnalyticsDto = {
  /** `timeZone` only for one location's analytics (its IANA zone); the network is UTC. */
  range: { from: string; to: string; days: number; timeZone?: string };
  revenue: {
    totalCents: number;
    daily: { date: string; revenueCents: number }[];
    bySlotType: { type: SlotType; revenueCents: number }[];
  };
  utilization: { occupancyRate: number; byZone: ZoneRateDto[]; busiestZones: ZoneRateDto[] };
  peakHours: HourProfileDto[];
  hourlyProfile: HourProfileDto[];
  forecast: ForecastPointDto[];
  preferences: {
    byType: { type: SlotType; reservations: number }[];
    byZone: { locationId: number; floor: number; zone: string; reservations: number }[];
  };
  /** Extension: how the forecaster did on the last 14 days, against two baselines. */
  backtest: BacktestDto;
  /** Extension: in-service slots the rates are shares of. */
  inServiceSlots: number;
};

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
