// One location's analytics in its local time, checked by hand across both of London's
// 2026 clock changes (29 March: 23-hour day; 25 October: 25-hour day) and in New York.
// Each location has slot A (1-A regular, 100/h) and slot B (1-B electric, 400/h).
import { beforeAll, describe, expect, it } from "vitest";
import { transaction } from "@/lib/db/client";
import { computeAnalytics } from "@/lib/analytics/service";
import { reserveSlot } from "@/lib/reservations/service";
import { createDriver, createSlot, type TestUser } from "../builders";

let driver: TestUser;

async function location(slug: string, timeZone: string) {
  const { id } = await transaction((tx) =>
    tx.location.create({ data: { slug, name: slug, address: "1 Street", timeZone } }),
  );
  const a = await createSlot({ locationId: id, floor: 1, zone: "A", pricePerHourCents: 100 });
  const b = await createSlot({
    locationId: id,
    floor: 1,
    zone: "B",
    type: "electric",
    pricePerHourCents: 400,
  });
  const reserve = (at: string, slotId: number, durationHours: number) =>
    reserveSlot(driver, { slotId, durationHours }, new Date(at));
  return { id, a: a.id, b: b.id, reserve };
}

const profileOf = (rows: { hour: number; avgOccupancy: number }[]) =>
  Object.fromEntries(rows.filter((r) => r.avgOccupancy > 0).map((r) => [r.hour, r.avgOccupancy]));

beforeAll(async () => {
  driver = await createDriver({ balanceCents: 50_000 });
});

describe("Europe/London, 25 October 2026 (25 hours: 01:00-02:00 happens twice)", () => {
  const now = new Date("2026-10-26T10:30:00.000Z"); // Monday 10:30 GMT
  let id: number;

  beforeAll(async () => {
    const l = await location("london-autumn", "Europe/London");
    id = l.id;
    await l.reserve("2026-10-24T22:00:00Z", l.b, 1); // 24 Oct 23:00 BST: before the range
    await l.reserve("2026-10-24T23:00:00Z", l.a, 1); // 25 Oct 00:00 BST, hour 0
    await l.reserve("2026-10-25T00:00:00Z", l.a, 2); // 01:00 BST and 01:00 GMT: hour 1 twice
    await l.reserve("2026-10-26T01:00:00Z", l.b, 1); // 26 Oct 01:00 GMT, hour 1
    await l.reserve("2026-10-26T10:05:00Z", l.a, 1); // the current hour, hour 10
  });

  it("covers the 25-hour day and today in local days, hours counted as they happened", async () => {
    const a = await computeAnalytics(2, now, id);
    expect(a.range).toEqual({
      from: "2026-10-24T23:00:00.000Z", // midnight BST
      to: now.toISOString(),
      days: 2,
      timeZone: "Europe/London",
    });
    // 25 Oct: 100 (paid 24 Oct 23:00 UTC) + 200; 26 Oct: 400 + 100
    expect(a.revenue.daily).toEqual([
      { date: "2026-10-25", revenueCents: 300 },
      { date: "2026-10-26", revenueCents: 500 },
    ]);
    expect(a.revenue.totalCents).toBe(800);
    expect(a.revenue.bySlotType).toEqual([
      { type: "regular", revenueCents: 400 },
      { type: "handicap", revenueCents: 0 },
      { type: "vip", revenueCents: 0 },
      { type: "electric", revenueCents: 400 },
    ]);
    // 25 + 11 hours; occupied slot-hours: A 1 + 2 + 1, B 1
    expect(a.utilization.occupancyRate).toBeCloseTo(5 / (2 * 36), 4);
    expect(a.utilization.byZone).toEqual([
      { locationId: id, floor: 1, zone: "A", occupancyRate: expect.closeTo(4 / 36, 4) },
      { locationId: id, floor: 1, zone: "B", occupancyRate: expect.closeTo(1 / 36, 4) },
    ]);
    // Hour 1 happened 3 times (twice on the 25th) with 3 occupied slot-hours; hours 0 and 10
    // twice with 1 each.
    expect(profileOf(a.hourlyProfile)).toEqual({ 0: 0.5, 1: 1, 10: 0.5 });
    expect(a.hourlyProfile[1]!.avgOccupancyRate).toBe(0.5);
    expect(a.peakHours.map((h) => h.hour)).toEqual([1, 0, 10]);
    expect(a.preferences.byType).toEqual([
      { type: "regular", reservations: 3 },
      { type: "handicap", reservations: 0 },
      { type: "vip", reservations: 0 },
      { type: "electric", reservations: 1 },
    ]);
    expect(a.preferences.byZone).toEqual([
      { locationId: id, floor: 1, zone: "A", reservations: 3 },
      { locationId: id, floor: 1, zone: "B", reservations: 1 },
    ]);
    expect(a.forecast[0]!.time).toBe("2026-10-26T11:00:00.000Z");
  });

  it("starts days=1 at local midnight of today", async () => {
    const a = await computeAnalytics(1, now, id);
    expect(a.range.from).toBe("2026-10-26T00:00:00.000Z");
    expect(a.revenue.daily).toEqual([{ date: "2026-10-26", revenueCents: 500 }]);
    // 11 hours, each once: hour 1 (B) and hour 10 (A)
    expect(profileOf(a.hourlyProfile)).toEqual({ 1: 1, 10: 1 });
    expect(a.utilization.occupancyRate).toBeCloseTo(2 / (2 * 11), 4);
  });
});

describe("Europe/London, 29 March 2026 (23 hours: 01:00-02:00 never happens)", () => {
  const now = new Date("2026-03-30T09:30:00.000Z"); // Monday 10:30 BST
  let id: number;

  beforeAll(async () => {
    const l = await location("london-spring", "Europe/London");
    id = l.id;
    await l.reserve("2026-03-29T00:30:00Z", l.a, 2); // 00:30 GMT (hour 0), then 02:00 BST (hour 2)
    await l.reserve("2026-03-29T23:10:00Z", l.a, 1); // 30 Mar 00:10 BST, hour 0
    await l.reserve("2026-03-30T09:05:00Z", l.b, 1); // the current hour, hour 10
  });

  it("has 23 hours on the 29th and no hour 1 that day", async () => {
    const a = await computeAnalytics(2, now, id);
    expect(a.range).toMatchObject({ from: "2026-03-29T00:00:00.000Z", timeZone: "Europe/London" });
    expect(a.revenue.daily).toEqual([
      { date: "2026-03-29", revenueCents: 200 },
      { date: "2026-03-30", revenueCents: 500 }, // 100 paid 29 Mar 23:10 UTC + 400
    ]);
    // 23 + 11 hours; hour 1 happened once (30 Mar), hours 0, 2..10 twice, 11..23 once
    expect(a.utilization.occupancyRate).toBeCloseTo(4 / (2 * 34), 4);
    expect(profileOf(a.hourlyProfile)).toEqual({ 0: 1, 2: 0.5, 10: 0.5 });
    expect(a.hourlyProfile).toHaveLength(24);
    expect(a.hourlyProfile[1]!.avgOccupancy).toBe(0);
  });
});

describe("America/New_York (UTC-4 in March after the 8th)", () => {
  const now = new Date("2026-03-11T15:30:00.000Z"); // Wednesday 11:30 EDT
  let id: number;

  beforeAll(async () => {
    const l = await location("new-york", "America/New_York");
    id = l.id;
    await l.reserve("2026-03-10T03:30:00Z", l.a, 1); // 9 Mar 23:30 EDT: before the range
    await l.reserve("2026-03-11T02:00:00Z", l.a, 2); // 10 Mar 22:00 and 23:00 EDT
    await l.reserve("2026-03-11T15:10:00Z", l.b, 1); // 11:10 EDT, hour 11
  });

  it("counts UTC hours in the local day they belong to", async () => {
    const a = await computeAnalytics(2, now, id);
    expect(a.range).toEqual({
      from: "2026-03-10T04:00:00.000Z",
      to: now.toISOString(),
      days: 2,
      timeZone: "America/New_York",
    });
    expect(a.revenue.daily).toEqual([
      { date: "2026-03-10", revenueCents: 200 },
      { date: "2026-03-11", revenueCents: 400 },
    ]);
    expect(a.preferences.byType.find((t) => t.type === "regular")!.reservations).toBe(1);
    expect(a.preferences.byType.find((t) => t.type === "electric")!.reservations).toBe(1);
    // 24 + 12 hours; hours 22 and 23 happened once, hour 11 twice
    expect(profileOf(a.hourlyProfile)).toEqual({ 11: 0.5, 22: 1, 23: 1 });
    expect(a.utilization.occupancyRate).toBeCloseTo(3 / (2 * 36), 4);
  });
});
