// The occupancy rate that demand pricing's tiers look at, as a pure function of what
// lib/pricing/forecast.ts read (no clock, no database), so the quote and the reserve
// decision compute it the same way. Per hour of a window (an hour is taken by the clock
// hour it starts in):
//   rate = clamp(max(forecast occupied slots, slots booked for that hour) / in-service, 0, 1)
import { HOURS_PER_WEEK } from "@/lib/analytics/forecast";
import { HOUR_MS } from "@/lib/time";

export const floorHour = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

export type OccupancySnapshot = {
  /** Forecast occupied slots for the 168 hours from a clock hour, by that clock hour (ms). */
  curves: ReadonlyMap<number, readonly number[]>;
  /** In-service slots booked per clock hour (ms), over the hours read; absent: none. */
  booked: ReadonlyMap<number, number>;
  /** `slotId@hour` for each slot read (see readOccupancy) that is booked in that clock hour. */
  bookedSlotHours: ReadonlySet<string>;
  inService: number;
};

/** One snapshot per location (of the slots read): each location prices by its own. */
export type OccupancyByLocation = ReadonlyMap<number, OccupancySnapshot>;

/** The key of bookedSlotHours for a slot and a clock hour (ms). */
export const slotHourKey = (slotId: number, hour: number) => `${slotId}@${hour}`;

/** The predicted share (0..1) of in-service slots occupied in the hour of `hourStart`. */
export function occupancyRate(snapshot: OccupancySnapshot, now: Date, hourStart: Date): number {
  if (snapshot.inService === 0) return 0;
  const clockHour = floorHour(now.getTime());
  const curve = snapshot.curves.get(clockHour);
  if (!curve) throw new Error(`no forecast was read for the clock hour of ${now.toISOString()}`);
  const hour = floorHour(hourStart.getTime());
  const ahead = Math.max(0, Math.round((hour - clockHour) / HOUR_MS));
  const forecast = curve[ahead % HOURS_PER_WEEK] ?? 0;
  const rate = Math.max(forecast, snapshot.booked.get(hour) ?? 0) / snapshot.inService;
  return Math.min(1, Math.max(0, rate));
}

/**
 * The snapshot after an in-service slot was booked for `durationHours` from `startTime`,
 * as a fresh read would see it: each hour's count grows by one unless the slot was booked
 * in that hour already (a slot counts once per hour). `slotId` must be one of the slots the
 * snapshot was read for.
 */
export function withBooking(
  snapshot: OccupancySnapshot,
  slotId: number,
  startTime: Date,
  durationHours: number,
): OccupancySnapshot {
  const booked = new Map(snapshot.booked);
  const bookedSlotHours = new Set(snapshot.bookedSlotHours);
  for (let i = 0; i < durationHours; i++) {
    const hour = floorHour(startTime.getTime() + i * HOUR_MS);
    if (bookedSlotHours.has(slotHourKey(slotId, hour))) continue;
    bookedSlotHours.add(slotHourKey(slotId, hour));
    booked.set(hour, (booked.get(hour) ?? 0) + 1);
  }
  return { ...snapshot, booked, bookedSlotHours };
}
