// Demand pricing by the occupancy FORECAST (lib/pricing/forecast.ts): the analytics
// forecaster over the hourly utilization history, raised to the slots already booked for
// the hour. The quote and the reserve decision (also for requests decided together in one
// group commit, each seeing the hours the earlier ones booked) price a window identically.
import { beforeAll, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { quoteForSlot, setPricingRules } from "@/lib/pricing/service";
import {
  FORECAST_HISTORY_HOURS,
  analyticsOccupancyForecast,
  resetOccupancyForecastCache,
} from "@/lib/pricing/forecast";
import { reserveSlot } from "@/lib/reservations/service";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import { HOUR_MS, createDriver, createSlot, createStaff, expectAppError } from "../builders";
import { at } from "./helpers";

// A Monday, 08:00 UTC: "now" for every request in this file.
const NOW = new Date("2035-01-29T08:00:00.000Z");
const WEEK_MS = 168 * HOUR_MS;
const SLOTS = 10;
// Every Monday 10:00 of the history had all slots occupied; 12:00 had one; other hours none.
const HOT = at(NOW, 2 * HOUR_MS);
const COLD = at(NOW, 4 * HOUR_MS);

const RULES: PricingRules = {
  ...DEFAULT_PRICING_RULES,
  enabled: true,
  occupancyTiers: [{ above: 0.85, multiplier: 1.25 }],
  hourOfWeek: [],
  slotTypes: {},
};

const hourRow = (slotId: number, hourStart: Date) => ({
  slotId,
  date: hourStart.toISOString().slice(0, 10),
  hour: hourStart.getUTCHours(),
  occupancyCount: 1,
  revenueCents: 1000,
});

let slotIds: number[] = [];

beforeAll(async () => {
  const slots: Awaited<ReturnType<typeof createSlot>>[] = [];
  for (let i = 0; i < SLOTS; i++) slots.push(await createSlot({ pricePerHourCents: 1000 }));
  slotIds = slots.map((s) => s.id);
  // Also one out-of-service slot, busy at 12:00 every week: it counts nowhere.
  const broken = await createSlot({ pricePerHourCents: 1000, outOfService: true });
  const rows: ReturnType<typeof hourRow>[] = [];
  for (let week = 1; week * WEEK_MS <= FORECAST_HISTORY_HOURS * HOUR_MS; week++) {
    for (const id of slotIds) rows.push(hourRow(id, at(HOT, -week * WEEK_MS)));
    rows.push(hourRow(slotIds[0]!, at(COLD, -week * WEEK_MS)));
    rows.push(hourRow(broken.id, at(COLD, -week * WEEK_MS)));
  }
  await transaction((tx) => tx.utilizationStat.createMany({ data: rows }));
  await setPricingRules(await createStaff(), RULES, NOW);
  resetOccupancyForecastCache();
});

const quote = (slotId: number, startTime: Date, durationHours = 1, now = NOW) =>
  quoteForSlot(db, { slotId, startTime, durationHours }, now);

describe("the default occupancy forecast", () => {
  it("is the analytics forecast of occupied slots over the in-service slots", async () => {
    const forecast = await analyticsOccupancyForecast(db, NOW, {
      slotId: slotIds[0]!,
      startTime: NOW,
      durationHours: 6,
    });
    // A steady weekly pattern: the forecaster predicts it exactly.
    expect(forecast(HOT)).toBeCloseTo(1, 6);
    expect(forecast(COLD)).toBeCloseTo(1 / SLOTS, 6);
    expect(forecast(at(NOW, HOUR_MS))).toBe(0);
    // A reservation starting mid-hour takes the clock hour it starts in.
    expect(forecast(at(HOT, 30 * 60_000))).toBeCloseTo(1, 6);
  });

  it("prices a forecast-busy hour up and a forecast-quiet hour not", async () => {
    const slotId = slotIds[1]!;
    expect((await quote(slotId, HOT)).breakdown.map((h) => [h.multiplier, h.cents])).toEqual([
      [1.25, 1250],
    ]);
    expect((await quote(slotId, COLD)).totalCents).toBe(1000);
    // 10:00 to 13:00: busy, quiet, quiet.
    expect((await quote(slotId, HOT, 3)).breakdown.map((h) => h.cents)).toEqual([1250, 1000, 1000]);
    // Beyond one week (bookings go up to 30 days) the same hour of week applies.
    expect((await quote(slotId, at(HOT, 3 * WEEK_MS))).totalCents).toBe(1250);
    expect((await quote(slotId, at(COLD, 3 * WEEK_MS))).totalCents).toBe(1000);
  });

  it("the reserve charges exactly the quote, even computed first inside the transaction", async () => {
    const driver = await createDriver({ balanceCents: 20_000 });
    const slotId = slotIds[2]!;
    const quoted = await quote(slotId, HOT, 2);
    expect(quoted.totalCents).toBe(2250);
    // A cold cache: the reserve transaction computes the curve through its own client
    // (a read through `db` inside it would deadlock on the one connection).
    resetOccupancyForecastCache();
    const booked = await reserveSlot(
      driver,
      { slotId, startTime: HOT, durationHours: 2, expectedTotalCents: quoted.totalCents },
      NOW,
    );
    expect(booked.reservation.totalAmountCents).toBe(2250);
    expect(booked.payment.amountCents).toBe(2250);
    expect(booked.walletBalanceCents).toBe(20_000 - 2250);

    // Later in the same clock hour: the same curve, the same price for another slot.
    const later = at(NOW, 59 * 60_000);
    const again = await quote(slotIds[3]!, HOT, 2, later);
    expect(again.totalCents).toBe(2250);
    const second = await reserveSlot(
      driver,
      { slotId: slotIds[3]!, startTime: HOT, durationHours: 2, expectedTotalCents: 2250 },
      later,
    );
    expect(second.payment.amountCents).toBe(2250);
  });

  it("grouped requests under occupancy tiers each pay their own quote", async () => {
    const drivers = await Promise.all([
      createDriver({ balanceCents: 5000 }),
      createDriver({ balanceCents: 5000 }),
      createDriver({ balanceCents: 5000 }),
    ]);
    const startTime = at(HOT, WEEK_MS);
    const ids = slotIds.slice(4, 7);
    const quotes = await Promise.all(ids.map((id) => quote(id, startTime, 3)));
    expect(quotes.map((q) => q.totalCents)).toEqual([3250, 3250, 3250]);
    // Same tick: one group commit, priced by the occupancy it read plus the group's own bookings.
    const results = await Promise.all(
      ids.map((slotId, i) =>
        reserveSlot(
          drivers[i]!,
          { slotId, startTime, durationHours: 3, expectedTotalCents: 3250 },
          NOW,
        ),
      ),
    );
    expect(results.map((r) => r.payment.amountCents)).toEqual([3250, 3250, 3250]);
  });

  it("slots already booked for an hour raise its rate above the forecast", async () => {
    // Two weeks on, 12:00: forecast 1 of 10 slots.
    const startTime = at(COLD, 2 * WEEK_MS);
    const target = slotIds[SLOTS - 1]!;
    const before = await quote(target, startTime, 2);
    expect(before.totalCents).toBe(2000);
    const driver = await createDriver({ balanceCents: 50_000 });
    // Book 9 of the 10 in-service slots for 12:00-13:00: 0.9 > 0.85.
    for (const slotId of slotIds.slice(0, 8)) {
      await reserveSlot(driver, { slotId, startTime, durationHours: 1 }, NOW);
    }
    // 8 of 10 booked: not above 85% yet.
    expect((await quote(target, startTime, 2)).totalCents).toBe(2000);
    await reserveSlot(driver, { slotId: slotIds[8]!, startTime, durationHours: 1 }, NOW);
    const after = await quote(target, startTime, 2);
    expect(after.breakdown.map((h) => h.cents)).toEqual([1250, 1000]);
    // A reserve still carrying the old quote is refused and charges nothing.
    const balance = (await db.user.findUniqueOrThrow({ where: { id: driver.id } }))
      .walletBalanceCents;
    await expectAppError(
      reserveSlot(
        driver,
        { slotId: target, startTime, durationHours: 2, expectedTotalCents: before.totalCents },
        NOW,
      ),
      "PRICE_CHANGED",
    );
    expect((await db.user.findUniqueOrThrow({ where: { id: driver.id } })).walletBalanceCents).toBe(
      balance,
    );
    const booked = await reserveSlot(
      driver,
      { slotId: target, startTime, durationHours: 2, expectedTotalCents: after.totalCents },
      NOW,
    );
    expect(booked.payment.amountCents).toBe(2250);
  });
});
