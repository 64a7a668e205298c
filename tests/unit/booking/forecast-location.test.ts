// Demand pricing's occupancy forecast is per slot's location, on that location's local
// clock: a London garage full every Monday at 10:00 London time is forecast full at 10:00
// BST (09:00 UTC) after the clocks went forward, and its busy hour does not raise, or get
// diluted by, another location's prices.
import { beforeAll, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import { quoteForSlot, setPricingRules } from "@/lib/pricing/service";
import { FORECAST_HISTORY_HOURS, resetOccupancyForecastCache } from "@/lib/pricing/forecast";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import { createAdmin, createSlots, TEST_LOCATION_ID } from "../builders";

const HOUR_MS = 3_600_000;
const WEEK_MS = 168 * HOUR_MS;
// Monday 2 April 2035, 08:00 UTC = 09:00 BST (the clocks went forward on 25 March).
const NOW = new Date("2035-04-02T08:00:00.000Z");
const TEN_BST = new Date("2035-04-02T09:00:00.000Z");
const ELEVEN_BST = new Date("2035-04-02T10:00:00.000Z");

const RULES: PricingRules = {
  ...DEFAULT_PRICING_RULES,
  enabled: true,
  occupancyTiers: [{ above: 0.85, multiplier: 1.25 }],
  hourOfWeek: [],
  slotTypes: {},
};

let london: number[] = [];
let utc: number[] = [];

beforeAll(async () => {
  const { id } = await transaction((tx) =>
    tx.location.create({
      data: { slug: "london", name: "London", address: "1 Strand", timeZone: "Europe/London" },
    }),
  );
  london = (await createSlots(10, { locationId: id, pricePerHourCents: 1000 })).map((s) => s.id);
  utc = (await createSlots(10, { pricePerHourCents: 1000 })).map((s) => s.id);
  // Every London slot busy at 10:00 London time on each Monday of the history: 10:00 UTC
  // in winter, 09:00 UTC on 26 March.
  const rows: Prisma.UtilizationStatCreateManyInput[] = [];
  for (let week = 1; week * WEEK_MS <= FORECAST_HISTORY_HOURS * HOUR_MS; week++) {
    const monday = new Date(TEN_BST.getTime() - week * WEEK_MS);
    const hour = monday.getTime() >= Date.parse("2035-03-25T01:00:00Z") ? 9 : 10;
    for (const slotId of london) {
      rows.push({
        slotId,
        date: monday.toISOString().slice(0, 10),
        hour,
        occupancyCount: 1,
        revenueCents: 1000,
      });
    }
  }
  await transaction((tx) => tx.utilizationStat.createMany({ data: rows }));
  const admin = await createAdmin();
  await setPricingRules(admin, RULES, NOW, { locationId: id });
  await setPricingRules(admin, RULES, NOW, { locationId: TEST_LOCATION_ID });
  resetOccupancyForecastCache();
});

const price = async (slotId: number, startTime: Date) =>
  (await quoteForSlot(db, { slotId, startTime, durationHours: 1 }, NOW)).totalCents;

describe("the occupancy forecast per location", () => {
  it("forecasts a location's busy hour at its local time across a clock change", async () => {
    expect(await price(london[0]!, TEN_BST)).toBe(1250);
    expect(await price(london[0]!, ELEVEN_BST)).toBe(1000);
  });

  it("prices another location by its own occupancy", async () => {
    expect(await price(utc[0]!, TEN_BST)).toBe(1000);
    expect(await price(utc[0]!, ELEVEN_BST)).toBe(1000);
  });
});
