// GET /api/analytics over HTTP against the seeded demo database: access, validation, the
// contract's shape, and freshness (a new payment shows in totalCents within 5 s).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, login, registerDriver } from "./client";
import { writeAsAnotherConnection } from "./db";
import { allSlots, DAY_MS, freeSlot, HOUR_MS, reserve, staff } from "./fixtures";
import { expectError, expectOk, expectUtcIso, ReserveBody, SlotType } from "./schemas";

// The contract's shape (../shared/API.md), written from the contract; extensions allowed.
const rate = z.number().min(0).max(1);
const HourRow = z.object({
  hour: z.int().min(0).max(23),
  avgOccupancy: z.number().nonnegative(),
  avgOccupancyRate: rate,
});
// v2: a zone is a location's floor and zone, so its rows name the location.
const ZoneRate = z.object({
  locationId: z.int().positive(),
  floor: z.int(),
  zone: z.string().min(1),
  occupancyRate: rate,
});
const ErrorStats = z.object({
  mae: z.number().nonnegative().nullable(),
  mape: z.number().nullable(),
});
const AnalyticsBody = z.object({
  range: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), days: z.int() }),
  revenue: z.object({
    totalCents: z.int().nonnegative(),
    daily: z.array(z.object({ date: z.iso.date(), revenueCents: z.int().nonnegative() })),
    bySlotType: z.array(z.object({ type: SlotType, revenueCents: z.int().nonnegative() })),
  }),
  utilization: z.object({
    occupancyRate: rate,
    byZone: z.array(ZoneRate),
    busiestZones: z.array(ZoneRate),
  }),
  peakHours: z.array(HourRow),
  hourlyProfile: z.array(HourRow),
  forecast: z.array(
    z.object({
      time: z.iso.datetime(),
      predictedOccupied: z.number().nonnegative(),
      predictedOccupancyRate: rate,
    }),
  ),
  preferences: z.object({
    byType: z.array(z.object({ type: SlotType, reservations: z.int().nonnegative() })),
    byZone: z.array(
      z.object({ floor: z.int(), zone: z.string().min(1), reservations: z.int().nonnegative() }),
    ),
  }),
  // Extension: the forecaster's backtest against the two baselines.
  backtest: z.object({
    days: z.literal(14),
    horizonHours: z.literal(24),
    points: z.int().nonnegative(),
    model: ErrorStats,
    hourOfDay: ErrorStats,
    seasonalNaive: ErrorStats,
  }),
});

describe("GET /api/analytics", () => {
  it("answers 401 to anonymous callers and 403 to drivers", async () => {
    expectError(await new Client().get("/api/analytics"), {
      status: 401,
      code: "UNAUTHENTICATED",
    });
    const alice = await login("alice");
    expectError(await alice.get("/api/analytics?days=7"), { status: 403, code: "FORBIDDEN" });
  });

  it.each(["0", "366", "-1", "7.5", "abc", "", "1e2"])("refuses days=%s with 400", async (days) => {
    const admin = await staff();
    expectError(await admin.get(`/api/analytics?days=${encodeURIComponent(days)}`), {
      status: 400,
      code: "VALIDATION_ERROR",
      field: "days",
    });
  });

  it("refuses days given twice", async () => {
    const admin = await staff();
    expectError(await admin.get("/api/analytics?days=7&days=30"), {
      status: 400,
      code: "VALIDATION_ERROR",
      field: "days",
    });
  });

  it.each([1, 7, 30, 365])("has the contract's shape for days=%i", async (days) => {
    const admin = await staff();
    const before = Date.now();
    const body = expectOk(await admin.get(`/api/analytics?days=${days}`), 200, AnalyticsBody);
    expectUtcIso(body.range.from);
    expectUtcIso(body.range.to);
    expect(body.range.days).toBe(days);
    const todayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    expect(Date.parse(body.range.from)).toBe(todayStart - (days - 1) * DAY_MS);
    expect(Date.parse(body.range.to)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(body.range.to)).toBeGreaterThan(before - 5_000);

    expect(body.revenue.daily).toHaveLength(days);
    body.revenue.daily.forEach((row, i) =>
      expect(row.date).toBe(
        new Date(Date.parse(body.range.from) + i * DAY_MS).toISOString().slice(0, 10),
      ),
    );
    const dailySum = body.revenue.daily.reduce((sum, d) => sum + d.revenueCents, 0);
    expect(body.revenue.totalCents).toBe(dailySum);
    expect(body.revenue.bySlotType.reduce((sum, t) => sum + t.revenueCents, 0)).toBe(dailySum);
    expect(body.revenue.bySlotType.map((t) => t.type).sort()).toEqual([...SlotType.options].sort());

    expect(body.hourlyProfile.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    for (const peak of body.peakHours) expect(body.hourlyProfile[peak.hour]).toEqual(peak);
    const peaks = body.peakHours.map((p) => p.avgOccupancy);
    expect(peaks).toEqual([...peaks].sort((a, b) => b - a));

    expect(body.forecast).toHaveLength(24);
    const nextHour = Math.floor(Date.parse(body.range.to) / HOUR_MS) * HOUR_MS + HOUR_MS;
    body.forecast.forEach((row, i) => expect(Date.parse(row.time)).toBe(nextHour + i * HOUR_MS));

    // One utilization row per zone of the network (a zone is a location's floor and zone;
    // the seed's, plus any another test file created on this shared database); a zone with
    // no slot in service has no capacity, so its rate is 0 (as the domain tests specify).
    const zoneKey = (z: { locationId: number; floor: number; zone: string }) =>
      `${z.locationId}-${z.floor}-${z.zone}`;
    // From the full slot list (checked against the database by slots.test.ts).
    const slots = await allSlots();
    const zones = [...new Set(slots.map(zoneKey))];
    const inServiceZones = new Set(slots.filter((s) => !s.outOfService).map(zoneKey));
    expect(inServiceZones.size).toBeGreaterThanOrEqual(12);
    expect(body.utilization.byZone.map(zoneKey).sort()).toEqual(zones.sort());
    for (const zone of body.utilization.byZone) {
      if (!inServiceZones.has(zoneKey(zone))) expect(zone.occupancyRate).toBe(0);
    }
    expect(body.preferences.byZone.length).toBeGreaterThanOrEqual(12);
    expect(body.utilization.busiestZones.length).toBeLessThanOrEqual(zones.length);
  });

  it("shows the seed's history: revenue, occupancy and a backtest over 14 days", async () => {
    const admin = await staff();
    const body = expectOk(await admin.get("/api/analytics?days=30"), 200, AnalyticsBody);
    expect(body.revenue.totalCents).toBeGreaterThan(0);
    expect(body.utilization.occupancyRate).toBeGreaterThan(0);
    expect(body.peakHours.length).toBeGreaterThan(0);
    expect(body.backtest.points).toBe(14 * 24);
    expect(body.backtest.model.mae).not.toBeNull();
  });

  it("reflects a new reservation's payment in totalCents within 5 seconds", async () => {
    const admin = await staff();
    const total = async () =>
      expectOk(await admin.get("/api/analytics?days=365"), 200, AnalyticsBody).revenue.totalCents;
    const before = await total(); // primes the cache
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 5_000);
    const reserved = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    const paidAt = Date.now();
    let seen = before;
    while (Date.now() - paidAt < 5_000) {
      seen = await total();
      if (seen !== before) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(Date.now() - paidAt).toBeLessThan(5_000);
    expect(seen).toBe(before + reserved.payment.amountCents);
  });
});

// v2 (API.md → Locations): `?locationId=` answers in that location's time zone.
const LocationsBody = z.object({
  locations: z.array(z.object({ id: z.int(), timeZone: z.string().min(1) })),
});
const LocalAnalyticsBody = AnalyticsBody.extend({
  range: AnalyticsBody.shape.range.extend({ timeZone: z.string().min(1) }),
});

/** The wall-clock date and time of `at` in `timeZone`, as "YYYY-MM-DD HH:MM". */
function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe("GET /api/analytics?locationId=", () => {
  it("answers in the location's time zone: N local days ending today", async () => {
    const admin = await login("admin");
    const { locations } = expectOk(await admin.get("/api/locations"), 200, LocationsBody);
    for (const location of locations) {
      const body = expectOk(
        await admin.get(`/api/analytics?days=3&locationId=${location.id}`),
        200,
        LocalAnalyticsBody,
      );
      expect(body.range.timeZone).toBe(location.timeZone);
      expect(body.range.days).toBe(3);
      const to = new Date(body.range.to);
      const dates = body.revenue.daily.map((d) => d.date);
      expect(dates).toHaveLength(3);
      // Consecutive local dates, the last one today where the location is.
      expect(dates[2]).toBe(wallClock(to, location.timeZone).slice(0, 10));
      for (let i = 1; i < 3; i++) {
        expect(Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)).toBe(DAY_MS);
      }
      // `from` is the first day's local midnight, given in UTC.
      expectUtcIso(body.range.from);
      expect(wallClock(new Date(body.range.from), location.timeZone)).toBe(`${dates[0]} 00:00`);
      expect(body.revenue.totalCents).toBe(
        body.revenue.daily.reduce((sum, d) => sum + d.revenueCents, 0),
      );
      expect(body.hourlyProfile.map((h) => h.hour)).toEqual(
        Array.from({ length: 24 }, (_, h) => h),
      );
      expect(body.forecast).toHaveLength(24);
    }
  });

  it("answers 404 for an unknown location and 403 to staff who do not work there", async () => {
    const admin = await login("admin");
    const { locations } = expectOk(await admin.get("/api/locations"), 200, LocationsBody);
    expectError(await admin.get("/api/analytics?locationId=2000000000"), {
      status: 404,
      code: "NOT_FOUND",
    });
    // A staff account assigned nowhere: no location's analytics, and not the network's.
    const newcomer = await registerDriver();
    await writeAsAnotherConnection(
      "UPDATE users SET role = 'staff' WHERE id = ?",
      newcomer.user!.id,
    );
    expectError(await newcomer.get(`/api/analytics?locationId=${locations[0]!.id}`), {
      status: 403,
      code: "FORBIDDEN",
    });
    expectError(await newcomer.get("/api/analytics"), { status: 403, code: "FORBIDDEN" });
    expectError(await newcomer.get("/api/analytics?locationId=2000000000"), {
      status: 404,
      code: "NOT_FOUND",
    });
    expectError(await admin.get("/api/analytics?locationId=abc"), {
      status: 400,
      code: "VALIDATION_ERROR",
    });
  });
});
