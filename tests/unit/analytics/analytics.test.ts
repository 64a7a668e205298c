// Every number of the analytics answer for the hand-computable garage of garage.ts.
// Range days=3 at 2026-03-11 10:30: 2 whole days + 11 hours = 59 hour buckets; slots
// 1, 2, 3 in service (slot 4 is out of service now).
import { beforeAll, describe, expect, it } from "vitest";
import { computeAnalytics, getAnalytics, type AnalyticsDto } from "@/lib/analytics/service";
import { AppError } from "@/lib/errors";
import { TEST_LOCATION_ID } from "../builders";
import { buildHandGarage, GARAGE_NOW } from "./garage";

let driver: { id: number; role: "driver" };
let a: AnalyticsDto;

beforeAll(async () => {
  ({ driver } = (await buildHandGarage()) as { driver: { id: number; role: "driver" } });
  a = await computeAnalytics(3, GARAGE_NOW);
});

describe("analytics for the hand garage (days=3)", () => {
  it("covers the last 3 UTC calendar days up to now", () => {
    expect(a.range).toEqual({
      from: "2026-03-09T00:00:00.000Z",
      to: "2026-03-11T10:30:00.000Z",
      days: 3,
    });
    expect(a.inServiceSlots).toBe(3);
  });

  it("sums completed payments in the range, by day and by slot type; refunded excluded", () => {
    // 03-09: R2 200 + R9 200 + R8 400 + R3 500; 03-10: R4 1200 (R5 refunded); 03-11: R6 100 + R7 600
    expect(a.revenue.daily).toEqual([
      { date: "2026-03-09", revenueCents: 1300 },
      { date: "2026-03-10", revenueCents: 1200 },
      { date: "2026-03-11", revenueCents: 700 },
    ]);
    expect(a.revenue.totalCents).toBe(3200);
    expect(a.revenue.bySlotType).toEqual([
      { type: "regular", revenueCents: 1000 }, // R2 + R9 + R7
      { type: "handicap", revenueCents: 100 }, // R6, paid before the slot went out of service
      { type: "vip", revenueCents: 500 }, // R3 (R5 refunded)
      { type: "electric", revenueCents: 1600 }, // R8 + R4
    ]);
  });

  it("counts occupied slot-hours of in-service slots over available slot-hours", () => {
    // slot 1: 03-09 h0, 03-09 h8 (two bookings, one slot-hour), 03-11 h10 -> 3
    // slot 2: 03-09 h9, 03-10 h12 -> 2; slot 3: 03-09 h8, 03-10 h8 h9 h10 -> 4; 9 in all
    expect(a.utilization.occupancyRate).toBeCloseTo(9 / (3 * 59), 4);
    expect(a.utilization.byZone).toEqual([
      { locationId: 1, floor: 1, zone: "A", occupancyRate: expect.closeTo(5 / (2 * 59), 4) },
      { locationId: 1, floor: 1, zone: "B", occupancyRate: expect.closeTo(4 / 59, 4) },
      { locationId: 1, floor: 2, zone: "A", occupancyRate: 0 },
    ]);
    expect(a.utilization.busiestZones.map((z) => `${z.floor}-${z.zone}`)).toEqual(["1-B", "1-A"]);
  });

  it("profiles the 24 hours of the day and names the peak hours", () => {
    expect(a.hourlyProfile).toHaveLength(24);
    const occupied: Record<number, number> = { 0: 1, 8: 3, 9: 2, 10: 2, 12: 1 };
    for (const row of a.hourlyProfile) {
      // hours up to 10 happened on 3 days of the range, later ones on 2
      const days = row.hour <= 10 ? 3 : 2;
      const avg = (occupied[row.hour] ?? 0) / days;
      expect(row.avgOccupancy).toBeCloseTo(avg, 2);
      expect(row.avgOccupancyRate).toBeCloseTo(avg / 3, 4);
    }
    expect(a.peakHours.map((h) => h.hour)).toEqual([8, 9, 10]);
    expect(a.peakHours[0]).toEqual(a.hourlyProfile[8]);
  });

  it("counts reservations made in the range by type and by zone", () => {
    // R2 R9 R8 R3 R4 R5 R6 R7 (R1 was made before the range; R5 counts though refunded)
    expect(a.preferences.byType).toEqual([
      { type: "regular", reservations: 3 },
      { type: "handicap", reservations: 1 },
      { type: "vip", reservations: 2 },
      { type: "electric", reservations: 2 },
    ]);
    expect(a.preferences.byZone).toEqual([
      { locationId: 1, floor: 1, zone: "A", reservations: 5 },
      { locationId: 1, floor: 1, zone: "B", reservations: 2 },
      { locationId: 1, floor: 2, zone: "A", reservations: 1 },
    ]);
  });

  it("forecasts 24 hours from the next full hour, never below bookings already made", () => {
    expect(a.forecast).toHaveLength(24);
    expect(a.forecast[0]!.time).toBe("2026-03-11T11:00:00.000Z");
    expect(a.forecast[23]!.time).toBe("2026-03-12T10:00:00.000Z");
    // Under a week of history: the hour-of-day mean of the days since 03-08.
    // 11:00 and 12:00: R7 holds slot 1 -> at least 1.
    expect(a.forecast[0]).toMatchObject({ predictedOccupied: 1 });
    expect(a.forecast[0]!.predictedOccupancyRate).toBeCloseTo(1 / 3, 4);
    expect(a.forecast[1]).toMatchObject({ predictedOccupied: 1 }); // mean 1/3 < booked 1
    // 23:00: 03-08 1, 03-09 0, 03-10 0 -> 1/3
    expect(a.forecast[12]!.predictedOccupied).toBeCloseTo(0.3, 1);
    expect(a.forecast[12]!.predictedOccupancyRate).toBeCloseTo(1 / 9, 4);
    // 08:00 next day: 03-08 0, 03-09 2, 03-10 1, 03-11 0 -> 3/4
    expect(a.forecast[21]!.predictedOccupied).toBe(0.8);
    expect(a.forecast[21]!.predictedOccupancyRate).toBeCloseTo(0.25, 4);
    // 03:00: nothing ever -> 0
    expect(a.forecast[16]).toMatchObject({ predictedOccupied: 0, predictedOccupancyRate: 0 });
  });

  it("backtests every complete 24 h window it has history for", () => {
    // 82 complete hours since 03-08 00:00: origins at hours 10, 34 and 58 -> 3 × 24 points
    expect(a.backtest).toMatchObject({ days: 14, horizonHours: 24, points: 72 });
    for (const method of ["model", "hourOfDay", "seasonalNaive"] as const) {
      expect(a.backtest[method].mae).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("analytics ranges and access", () => {
  it("has one daily row per day of the range, zeros included", async () => {
    const week = await computeAnalytics(7, GARAGE_NOW);
    expect(week.revenue.daily).toEqual([
      { date: "2026-03-05", revenueCents: 0 },
      { date: "2026-03-06", revenueCents: 0 },
      { date: "2026-03-07", revenueCents: 0 },
      { date: "2026-03-08", revenueCents: 400 },
      { date: "2026-03-09", revenueCents: 1300 },
      { date: "2026-03-10", revenueCents: 1200 },
      { date: "2026-03-11", revenueCents: 700 },
    ]);
    expect(week.revenue.totalCents).toBe(3600);
    const one = await computeAnalytics(1, GARAGE_NOW);
    expect(one.revenue.daily).toEqual([{ date: "2026-03-11", revenueCents: 700 }]);
    expect(one.range.from).toBe("2026-03-11T00:00:00.000Z");
  });

  it("gives a UTC location of a one-location network the network's numbers", async () => {
    // Same definitions, read the other way (per UTC hour, bucketed to local days and hours).
    for (const days of [1, 3, 7]) {
      const network = await computeAnalytics(days, GARAGE_NOW);
      const location = await computeAnalytics(days, GARAGE_NOW, TEST_LOCATION_ID);
      expect(location).toEqual({ ...network, range: { ...network.range, timeZone: "UTC" } });
    }
  });

  it("refuses drivers", async () => {
    await expect(getAnalytics(driver, { days: 30 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(getAnalytics(driver, { days: 30 })).rejects.toBeInstanceOf(AppError);
  });

  it("refuses a days value outside 1..365", async () => {
    const staff = { id: 1, role: "staff" as const };
    for (const days of [0, 366, 1.5]) {
      await expect(getAnalytics(staff, { days })).rejects.toMatchObject({
        code: "VALIDATION_ERROR",
      });
    }
  });
});
