// The admin's network overview, checked by hand: occupancy now from the slots' states,
// revenue of each location's own local day (the same figure as its analytics' today), and
// the alerts (out of service with reasons, over 90% full).
// Now: Saturday 2026-12-05 10:30 UTC = 05:30 in New York, 19:30 in Tokyo, and already
// 00:30 on 6 December on Kiritimati (UTC+14).
import { beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/lib/db/client";
import { computeAnalytics } from "@/lib/analytics/service";
import { getNetworkOverview, type NetworkOverview } from "@/lib/locations/overview";
import { reserveSlot } from "@/lib/reservations/service";
import {
  createAdmin,
  createDriver,
  createSlot,
  createSlots,
  createStaff,
  expectAppError,
  type TestUser,
} from "../builders";

const NOW = new Date("2026-12-05T10:30:00.000Z");

let admin: TestUser;
let driver: TestUser;
let ids: { newYork: number; tokyo: number; kiritimati: number };

async function location(slug: string, name: string, timeZone: string) {
  const { id } = await transaction((tx) =>
    tx.location.create({ data: { slug, name, address: "1 Street", timeZone } }),
  );
  return id;
}

async function closeSlots(slotIds: number[], reason: string | null) {
  await transaction((tx) =>
    tx.parkingSlot.updateMany({
      where: { id: { in: slotIds } },
      data: { outOfService: true, outOfServiceReason: reason },
    }),
  );
}

const reserve = (slotId: number, at: string, durationHours: number) =>
  reserveSlot(driver, { slotId, durationHours }, new Date(at));

beforeAll(async () => {
  admin = await createAdmin();
  driver = await createDriver({ balanceCents: 50_000 });
  ids = {
    newYork: await location("ny-overview", "Overview New York", "America/New_York"),
    tokyo: await location("tokyo-overview", "Overview Tokyo", "Asia/Tokyo"),
    kiritimati: await location("kiritimati-overview", "Overview Kiritimati", "Pacific/Kiritimati"),
  };
  // New York: 5 slots at 1.00/h, one closed for a lift repair.
  const ny = await createSlots(5, { locationId: ids.newYork, pricePerHourCents: 100 });
  // Tokyo: 10 in service at 1.00/h, three closed (two with a reason, one without).
  const tokyo = await createSlots(13, { locationId: ids.tokyo, pricePerHourCents: 100 });

  // In time order (each reservation sweeps the ones before it).
  await reserve(tokyo[0]!.id, "2026-12-04T14:30:00Z", 1); // 4 Dec 23:30 Tokyo: yesterday
  await reserve(ny[0]!.id, "2026-12-05T04:30:00Z", 1); // 4 Dec 23:30 New York: yesterday
  await reserve(tokyo[0]!.id, "2026-12-05T04:30:00Z", 1); // today in Tokyo: 100
  await reserve(ny[0]!.id, "2026-12-05T06:00:00Z", 1); // today in New York: 100
  // Running now (the current hour, read from the payments): NY 4 × 200, Tokyo 9 × 300.
  for (const slot of ny.slice(0, 4)) await reserve(slot.id, "2026-12-05T10:10:00Z", 2);
  for (const slot of tokyo.slice(0, 9)) await reserve(slot.id, "2026-12-05T10:00:00Z", 3);
  await closeSlots([ny[4]!.id], "Lift repair");
  await closeSlots([tokyo[12]!.id, tokyo[10]!.id], "Resurfacing");
  await closeSlots([tokyo[11]!.id], null);
});

const rowOf = (overview: NetworkOverview, id: number) =>
  overview.locations.find((row) => row.id === id);

describe("getNetworkOverview", () => {
  it("counts each location's slots now and its revenue in its own local day", async () => {
    const overview = await getNetworkOverview(admin, NOW);
    expect(overview.at).toBe(NOW.toISOString());
    expect(rowOf(overview, ids.newYork)).toEqual({
      id: ids.newYork,
      slug: "ny-overview",
      name: "Overview New York",
      timeZone: "America/New_York",
      totalSlots: 5,
      available: 0,
      occupied: 4,
      outOfService: 1,
      occupancyRate: 1,
      revenueTodayCents: 100 + 4 * 200,
      localDate: "2026-12-05",
    });
    expect(rowOf(overview, ids.tokyo)).toMatchObject({
      totalSlots: 13,
      available: 1,
      occupied: 9,
      outOfService: 3,
      occupancyRate: 0.9,
      revenueTodayCents: 100 + 9 * 300,
      localDate: "2026-12-05",
    });
    expect(rowOf(overview, ids.kiritimati)).toMatchObject({
      totalSlots: 0,
      occupancyRate: 0,
      revenueTodayCents: 0,
      localDate: "2026-12-06",
    });
    const names = overview.locations.map((row) => row.name);
    expect(names).toEqual([...names].sort());
  });

  it("counts today's revenue exactly as the location's analytics do", async () => {
    const overview = await getNetworkOverview(admin, NOW);
    for (const id of [ids.newYork, ids.tokyo, ids.kiritimati]) {
      const analytics = await computeAnalytics(1, NOW, id);
      expect(rowOf(overview, id)?.revenueTodayCents).toBe(analytics.revenue.daily[0]?.revenueCents);
      expect(rowOf(overview, id)?.localDate).toBe(analytics.revenue.daily[0]?.date);
    }
  });

  it("alerts on slots out of service by reason and on locations over 90% full", async () => {
    const overview = await getNetworkOverview(admin, NOW);
    const mine = overview.alerts.filter((alert) =>
      [ids.newYork, ids.tokyo, ids.kiritimati].includes(alert.locationId),
    );
    const slotNumber = (alert: (typeof mine)[number]) =>
      alert.kind === "out_of_service" ? alert.slotNumbers : [];
    expect(mine.map((alert) => ({ ...alert, slotNumbers: undefined }))).toEqual([
      { kind: "nearly_full", locationId: ids.newYork, occupancyRate: 1, slotNumbers: undefined },
      {
        kind: "out_of_service",
        locationId: ids.newYork,
        reason: "Lift repair",
        count: 1,
        slotNumbers: undefined,
      },
      // Tokyo is exactly 90% full: not over.
      {
        kind: "out_of_service",
        locationId: ids.tokyo,
        reason: "Resurfacing",
        count: 2,
        slotNumbers: undefined,
      },
      {
        kind: "out_of_service",
        locationId: ids.tokyo,
        reason: null,
        count: 1,
        slotNumbers: undefined,
      },
    ]);
    const resurfacing = slotNumber(mine[2]!);
    expect(resurfacing).toHaveLength(2);
    expect(resurfacing).toEqual([...resurfacing].sort());
  });

  it("lists an alert's slot numbers in the order every slot list uses (as text, per API.md)", async () => {
    const id = await location("order-overview", "Overview Order", "UTC");
    const slots = await Promise.all(
      ["P-9", "P-10", "P-2"].map((slotNumber) => createSlot({ locationId: id, slotNumber })),
    );
    await closeSlots(
      slots.map((slot) => slot.id),
      "Painting",
    );
    const overview = await getNetworkOverview(admin, NOW);
    const alert = overview.alerts.find((a) => a.locationId === id && a.kind === "out_of_service");
    expect(alert?.kind === "out_of_service" && alert.slotNumbers).toEqual(["P-10", "P-2", "P-9"]);
  });

  it("is for admins only", async () => {
    const staff: TestUser = await createStaff();
    await expectAppError(getNetworkOverview(staff, NOW), "FORBIDDEN");
    await expectAppError(getNetworkOverview(driver, NOW), "FORBIDDEN");
  });
});
