// The network-wide analytics of two locations (UTC, as v1) and who may see which.
import { beforeAll, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { computeAnalytics, getAnalytics, type AnalyticsDto } from "@/lib/analytics/service";
import { reserveSlot } from "@/lib/reservations/service";
import {
  createAdmin,
  createDriver,
  createSlot,
  createStaff,
  expectAppError,
  TEST_LOCATION_ID,
  type TestUser,
} from "../builders";

const NOW = new Date("2026-03-11T10:30:00.000Z");
let other: number;
let a: AnalyticsDto;
let staffHere: TestUser;

beforeAll(async () => {
  other = (
    await transaction((tx) =>
      tx.location.create({
        data: { slug: "other", name: "Other", address: "2 Road", timeZone: "America/New_York" },
      }),
    )
  ).id;
  // Floor 1 zone A at both locations: two zones of the network, not one.
  const here = await createSlot({ floor: 1, zone: "A", pricePerHourCents: 200 });
  const there = await createSlot({
    locationId: other,
    floor: 1,
    zone: "A",
    pricePerHourCents: 300,
  });
  await createSlot({ locationId: other, floor: 2, zone: "C", pricePerHourCents: 300 });
  const driver = await createDriver({ balanceCents: 10_000 });
  await reserveSlot(
    driver,
    { slotId: here.id, durationHours: 2 },
    new Date("2026-03-11T09:00:00Z"),
  );
  await reserveSlot(
    driver,
    { slotId: there.id, durationHours: 3 },
    new Date("2026-03-11T10:00:00Z"),
  );
  // Booked ahead for 11:00 here, while the other location's slot is held then too.
  await reserveSlot(
    driver,
    { slotId: here.id, durationHours: 1, startTime: new Date("2026-03-11T11:00:00Z") },
    new Date("2026-03-11T10:20:00Z"),
  );
  staffHere = await createStaff();
  a = await computeAnalytics(1, NOW);
});

describe("network analytics of two locations", () => {
  it("sums both locations in UTC and keeps their zones apart", () => {
    expect(a.range).toEqual({ from: "2026-03-11T00:00:00.000Z", to: NOW.toISOString(), days: 1 });
    expect(a.revenue.totalCents).toBe(400 + 900 + 200);
    expect(a.inServiceSlots).toBe(3);
    // 11 hour buckets; 1-A here: h9 h10 of 1 slot; 1-A there: h10 of 1 slot (h11, h12 later)
    expect(a.utilization.byZone).toEqual([
      {
        locationId: TEST_LOCATION_ID,
        floor: 1,
        zone: "A",
        occupancyRate: expect.closeTo(2 / 11, 4),
      },
      { locationId: other, floor: 1, zone: "A", occupancyRate: expect.closeTo(1 / 11, 4) },
      { locationId: other, floor: 2, zone: "C", occupancyRate: 0 },
    ]);
    expect(a.preferences.byZone).toEqual([
      { locationId: TEST_LOCATION_ID, floor: 1, zone: "A", reservations: 2 },
      { locationId: other, floor: 1, zone: "A", reservations: 1 },
      { locationId: other, floor: 2, zone: "C", reservations: 0 },
    ]);
    // Hour 10 UTC: one slot at each location.
    expect(a.hourlyProfile[10]!.avgOccupancy).toBe(2);
  });

  it("forecasts at least the slot-hours booked at every location", () => {
    // 11:00 UTC: a slot booked at each location; 12:00 only the other location's.
    expect(a.forecast[0]).toMatchObject({ time: "2026-03-11T11:00:00.000Z" });
    expect(a.forecast[0]!.predictedOccupied).toBeGreaterThanOrEqual(2);
    expect(a.forecast[1]!.predictedOccupied).toBeGreaterThanOrEqual(1);
  });
});

describe("who may see analytics", () => {
  it("lets admins and staff of every location see the network, others name a location", async () => {
    const admin = await createAdmin();
    await expect(getAnalytics(admin, { days: 1 })).resolves.toMatchObject({ inServiceSlots: 3 });
    const error = await expectAppError(getAnalytics(staffHere, { days: 1 }), "FORBIDDEN");
    expect(error.message).toContain("locationId");
    await expect(
      getAnalytics(staffHere, { days: 1, locationId: TEST_LOCATION_ID }),
    ).resolves.toMatchObject({ range: { timeZone: "UTC" }, inServiceSlots: 1 });

    const everywhere = await createStaff();
    await db.staffAssignment.create({ data: { userId: everywhere.id, locationId: other } });
    await expect(getAnalytics(everywhere, { days: 1 })).resolves.toMatchObject({
      inServiceSlots: 3,
    });
  });

  it("answers 404 for an unknown location before 403 for someone else's", async () => {
    await expectAppError(getAnalytics(staffHere, { days: 1, locationId: other }), "FORBIDDEN");
    await expectAppError(getAnalytics(staffHere, { days: 1, locationId: 9_999 }), "NOT_FOUND");
    const driver = await createDriver();
    await expectAppError(getAnalytics(driver, { days: 1, locationId: other }), "FORBIDDEN");
    await expectAppError(getAnalytics(driver, { days: 1 }), "FORBIDDEN");
  });

  it("a new location without slots yet takes the network from nobody", async () => {
    const everywhere = await createStaff();
    await db.staffAssignment.create({ data: { userId: everywhere.id, locationId: other } });
    const empty = await transaction((tx) =>
      tx.location.create({
        data: { slug: "opening-soon", name: "Opening soon", address: "3 Road", timeZone: "UTC" },
      }),
    );
    // It holds nothing the network's figures could include: they stay whole and visible.
    await expect(getAnalytics(everywhere, { days: 1 })).resolves.toMatchObject({
      inServiceSlots: 3,
    });
    // Its first slot makes it part of the network: now only its staff (and admins) see it all.
    await createSlot({ locationId: empty.id, floor: 1, zone: "A", pricePerHourCents: 100 });
    await expectAppError(getAnalytics(everywhere, { days: 1 }), "FORBIDDEN");
  });
});
