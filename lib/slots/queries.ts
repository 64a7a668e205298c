// Slot search and availability summaries. Both sweep expired reservations first, so a
// slot whose time is up shows as free.
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { toSlotDto, type SlotDto, type SlotType, SLOT_TYPES } from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";

export type SlotSearchFilter = {
  floor?: number;
  zone?: string;
  type?: SlotType;
  maxPriceCents?: number;
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

const FREE_NOW = { isAvailable: true, outOfService: false } satisfies Prisma.ParkingSlotWhereInput;

/** In service, and no upcoming or active reservation overlaps [from, to). */
export function freeForWindow(from: Date, to: Date): Prisma.ParkingSlotWhereInput {
  return {
    outOfService: false,
    reservations: {
      none: {
        status: { in: ["upcoming", "active"] },
        startTime: { lt: to },
        endTime: { gt: from },
      },
    },
  };
}

export function slotSearchWhere(filter: SlotSearchFilter): Prisma.ParkingSlotWhereInput {
  const free =
    filter.from !== undefined && filter.to !== undefined
      ? freeForWindow(filter.from, filter.to)
      : FREE_NOW;
  return {
    ...(filter.available === "true" && free),
    ...(filter.available === "false" && { NOT: free }),
    ...(filter.floor !== undefined && { floorNumber: filter.floor }),
    ...(filter.zone !== undefined && { zone: filter.zone }),
    ...(filter.type !== undefined && { slotType: filter.type }),
    ...(filter.maxPriceCents !== undefined && { pricePerHourCents: { lte: filter.maxPriceCents } }),
  };
}

export const SLOT_SEARCH_ORDER = [
  { pricePerHourCents: "asc" },
  { floorNumber: "asc" },
  { slotNumber: "asc" },
] satisfies Prisma.ParkingSlotOrderByWithRelationInput[];

/** Slots matching the filter, cheapest first, then by floor and slot number. */
export async function searchSlots(
  filter: SlotSearchFilter,
): Promise<{ slots: SlotDto[]; total: number }> {
  await sweepExpiredReservations();
  const where = slotSearchWhere(filter);
  const [rows, total] = await Promise.all([
    db.parkingSlot.findMany({
      where,
      orderBy: SLOT_SEARCH_ORDER,
      take: filter.limit,
      skip: filter.offset,
    }),
    db.parkingSlot.count({ where }),
  ]);
  return { slots: rows.map(toSlotDto), total };
}

/** Every slot, in floor and slot-number order (the dashboard's floor map). */
export async function listAllSlots(): Promise<SlotDto[]> {
  await sweepExpiredReservations();
  const rows = await db.parkingSlot.findMany({
    orderBy: [{ floorNumber: "asc" }, { slotNumber: "asc" }],
  });
  return rows.map(toSlotDto);
}

type Counts = { total: number; available: number; occupied: number; outOfService: number };

export type Availability = Counts & {
  occupancyRate: number;
  byFloor: { floor: number; total: number; available: number }[];
  byZone: { floor: number; zone: string; total: number; available: number }[];
  byType: { type: SlotType; total: number; available: number }[];
  updatedAt: string;
};

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
 * slots, overall and by floor, zone and type. One grouped query; the rest is arithmetic.
 */
export async function getAvailability(now: Date = new Date()): Promise<Availability> {
  await sweepExpiredReservations(now);
  const groups = await db.parkingSlot.groupBy({
    by: ["floorNumber", "zone", "slotType", "isAvailable", "outOfService"],
    _count: { _all: true },
    orderBy: [{ floorNumber: "asc" }, { zone: "asc" }],
  });
  const overall = new Map<string, Counts>();
  const byFloor = new Map<string, Counts>();
  const byZone = new Map<string, Counts>();
  const byType = new Map<string, Counts>();
  for (const group of groups) {
    const n = group._count._all;
    const counts: Counts = {
      total: n,
      outOfService: group.outOfService ? n : 0,
      available: !group.outOfService && group.isAvailable ? n : 0,
      occupied: !group.outOfService && !group.isAvailable ? n : 0,
    };
    addTo(overall, "all", counts);
    addTo(byFloor, String(group.floorNumber), counts);
    addTo(byZone, JSON.stringify([group.floorNumber, group.zone]), counts);
    addTo(byType, group.slotType, counts);
  }
  const all = overall.get("all") ?? { total: 0, available: 0, occupied: 0, outOfService: 0 };
  return {
    ...all,
    occupancyRate: occupancyRate(all.occupied, all.available),
    byFloor: [...byFloor].map(([floor, c]) => ({
      floor: Number(floor),
      total: c.total,
      available: c.available,
    })),
    byZone: [...byZone].map(([key, c]) => {
      const [floor, zone] = JSON.parse(key) as [number, string];
      return { floor, zone, total: c.total, available: c.available };
    }),
    byType: SLOT_TYPES.filter((type) => byType.has(type)).map((type) => {
      const c = byType.get(type)!;
      return { type, total: c.total, available: c.available };
    }),
    updatedAt: now.toISOString(),
  };
}
