// The admin's network overview: each location's occupancy now, its revenue today (its own
// local calendar day, counted as its analytics count it), and what needs attention: slots
// out of service (with the reason staff gave) and locations over NEARLY_FULL_RATE full.
import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/access";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { slotSnapshot } from "@/lib/slots/model";
import { compareText } from "@/lib/slots/order";
import { occupancyRate } from "@/lib/slots/queries";
import { slotStateNow } from "@/lib/validation/parking";
import { locationRange, revenueByLocalDate } from "@/lib/analytics/location-queries";

/** Occupied share of the in-service slots above which a location raises an alert. */
export const NEARLY_FULL_RATE = 0.9;
/** Slot numbers listed per out-of-service alert; the rest are counted. */
export const ALERT_SLOT_NUMBERS = 10;

export type LocationOverview = {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  totalSlots: number;
  available: number;
  occupied: number;
  outOfService: number;
  /** Occupied share of the in-service slots (0 when none is in service). */
  occupancyRate: number;
  /** Completed payments since the start of `localDate` (the location's today) until now. */
  revenueTodayCents: number;
  localDate: string;
};

export type OverviewAlert =
  | {
      kind: "out_of_service";
      locationId: number;
      /** The reason staff gave (null: none given). */
      reason: string | null;
      count: number;
      /** The first ALERT_SLOT_NUMBERS slot numbers, in slot-number order. */
      slotNumbers: string[];
    }
  | { kind: "nearly_full"; locationId: number; occupancyRate: number };

export type NetworkOverview = {
  at: string;
  locations: LocationOverview[];
  alerts: OverviewAlert[];
};

/** Revenue of the location's local day so far: the same read as its analytics' row for today. */
async function revenueToday(location: { id: number; timeZone: string }, now: Date) {
  const range = locationRange(location, 1, now);
  const localDate = range.dates[0]!;
  return { cents: (await revenueByLocalDate(range)).get(localDate) ?? 0, localDate };
}

type Tally = { total: number; available: number; occupied: number; outOfService: number };

/** Admin only. Locations by name; alerts by location (in that order), then kind and reason. */
export async function getNetworkOverview(
  actor: Actor,
  now: Date = new Date(),
): Promise<NetworkOverview> {
  requireAdmin(actor);
  await sweepExpiredReservations(now);
  const [locations, snapshot] = await Promise.all([
    db.location.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] }),
    slotSnapshot(),
  ]);
  const tallies = new Map<number, Tally>();
  // Out-of-service slots by location, then reason.
  const closed = new Map<number, Map<string | null, string[]>>();
  for (const slot of snapshot.slots) {
    const tally = tallies.get(slot.locationId) ?? {
      total: 0,
      available: 0,
      occupied: 0,
      outOfService: 0,
    };
    tallies.set(slot.locationId, tally);
    tally.total += 1;
    const state = slotStateNow(slot);
    if (state === "free") tally.available += 1;
    else if (state === "occupied") tally.occupied += 1;
    else {
      tally.outOfService += 1;
      const reasons = closed.get(slot.locationId) ?? new Map<string | null, string[]>();
      closed.set(slot.locationId, reasons);
      const reason = slot.outOfServiceReason ?? null;
      const numbers = reasons.get(reason);
      if (numbers) numbers.push(slot.slotNumber);
      else reasons.set(reason, [slot.slotNumber]);
    }
  }
  const revenues = await Promise.all(locations.map((location) => revenueToday(location, now)));

  const rows: LocationOverview[] = [];
  const alerts: OverviewAlert[] = [];
  locations.forEach((location, i) => {
    const tally = tallies.get(location.id) ?? {
      total: 0,
      available: 0,
      occupied: 0,
      outOfService: 0,
    };
    const rate = occupancyRate(tally.occupied, tally.available);
    const revenue = revenues[i]!;
    rows.push({
      id: location.id,
      slug: location.slug,
      name: location.name,
      timeZone: location.timeZone,
      totalSlots: tally.total,
      available: tally.available,
      occupied: tally.occupied,
      outOfService: tally.outOfService,
      occupancyRate: rate,
      revenueTodayCents: revenue.cents,
      localDate: revenue.localDate,
    });
    if (rate > NEARLY_FULL_RATE) {
      alerts.push({ kind: "nearly_full", locationId: location.id, occupancyRate: rate });
    }
    const reasons = [...(closed.get(location.id) ?? new Map<string | null, string[]>())];
    // Reasons in text order, "no reason given" last.
    reasons.sort(([a], [b]) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b),
    );
    for (const [reason, numbers] of reasons) {
      alerts.push({
        kind: "out_of_service",
        locationId: location.id,
        reason,
        count: numbers.length,
        slotNumbers: numbers.sort(compareText).slice(0, ALERT_SLOT_NUMBERS),
      });
    }
  });
  return { at: now.toISOString(), locations: rows, alerts };
}
