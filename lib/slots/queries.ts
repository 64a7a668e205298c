// Slot search and availability summaries. Both sweep expired reservations first, so a
// slot whose time is up shows as free, then answer from the in-memory slot model
// (lib/slots/model.ts), which re-reads the table whenever it may have changed.
import type { Availability } from "@/lib/api-schemas/parking";
import { db } from "@/lib/db/client";
import { holdingOverlapWhere } from "@/lib/reservations/overlap";
import type { ParkingSlot, Prisma } from "@/lib/generated/prisma/client.ts";
import { derived, derivedAmong, slotSnapshot } from "@/lib/slots/model";
import { compareText } from "@/lib/slots/order";
import { toSlotDto, type SlotDto, type SlotType, SLOT_TYPES } from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { requireLocation } from "@/lib/auth/access";
import { slotStateNow, type SlotState } from "@/lib/validation/parking";
import { pageAndTotal } from "@/lib/db/pages";

export type SlotSearchFilter = {
  locationId?: number;
  floor?: number;
  zone?: string;
  type?: SlotType;
  maxPriceCents?: number;
  /** Part of the slot number, any case. */
  q?: string;
  /** The state now (with a window too: the state at this moment, not in the window). */
  state?: SlotState;
  /** `true`: free to book now; `false`: occupied or out of service; `all`: both. */
  available: "true" | "false" | "all";
  /**
   * A window [from, to): `available` then asks whether the slot is in service and free
   * for all of it (no upcoming or active reservation overlaps), not whether it is free now.
   */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
};

/**
 * How many slot references the search filters' matches kept per slot snapshot may hold
 * together: 100,000 (under 1 MB), a few hundred filters of a garage's worth of matches.
 */
const SEARCH_MATCHES_KEPT = 100_000;

const FREE_NOW = { isAvailable: true, outOfService: false } satisfies Prisma.ParkingSlotWhereInput;

/** In service, and no upcoming or active reservation overlaps [from, to). */
function freeForWindow(from: Date, to: Date): Prisma.ParkingSlotWhereInput {
  return {
    outOfService: false,
    reservations: { none: holdingOverlapWhere(from, to) },
  };
}

/** `slotStateNow` as a filter over the table. */
const STATE_WHERE = {
  free: FREE_NOW,
  occupied: { isAvailable: false, outOfService: false },
  out_of_service: { outOfService: true },
} satisfies Record<SlotState, Prisma.ParkingSlotWhereInput>;

/** Whether the slot number contains `q`, in any case, literally. */
function numberMatches(slot: Pick<ParkingSlot, "slotNumber">, q: string): boolean {
  return slot.slotNumber.toLowerCase().includes(q.toLowerCase());
}

/**
 * The window search's filter. `matchingNumbers`: the ids whose number matches `q`, found by
 * numberMatches over the slot model (SQL's LIKE would read '_' in `q` as a wildcard).
 */
function slotSearchWhere(
  filter: SlotSearchFilter,
  matchingNumbers?: number[],
): Prisma.ParkingSlotWhereInput {
  const free =
    filter.from !== undefined && filter.to !== undefined
      ? freeForWindow(filter.from, filter.to)
      : FREE_NOW;
  return {
    AND: [
      filter.state === undefined ? {} : STATE_WHERE[filter.state],
      matchingNumbers === undefined ? {} : { id: { in: matchingNumbers } },
    ],
    ...(filter.available === "true" && free),
    ...(filter.available === "false" && { NOT: free }),
    ...(filter.locationId !== undefined && { locationId: filter.locationId }),
    ...(filter.floor !== undefined && { floorNumber: filter.floor }),
    ...(filter.zone !== undefined && { zone: filter.zone }),
    ...(filter.type !== undefined && { slotType: filter.type }),
    ...(filter.maxPriceCents !== undefined && { pricePerHourCents: { lte: filter.maxPriceCents } }),
  };
}

const SLOT_SEARCH_ORDER = [
  { pricePerHourCents: "asc" },
  { floorNumber: "asc" },
  { slotNumber: "asc" },
  { locationId: "asc" },
  { id: "asc" },
] satisfies Prisma.ParkingSlotOrderByWithRelationInput[];

/** The in-memory filter equal to `slotSearchWhere` for a search without a window. */
function matchesNow(slot: ParkingSlot, filter: SlotSearchFilter): boolean {
  const freeNow = slot.isAvailable && !slot.outOfService;
  if (filter.available === "true" && !freeNow) return false;
  if (filter.available === "false" && freeNow) return false;
  if (filter.locationId !== undefined && slot.locationId !== filter.locationId) return false;
  if (filter.floor !== undefined && slot.floorNumber !== filter.floor) return false;
  if (filter.zone !== undefined && slot.zone !== filter.zone) return false;
  if (filter.type !== undefined && slot.slotType !== filter.type) return false;
  if (filter.maxPriceCents !== undefined && slot.pricePerHourCents > filter.maxPriceCents) {
    return false;
  }
  if (filter.state !== undefined && slotStateNow(slot) !== filter.state) return false;
  if (filter.q !== undefined && !slot.slotNumber.toLowerCase().includes(filter.q.toLowerCase())) {
    return false;
  }
  return true;
}

/** SLOT_SEARCH_ORDER: price, floor, slot number, then location and id (never a tie). */
function bySearchOrder(a: ParkingSlot, b: ParkingSlot): number {
  return (
    a.pricePerHourCents - b.pricePerHourCents ||
    a.floorNumber - b.floorNumber ||
    compareText(a.slotNumber, b.slotNumber) ||
    a.locationId - b.locationId ||
    a.id - b.id
  );
}

/**
 * Slots matching the filter, cheapest first, then by floor and slot number. Without a
 * window it is answered from the in-memory slot model (lib/slots/model.ts); a window
 * search asks the database, which knows the reservations.
 */
export async function searchSlots(
  filter: SlotSearchFilter,
): Promise<{ slots: SlotDto[]; total: number }> {
  if (filter.locationId !== undefined) await requireLocation(filter.locationId);
  await sweepExpiredReservations();
  if (filter.from === undefined || filter.to === undefined) {
    const snapshot = await slotSnapshot();
    // A filter's matches change only with the snapshot: the pages of a search (and every
    // dashboard polling it) read one list.
    const { offset, limit, ...criteria } = filter;
    const matching = derivedAmong(
      snapshot,
      "search",
      JSON.stringify(criteria),
      {
        budget: SEARCH_MATCHES_KEPT,
        weigh: (matches: readonly ParkingSlot[]) => matches.length + 1,
      },
      (slots) =>
        derived(snapshot, "searchOrder", () => [...slots].sort(bySearchOrder))
          // Still in search order: filter keeps the order it finds.
          .filter((slot) => matchesNow(slot, filter)),
    );
    return {
      slots: matching.slice(offset, offset + limit).map(toSlotDto),
      total: matching.length,
    };
  }
  const { q } = filter;
  const matchingNumbers =
    q === undefined
      ? undefined
      : (await slotSnapshot()).slots
          .filter((slot) => numberMatches(slot, q))
          .map((slot) => slot.id);
  const where = slotSearchWhere(filter, matchingNumbers);
  const { rows, total } = await pageAndTotal(
    filter,
    () =>
      db.parkingSlot.findMany({
        where,
        orderBy: SLOT_SEARCH_ORDER,
        take: filter.limit,
        skip: filter.offset,
      }),
    () => db.parkingSlot.count({ where }),
  );
  return { slots: rows.map(toSlotDto), total };
}

type Counts = { total: number; available: number; occupied: number; outOfService: number };

type Share = { total: number; available: number };

export type { Availability };

/** Share of in-service slots that are occupied, 0 when there are none. */
export function occupancyRate(occupied: number, available: number): number {
  const inService = occupied + available;
  return inService === 0 ? 0 : occupied / inService;
}

function addTo(map: Map<string, Counts>, key: string, group: Counts): Counts {
  const counts = map.get(key) ?? { total: 0, available: 0, occupied: 0, outOfService: 0 };
  counts.total += group.total;
  counts.available += group.available;
  counts.occupied += group.occupied;
  counts.outOfService += group.outOfService;
  map.set(key, counts);
  return counts;
}

/**
 * Counts of available (in service, free), occupied (in service, held) and out-of-service
 * slots, overall and by location, floor, zone and type, counted from the in-memory slot
 * model: the network's, or one location's (`locationId`; unknown → 404). Floors and zones
 * are a location's: their rows name it, and come in (location, floor, zone) order.
 */
export async function getAvailability(
  now: Date = new Date(),
  locationId?: number,
): Promise<Availability> {
  return { ...(await getAvailabilityCounts(now, locationId)), updatedAt: now.toISOString() };
}

/** The availability answer but its `updatedAt`. */
export type AvailabilityCounts = Omit<Availability, "updatedAt">;

/**
 * getAvailability without `updatedAt`: one object per slot snapshot and location (or the
 * network), the same object until the snapshot changes, so that what is made of it (its
 * JSON) can be kept with it. Never mutate.
 */
export async function getAvailabilityCounts(
  now: Date = new Date(),
  locationId?: number,
): Promise<AvailabilityCounts> {
  if (locationId !== undefined) await requireLocation(locationId);
  await sweepExpiredReservations(now);
  const snapshot = await slotSnapshot();
  // The counts change only with the snapshot: computed once per snapshot.
  if (locationId === undefined) {
    return derived(snapshot, "availability", (slots) => ({
      ...countAvailability(slots),
      byLocation: countByLocation(slots),
    }));
  }
  return derived(snapshot, `availability:${locationId}`, (slots) =>
    countAvailability(slots.filter((slot) => slot.locationId === locationId)),
  );
}

/** In service and free now. */
function isFreeNow(slot: ParkingSlot): boolean {
  return !slot.outOfService && slot.isAvailable;
}

/** Slots and slots free now, by location id, in id order. */
function countByLocation(slots: readonly ParkingSlot[]): ({ locationId: number } & Share)[] {
  const counts = new Map<number, Share>();
  for (const slot of slots) {
    const share = counts.get(slot.locationId) ?? { total: 0, available: 0 };
    share.total += 1;
    if (isFreeNow(slot)) share.available += 1;
    counts.set(slot.locationId, share);
  }
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([locationId, share]) => ({ locationId, ...share }));
}

/** Slots and slots free now at each location (the Location DTO's totalSlots, available). */
export async function locationSlotCounts(): Promise<Map<number, Share>> {
  await sweepExpiredReservations();
  const rows = derived(await slotSnapshot(), "availabilityByLocation", countByLocation);
  return new Map(rows.map(({ locationId, ...share }) => [locationId, share]));
}

function countAvailability(
  slots: readonly ParkingSlot[],
): Omit<Availability, "updatedAt" | "byLocation"> {
  // Grouped in (location, floor, zone) order.
  const ordered = [...slots].sort(
    (a, b) =>
      a.locationId - b.locationId || a.floorNumber - b.floorNumber || compareText(a.zone, b.zone),
  );
  const overall = new Map<string, Counts>();
  const byFloor = new Map<string, Counts>();
  const byZone = new Map<string, Counts>();
  const byType = new Map<string, Counts>();
  for (const slot of ordered) {
    const counts: Counts = {
      total: 1,
      outOfService: slot.outOfService ? 1 : 0,
      available: isFreeNow(slot) ? 1 : 0,
      occupied: !slot.outOfService && !slot.isAvailable ? 1 : 0,
    };
    addTo(overall, "all", counts);
    addTo(byFloor, JSON.stringify([slot.locationId, slot.floorNumber]), counts);
    addTo(byZone, JSON.stringify([slot.locationId, slot.floorNumber, slot.zone]), counts);
    addTo(byType, slot.slotType, counts);
  }
  const all = overall.get("all") ?? { total: 0, available: 0, occupied: 0, outOfService: 0 };
  return {
    ...all,
    occupancyRate: occupancyRate(all.occupied, all.available),
    byFloor: [...byFloor].map(([key, c]) => {
      const [locationId, floor] = JSON.parse(key) as [number, number];
      return { locationId, floor, total: c.total, available: c.available };
    }),
    byZone: [...byZone].map(([key, c]) => {
      const [locationId, floor, zone] = JSON.parse(key) as [number, number, string];
      return { locationId, floor, zone, total: c.total, available: c.available };
    }),
    byType: SLOT_TYPES.filter((type) => byType.has(type)).map((type) => {
      const c = byType.get(type)!;
      return { type, total: c.total, available: c.available };
    }),
  };
}
