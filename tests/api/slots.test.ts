// GET /api/slots (search, filters, order, pagination) and GET /api/availability, checked
// against the database and against each other.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Client } from "./client";
import { rows } from "./db";
import { allSlots } from "./fixtures";
import { AvailabilityBody, expectOk, SlotsBody, slotTypes, type Slot } from "./schemas";

const anonymous = new Client();

type SlotRow = {
  id: number;
  location_id: number;
  slot_number: string;
  floor_number: number;
  zone: string;
  slot_type: string;
  is_available: number;
  out_of_service: number;
  price_per_hour_cents: number;
  out_of_service_reason: string | null;
  held: number;
};

// Booleans as 0/1 on both databases (PostgreSQL returns true/false for them otherwise).
function slotRows(): Promise<SlotRow[]> {
  return rows<SlotRow>(`
    SELECT s.id, s.location_id, s.slot_number, s.floor_number, s.zone, s.slot_type,
      CASE WHEN s.is_available THEN 1 ELSE 0 END AS is_available,
      CASE WHEN s.out_of_service THEN 1 ELSE 0 END AS out_of_service,
      s.price_per_hour_cents, s.out_of_service_reason,
      CASE WHEN EXISTS (SELECT 1 FROM reservations r WHERE r.slot_id = s.id AND r.status = 'active')
        THEN 1 ELSE 0 END AS held
    FROM parking_slots s ORDER BY s.id`);
}

function compareSlots(a: Slot, b: Slot): number {
  return (
    a.pricePerHourCents - b.pricePerHourCents ||
    a.floor - b.floor ||
    (a.slotNumber < b.slotNumber ? -1 : a.slotNumber > b.slotNumber ? 1 : 0)
  );
}

function expectSorted(slots: Slot[]): void {
  for (let i = 1; i < slots.length; i++) {
    expect(
      compareSlots(slots[i - 1]!, slots[i]!),
      `${slots[i - 1]!.slotNumber} before ${slots[i]!.slotNumber}`,
    ).toBeLessThan(0);
  }
}

async function search(query: string) {
  return expectOk(await anonymous.get(`/api/slots${query}`), 200, SlotsBody);
}

/** Every page of a search (500 a page), each page's total agreeing. */
async function searchAll(query: string) {
  const slots: Slot[] = [];
  let total = 0;
  do {
    const page = await search(`${query}&limit=500&offset=${slots.length}`);
    if (slots.length > 0) expect(page.total, `${query}: total on every page`).toBe(total);
    total = page.total;
    if (page.slots.length === 0) break;
    slots.push(...page.slots);
  } while (slots.length < total);
  return { slots, total };
}

describe("GET /api/slots", () => {
  it("lists every slot with available=all, each agreeing with the database", async () => {
    const slots = await allSlots();
    const { total } = await search("?available=all&limit=1");
    const db = await slotRows();
    expect(total).toBe(db.length);
    expect(slots).toHaveLength(db.length);
    expect(new Set(slots.map((s) => s.id)).size).toBe(slots.length);
    for (const slot of slots) {
      const row = db.find((r) => r.id === slot.id);
      expect(row, `slot ${slot.id}`).toBeDefined();
      expect(slot).toEqual({
        id: row!.id,
        locationId: row!.location_id,
        slotNumber: row!.slot_number,
        floor: row!.floor_number,
        zone: row!.zone,
        type: row!.slot_type,
        pricePerHourCents: row!.price_per_hour_cents,
        // Free to book now: in service and not held by an active reservation.
        isAvailable: row!.out_of_service === 0 && row!.held === 0,
        outOfService: row!.out_of_service === 1,
        // Shown only while the slot is out of service.
        outOfServiceReason: row!.out_of_service === 1 ? row!.out_of_service_reason : null,
      });
    }
    expectSorted(slots);
  });

  it("the seed has what the contract promises: 3+ floors, 100+ slots of all four types", async () => {
    const slots = await allSlots();
    expect(slots.length).toBeGreaterThanOrEqual(100);
    expect(new Set(slots.map((s) => s.floor)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(slots.map((s) => s.type))).toEqual(new Set(slotTypes));
  });

  it("lists only slots free to book now by default (never an out-of-service one), 100 a page", async () => {
    const everything = await allSlots();
    const free = everything.filter((s) => s.isAvailable);
    expect(free.every((s) => !s.outOfService)).toBe(true);
    const { slots, total } = await search("");
    expect(total).toBe(free.length);
    expect(slots).toEqual(free.slice(0, 100));
    expect(await searchAll("?available=true")).toEqual({ slots: free, total: free.length });
  });

  it("available=false lists the occupied and the out-of-service slots", async () => {
    const everything = await allSlots();
    const notFree = everything.filter((s) => !s.isAvailable);
    expect(notFree.some((s) => s.outOfService)).toBe(true);
    const { slots, total } = await searchAll("?available=false");
    expect(total).toBe(notFree.length);
    expect(slots).toEqual(notFree);
  });

  it("filters by floor, zone, type and maximum price, alone and together", async () => {
    const everything = await allSlots();
    const floors = [...new Set(everything.map((s) => s.floor))];
    const zones = [...new Set(everything.map((s) => s.zone))];
    const prices = [...new Set(everything.map((s) => s.pricePerHourCents))].sort((a, b) => a - b);
    const median = prices[Math.floor(prices.length / 2)]!;
    const cases: [string, (s: Slot) => boolean][] = [
      ...floors.map((f): [string, (s: Slot) => boolean] => [`floor=${f}`, (s) => s.floor === f]),
      ...zones.map((z): [string, (s: Slot) => boolean] => [`zone=${z}`, (s) => s.zone === z]),
      ...slotTypes.map((t): [string, (s: Slot) => boolean] => [`type=${t}`, (s) => s.type === t]),
      [`maxPriceCents=${median}`, (s) => s.pricePerHourCents <= median],
      [`maxPriceCents=${prices[0]! - 1}`, () => false],
      ["maxPriceCents=0", (s) => s.pricePerHourCents <= 0],
      [
        `floor=${floors[0]}&zone=${zones[0]}&type=regular&maxPriceCents=${median}`,
        (s) =>
          s.floor === floors[0] &&
          s.zone === zones[0] &&
          s.type === "regular" &&
          s.pricePerHourCents <= median,
      ],
      ["floor=999", () => false],
      ["zone=no-such-zone", () => false],
    ];
    for (const [query, accept] of cases) {
      for (const available of ["all", "true", "false"] as const) {
        const expected = everything.filter(
          (s) => accept(s) && (available === "all" || s.isAvailable === (available === "true")),
        );
        const body = await searchAll(`?${query}&available=${available}`);
        expect(body, `${query}&available=${available}`).toEqual({
          slots: expected,
          total: expected.length,
        });
      }
    }
  });

  it("pages with limit and offset; total counts every match", async () => {
    const everything = await allSlots();
    const pages: Slot[] = [];
    for (let offset = 0; offset < everything.length; offset += 7) {
      const page = await search(`?available=all&limit=7&offset=${offset}`);
      expect(page.total).toBe(everything.length);
      expect(page.slots.length).toBe(Math.min(7, everything.length - offset));
      pages.push(...page.slots);
    }
    expect(pages).toEqual(everything);
    expect(await search(`?available=all&offset=${everything.length}`)).toEqual({
      slots: [],
      total: everything.length,
    });
    expect((await search("?available=all&limit=1")).slots).toEqual(everything.slice(0, 1));
    expect((await search("?available=all&limit=500")).slots).toHaveLength(
      Math.min(500, everything.length),
    );
  });
});

describe("GET /api/availability", () => {
  it("counts every slot once as available, occupied or out of service, as the database does", async () => {
    const response = await anonymous.get("/api/availability");
    const body = expectOk(response, 200, AvailabilityBody);
    const db = await slotRows();
    const isOut = (r: SlotRow) => r.out_of_service === 1;
    const isFree = (r: SlotRow) => !isOut(r) && r.held === 0;
    const isOccupied = (r: SlotRow) => !isOut(r) && r.held === 1;
    expect(body.total).toBe(db.length);
    expect(body.available).toBe(db.filter(isFree).length);
    expect(body.occupied).toBe(db.filter(isOccupied).length);
    expect(body.outOfService).toBe(db.filter(isOut).length);
    expect(body.available + body.occupied + body.outOfService).toBe(body.total);
    const inService = body.available + body.occupied;
    expect(body.occupancyRate).toBeCloseTo(inService === 0 ? 0 : body.occupied / inService, 10);

    // Floors and zones are a location's (v2 rows name it; one location: v1's rows).
    const rowsV2 = AvailabilityBody.extend({
      byFloor: z.array(AvailabilityBody.shape.byFloor.element.extend({ locationId: z.int() })),
      byZone: z.array(AvailabilityBody.shape.byZone.element.extend({ locationId: z.int() })),
    }).parse(response.body);
    const floorKeys = [...new Set(db.map((r) => `${r.location_id}|${r.floor_number}`))];
    expect(rowsV2.byFloor).toHaveLength(floorKeys.length);
    for (const key of floorKeys) {
      const [locationId, floor] = key.split("|").map(Number);
      const on = db.filter((r) => `${r.location_id}|${r.floor_number}` === key);
      expect(
        rowsV2.byFloor.filter((f) => f.locationId === locationId && f.floor === floor),
      ).toEqual([{ locationId, floor, total: on.length, available: on.filter(isFree).length }]);
    }

    const zoneKeys = [...new Set(db.map((r) => `${r.location_id}|${r.floor_number}|${r.zone}`))];
    expect(rowsV2.byZone).toHaveLength(zoneKeys.length);
    for (const key of zoneKeys) {
      const [locationId, floor, zone] = key.split("|");
      const inZone = db.filter((r) => `${r.location_id}|${r.floor_number}|${r.zone}` === key);
      expect(
        rowsV2.byZone.filter(
          (z) =>
            z.locationId === Number(locationId) && z.floor === Number(floor) && z.zone === zone,
        ),
      ).toEqual([
        {
          locationId: Number(locationId),
          floor: Number(floor),
          zone,
          total: inZone.length,
          available: inZone.filter(isFree).length,
        },
      ]);
    }

    const types = [...new Set(db.map((r) => r.slot_type))];
    expect(body.byType).toHaveLength(types.length);
    for (const type of types) {
      const ofType = db.filter((r) => r.slot_type === type);
      expect(body.byType.filter((t) => t.type === type)).toEqual([
        { type, total: ofType.length, available: ofType.filter(isFree).length },
      ]);
    }
  });

  it("agrees with GET /api/slots", async () => {
    const [availability, slots] = [
      expectOk(await anonymous.get("/api/availability"), 200, AvailabilityBody),
      await allSlots(),
    ];
    expect(availability.total).toBe(slots.length);
    expect(availability.available).toBe(slots.filter((s) => s.isAvailable).length);
    expect(availability.outOfService).toBe(slots.filter((s) => s.outOfService).length);
  });

  it("is stamped with the time it was computed", async () => {
    const before = Date.now();
    const body = expectOk(await anonymous.get("/api/availability"), 200, AvailabilityBody);
    const stamped = Date.parse(body.updatedAt);
    expect(stamped).toBeGreaterThanOrEqual(before - 1000);
    expect(stamped).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
