// The analytics answer (GET /api/analytics and the /analytics page), assembled in one place
// from the parts that the network-wide (service.ts) and the per-location
// (location-analytics.ts) reads produce.
import type { AnalyticsDto, HourProfileDto } from "@/lib/api-schemas/staff";

const PEAK_HOURS = 3;
const BUSIEST_ZONES = 3;

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
function hourlyProfile(
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
function topBy<T>(items: readonly T[], key: (item: T) => number, count: number): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => key(item) > 0)
    .sort((a, b) => key(b.item) - key(a.item) || a.index - b.index)
    .slice(0, count)
    .map(({ item }) => item);
}

/** One zone's totals over a range: the slots in service, the slot-hours occupied, bookings made. */
export type ZoneTotals = {
  locationId: number;
  floor: number;
  zone: string;
  inServiceSlots: number;
  occupiedSlotHours: number;
  reservations: number;
};

/** What an analytics answer is computed from, read for the network or for one location. */
export type AnalyticsParts = {
  range: AnalyticsDto["range"];
  /** The hours the range spans (the current one included): a slot's possible slot-hours. */
  hours: number;
  daily: AnalyticsDto["revenue"]["daily"];
  revenueByType: AnalyticsDto["revenue"]["bySlotType"];
  reservationsByType: AnalyticsDto["preferences"]["byType"];
  zones: readonly ZoneTotals[];
  /** Occupied slot-hours by hour of day, and how often each hour of day happened in the range. */
  occupiedByHour: readonly number[];
  timesHappened: readonly number[];
  inService: number;
  forecast: AnalyticsDto["forecast"];
  backtest: AnalyticsDto["backtest"];
};

/** The answer from its parts: every rate, total and ranking is derived here, once. */
export function assembleAnalytics(parts: AnalyticsParts): AnalyticsDto {
  const { zones, hours, inService } = parts;
  const byZone = zones.map((z) => ({
    locationId: z.locationId,
    floor: z.floor,
    zone: z.zone,
    occupancyRate: rate(ratio(z.occupiedSlotHours, z.inServiceSlots * hours)),
  }));
  const occupiedSlotHours = zones.reduce((sum, z) => sum + z.occupiedSlotHours, 0);
  const profile = hourlyProfile(parts.occupiedByHour, parts.timesHappened, inService);
  return {
    range: parts.range,
    revenue: {
      totalCents: parts.daily.reduce((sum, d) => sum + d.revenueCents, 0),
      daily: parts.daily,
      bySlotType: parts.revenueByType,
    },
    utilization: {
      occupancyRate: rate(ratio(occupiedSlotHours, inService * hours)),
      byZone,
      busiestZones: topBy(byZone, (z) => z.occupancyRate, BUSIEST_ZONES),
    },
    peakHours: topBy(profile, (h) => h.avgOccupancy, PEAK_HOURS),
    hourlyProfile: profile,
    forecast: parts.forecast,
    preferences: {
      byType: parts.reservationsByType,
      byZone: zones.map(({ locationId, floor, zone, reservations }) => ({
        locationId,
        floor,
        zone,
        reservations,
      })),
    },
    backtest: parts.backtest,
    inServiceSlots: inService,
  };
}
