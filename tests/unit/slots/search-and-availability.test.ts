import { beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import {
  getAvailability,
  occupancyRate,
  searchSlots,
  type SlotSearchFilter,
} from "@/lib/slots/queries";
import type { SlotType } from "@/lib/dto";
import { createDriver, createSlot, TEST_LOCATION_ID } from "../builders";

it("reports an empty car park as all zeros", async () => {
  const now = new Date("2031-01-01T12:00:00.000Z");
  expect(await getAvailability(now)).toEqual({
    total: 0,
    available: 0,
    occupied: 0,
    outOfService: 0,
    occupancyRate: 0,
    byFloor: [],
    byZone: [],
    byType: [],
    byLocation: [],
    updatedAt: "2031-01-01T12:00:00.000Z",
  });
});

it("computes the occupancy rate over in-service slots, 0 when there are none", () => {
  expect(occupancyRate(0, 0)).toBe(0);
  expect(occupancyRate(2, 6)).toBe(0.25);
  expect(occupancyRate(3, 0)).toBe(1);
  expect(occupancyRate(0, 4)).toBe(0);
});

type State = "free" | "occupied" | "closed" | "held-then-closed";
// A small car park whose every sort and filter rule has a case that tells it apart:
// "1-B-10" sorts before "1-B-9" as a string, and "0-A-999" on floor 2 comes after the
// floor-1 slots of the same price although its slot number sorts first.
const LAYOUT: [string, number, string, SlotType, number, State][] = [
  ["2-A-001", 2, "A", "regular", 300, "free"],
  ["1-B-9", 1, "B", "regular", 300, "free"],
  ["1-B-10", 1, "B", "regular", 300, "free"],
  ["3-A-001", 3, "A", "vip", 800, "free"],
  ["1-A-001", 1, "A", "handicap", 200, "free"],
  ["0-A-999", 2, "A", "regular", 300, "free"],
  ["1-C-001", 1, "C", "electric", 450, "occupied"],
  ["2-C-005", 2, "C", "regular", 300, "closed"],
  ["2-C-006", 2, "C", "regular", 300, "held-then-closed"],
  ["3-B-001", 3, "B", "regular", 250, "occupied"],
];

describe("with a known layout", () => {
  const ids = new Map<string, number>();

  beforeAll(async () => {
    const driver = await createDriver({ balanceCents: 10_000 });
    for (const [slotNumber, floor, zone, type, pricePerHourCents, state] of LAYOUT) {
      const slot = await createSlot({
        slotNumber,
        floor,
        zone,
        type,
        pricePerHourCents,
        outOfService: state === "closed",
      });
      ids.set(slotNumber, slot.id);
      if (state === "occupied" || state === "held-then-closed") {
        await reserveSlot(driver, { slotId: slot.id, durationHours: 2 });
      }
      if (state === "held-then-closed") {
        await transaction((tx) =>
          tx.parkingSlot.update({ where: { id: slot.id }, data: { outOfService: true } }),
        );
      }
    }
  });

  const search = async (filter: Partial<SlotSearchFilter>) => {
    const result = await searchSlots({ available: "true", limit: 100, offset: 0, ...filter });
    return { numbers: result.slots.map((s) => s.slotNumber), total: result.total };
  };

  describe("searchSlots", () => {
    it("lists only free, in-service slots by default, by price, then floor, then slot number", async () => {
      expect(await search({})).toEqual({
        numbers: ["1-A-001", "1-B-10", "1-B-9", "0-A-999", "2-A-001", "3-A-001"],
        total: 6,
      });
    });

    it("lists occupied and out-of-service slots with available=false", async () => {
      expect(await search({ available: "false" })).toEqual({
        numbers: ["3-B-001", "2-C-005", "2-C-006", "1-C-001"],
        total: 4,
      });
    });

    it("lists every slot with available=all, in the same order", async () => {
      expect(await search({ available: "all" })).toEqual({
        numbers: [
          "1-A-001",
          "3-B-001",
          "1-B-10",
          "1-B-9",
          "0-A-999",
          "2-A-001",
          "2-C-005",
          "2-C-006",
          "1-C-001",
          "3-A-001",
        ],
        total: 10,
      });
    });

    it("maps slots to the contract's Slot: isAvailable means in service and free now", async () => {
      const { slots } = await searchSlots({ available: "false", limit: 100, offset: 0 });
      const byNumber = new Map(slots.map((s) => [s.slotNumber, s]));
      expect(byNumber.get("1-C-001")).toEqual({
        id: ids.get("1-C-001"),
        locationId: TEST_LOCATION_ID,
        slotNumber: "1-C-001",
        floor: 1,
        zone: "C",
        type: "electric",
        pricePerHourCents: 450,
        isAvailable: false,
        outOfService: false,
        outOfServiceReason: null,
      });
      // Closed but not held: still not available.
      expect(byNumber.get("2-C-005")).toMatchObject({ isAvailable: false, outOfService: true });
      expect(byNumber.get("2-C-006")).toMatchObject({ isAvailable: false, outOfService: true });
    });

    it("filters by floor, zone, type and maximum price (inclusive), alone and together", async () => {
      expect((await search({ floor: 1, available: "all" })).numbers).toEqual([
        "1-A-001",
        "1-B-10",
        "1-B-9",
        "1-C-001",
      ]);
      expect((await search({ zone: "B", available: "all" })).numbers).toEqual([
        "3-B-001",
        "1-B-10",
        "1-B-9",
      ]);
      expect((await search({ type: "vip" })).numbers).toEqual(["3-A-001"]);
      expect((await search({ type: "electric" })).numbers).toEqual([]);
      expect((await search({ type: "electric", available: "all" })).numbers).toEqual(["1-C-001"]);
      expect((await search({ maxPriceCents: 300 })).numbers).toEqual([
        "1-A-001",
        "1-B-10",
        "1-B-9",
        "0-A-999",
        "2-A-001",
      ]);
      expect((await search({ maxPriceCents: 199 })).total).toBe(0);
      expect(await search({ floor: 2, zone: "C", available: "all" })).toEqual({
        numbers: ["2-C-005", "2-C-006"],
        total: 2,
      });
      expect(await search({ floor: 2, zone: "C" })).toEqual({ numbers: [], total: 0 });
      expect(await search({ floor: 2, type: "regular", maxPriceCents: 300 })).toEqual({
        numbers: ["0-A-999", "2-A-001"],
        total: 2,
      });
      expect((await search({ floor: 9, available: "all" })).total).toBe(0);
    });

    it("pages with limit and offset; the total ignores paging", async () => {
      expect(await search({ available: "all", limit: 3, offset: 2 })).toEqual({
        numbers: ["1-B-10", "1-B-9", "0-A-999"],
        total: 10,
      });
      expect(await search({ available: "all", limit: 5, offset: 10 })).toEqual({
        numbers: [],
        total: 10,
      });
    });
  });

  describe("getAvailability", () => {
    it("puts every slot in exactly one of available, occupied, out of service", async () => {
      const now = new Date();
      const availability = await getAvailability(now);
      expect(availability).toMatchObject({
        total: 10,
        available: 6,
        occupied: 2,
        outOfService: 2, // one of them still held by a running reservation
        occupancyRate: 0.25,
        updatedAt: now.toISOString(),
      });
      expect(availability.available + availability.occupied + availability.outOfService).toBe(
        availability.total,
      );
    });

    it("summarizes by floor, by floor and zone, and by type, adding up to the totals", async () => {
      const { byFloor, byZone, byType, total, available } = await getAvailability();
      const L = TEST_LOCATION_ID;
      expect(byFloor).toEqual([
        { locationId: L, floor: 1, total: 4, available: 3 },
        { locationId: L, floor: 2, total: 4, available: 2 },
        { locationId: L, floor: 3, total: 2, available: 1 },
      ]);
      expect(byZone).toEqual([
        { locationId: L, floor: 1, zone: "A", total: 1, available: 1 },
        { locationId: L, floor: 1, zone: "B", total: 2, available: 2 },
        { locationId: L, floor: 1, zone: "C", total: 1, available: 0 },
        { locationId: L, floor: 2, zone: "A", total: 2, available: 2 },
        { locationId: L, floor: 2, zone: "C", total: 2, available: 0 },
        { locationId: L, floor: 3, zone: "A", total: 1, available: 1 },
        { locationId: L, floor: 3, zone: "B", total: 1, available: 0 },
      ]);
      expect(byType).toEqual([
        { type: "regular", total: 7, available: 4 },
        { type: "handicap", total: 1, available: 1 },
        { type: "vip", total: 1, available: 1 },
        { type: "electric", total: 1, available: 0 },
      ]);
      for (const groups of [byFloor, byZone, byType]) {
        expect(groups.reduce((sum, g) => sum + g.total, 0)).toBe(total);
        expect(groups.reduce((sum, g) => sum + g.available, 0)).toBe(available);
      }
    });

    it("agrees with searchSlots on what is available", async () => {
      const availability = await getAvailability();
      const { total } = await searchSlots({ available: "true", limit: 1, offset: 0 });
      expect(total).toBe(availability.available);
    });
  });
});
