// quotePrice, table-driven: the one function behind quotes and charges.
import { describe, expect, it } from "vitest";
import { quotePrice, type PricedSlot } from "@/lib/pricing/quote";
import {
  DEFAULT_PRICING_RULES,
  pricingRulesSchema,
  type PricingRules,
} from "@/lib/validation/pricing";
import { getPricingRules, quoteForSlot, setPricingRules } from "@/lib/pricing/service";
import { db } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { createDriver, createSlot, createStaff, expectAppError } from "../builders";
import { TEST_LOCATION_ID } from "../builders";

// A Monday, 08:00 UTC.
const MONDAY_8 = new Date("2035-01-01T08:00:00.000Z");
const on = (rules: Partial<PricingRules>): PricingRules => ({
  ...DEFAULT_PRICING_RULES,
  occupancyTiers: [],
  enabled: true,
  ...rules,
});
const flat = (rate: number) => () => rate;
const regular: PricedSlot = { pricePerHourCents: 300, type: "regular" };

describe("quotePrice", () => {
  const cases: {
    name: string;
    slot?: PricedSlot;
    start?: Date;
    hours: number;
    rules: PricingRules;
    occupancy?: (h: Date) => number;
    cents: number[];
    multipliers?: number[];
  }[] = [
    {
      name: "off: base price per hour",
      hours: 3,
      rules: DEFAULT_PRICING_RULES,
      occupancy: flat(1),
      cents: [300, 300, 300],
    },
    {
      name: "occupancy above the threshold",
      hours: 2,
      rules: on({ occupancyTiers: [{ above: 0.85, multiplier: 1.25 }] }),
      occupancy: flat(0.9),
      cents: [375, 375],
      multipliers: [1.25, 1.25],
    },
    {
      name: "occupancy exactly at the threshold is not above it",
      hours: 1,
      rules: on({ occupancyTiers: [{ above: 0.85, multiplier: 1.25 }] }),
      occupancy: flat(0.85),
      cents: [300],
    },
    {
      name: "the highest tier exceeded applies",
      hours: 1,
      rules: on({
        occupancyTiers: [
          { above: 0.5, multiplier: 1.1 },
          { above: 0.9, multiplier: 1.5 },
        ],
      }),
      occupancy: flat(0.95),
      cents: [450],
    },
    {
      name: "a forecast per hour",
      hours: 3,
      rules: on({ occupancyTiers: [{ above: 0.85, multiplier: 2 }] }),
      occupancy: (h) => (h.getUTCHours() === 9 ? 0.9 : 0.1),
      cents: [300, 600, 300],
    },
    {
      name: "hour-of-week window (Mon 08–09 only)",
      hours: 2,
      rules: on({ hourOfWeek: [{ days: [1], startHour: 8, endHour: 9, multiplier: 0.8 }] }),
      cents: [240, 300],
    },
    {
      name: "a reservation starting mid-hour uses the clock hour it starts in",
      start: new Date("2035-01-01T08:30:00.000Z"),
      hours: 2,
      rules: on({ hourOfWeek: [{ days: [1], startHour: 8, endHour: 9, multiplier: 0.8 }] }),
      cents: [240, 300],
    },
    {
      name: "hour-of-week on another day does not apply",
      hours: 1,
      rules: on({ hourOfWeek: [{ days: [0, 6], startHour: 0, endHour: 24, multiplier: 0.5 }] }),
      cents: [300],
    },
    {
      name: "slot type multiplier",
      slot: { pricePerHourCents: 500, type: "vip" },
      hours: 1,
      rules: on({ slotTypes: { vip: 1.2 } }),
      cents: [600],
    },
    {
      name: "multipliers compound, then the cap applies",
      slot: { pricePerHourCents: 1000, type: "vip" },
      hours: 1,
      rules: on({
        occupancyTiers: [{ above: 0.5, multiplier: 1.5 }],
        slotTypes: { vip: 1.5 },
        maxMultiplier: 2,
      }),
      occupancy: flat(0.6),
      cents: [2000],
      multipliers: [2],
    },
    {
      name: "the floor applies",
      hours: 1,
      rules: on({ slotTypes: { regular: 0.2 }, minMultiplier: 0.5 }),
      cents: [150],
      multipliers: [0.5],
    },
    {
      name: "half a cent rounds up, and the total is the sum of the hours",
      slot: { pricePerHourCents: 301, type: "regular" },
      hours: 2,
      rules: on({ slotTypes: { regular: 1.25 } }),
      cents: [376, 376],
    },
    {
      name: "a free slot stays free",
      slot: { pricePerHourCents: 0, type: "regular" },
      hours: 1,
      rules: on({ slotTypes: { regular: 2 } }),
      cents: [0],
    },
  ];

  it.each(cases)("$name", (c) => {
    const start = c.start ?? MONDAY_8;
    const quote = quotePrice(c.slot ?? regular, start, c.hours, c.rules, c.occupancy ?? flat(0));
    expect(quote.breakdown.map((h) => h.cents)).toEqual(c.cents);
    expect(quote.totalCents).toBe(c.cents.reduce((a, b) => a + b, 0));
    expect(quote.breakdown.map((h) => h.hourStart)).toEqual(
      c.cents.map((_, i) => new Date(start.getTime() + i * 3_600_000).toISOString()),
    );
    expect(
      quote.breakdown.every((h) => h.baseCents === (c.slot ?? regular).pricePerHourCents),
    ).toBe(true);
    if (c.multipliers) expect(quote.breakdown.map((h) => h.multiplier)).toEqual(c.multipliers);
    expect(quote.breakdown.every((h) => Number.isInteger(h.cents))).toBe(true);
  });
});

describe("pricing rules", () => {
  it("are off by default, and staff can store and read them back", async () => {
    expect(await getPricingRules(TEST_LOCATION_ID)).toEqual(DEFAULT_PRICING_RULES);
    const staff = await createStaff();
    const rules = on({ slotTypes: { electric: 1.1 } });
    await setPricingRules(staff, rules);
    expect(await getPricingRules(TEST_LOCATION_ID)).toEqual(rules);
    await expectAppError(setPricingRules({ id: 1, role: "driver" }, rules), "FORBIDDEN");
    await setPricingRules(staff, DEFAULT_PRICING_RULES);
  });

  it.each([
    ["cap below floor", { ...DEFAULT_PRICING_RULES, minMultiplier: 2, maxMultiplier: 1 }],
    ["multiplier 0", { ...DEFAULT_PRICING_RULES, slotTypes: { vip: 0 } }],
    ["unknown slot type", { ...DEFAULT_PRICING_RULES, slotTypes: { boat: 1.2 } }],
    [
      "threshold above 1",
      { ...DEFAULT_PRICING_RULES, occupancyTiers: [{ above: 1.5, multiplier: 2 }] },
    ],
    [
      "empty hour window",
      {
        ...DEFAULT_PRICING_RULES,
        hourOfWeek: [{ days: [1], startHour: 9, endHour: 9, multiplier: 2 }],
      },
    ],
    ["unknown field", { ...DEFAULT_PRICING_RULES, surge: true }],
  ])("refuses %s", (_name, rules) => {
    expect(pricingRulesSchema.safeParse(rules).success).toBe(false);
  });

  it("a stored rules row that no longer parses prices as listed and books, never blames the client", async () => {
    // Another day than the other tests' hour, whose occupancy they count.
    const LATER = new Date("2035-02-07T03:00:00.000Z");
    const slot = await createSlot({ pricePerHourCents: 700 });
    const staff = await createStaff();
    try {
      // A row edited by hand (or by an older release) without a field the schema needs.
      const broken = JSON.stringify({
        ...on({ slotTypes: { regular: 3 } }),
        minMultiplier: undefined,
      });
      await db.pricingSettings.update({
        where: { locationId: TEST_LOCATION_ID },
        data: { rules: broken },
      });
      expect(await getPricingRules(TEST_LOCATION_ID)).toEqual(DEFAULT_PRICING_RULES);
      const input = { slotId: slot.id, startTime: LATER, durationHours: 2 };
      expect((await quoteForSlot(db, input, LATER)).totalCents).toBe(1400);
      const driver = await createDriver({ balanceCents: 1400 });
      const booked = await reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, LATER);
      expect(booked.reservation.totalAmountCents).toBe(1400);
    } finally {
      await setPricingRules(staff, DEFAULT_PRICING_RULES);
    }
  });

  it("the default forecast counts the slots already booked for the hour", async () => {
    const slot = await createSlot({ pricePerHourCents: 1000 });
    const staff = await createStaff();
    const tiers = (above: number) => on({ occupancyTiers: [{ above, multiplier: 1.5 }] });
    try {
      // No history and nothing booked in this file's database: rate 0, not above 0.
      // (The forecast from history: tests/unit/booking/forecast-pricing.test.ts.)
      await setPricingRules(staff, tiers(0));
      const input = { slotId: slot.id, startTime: MONDAY_8, durationHours: 1 };
      expect((await quoteForSlot(db, input, MONDAY_8)).totalCents).toBe(1000);
      // Book one slot of the in-service ones for that hour: the rate is 1 / n.
      const busy = await createSlot();
      const driver = await createDriver({ balanceCents: 1000 });
      await reserveSlot(driver, { slotId: busy.id, durationHours: 1 }, MONDAY_8);
      const inService = await db.parkingSlot.count({ where: { outOfService: false } });
      await setPricingRules(staff, tiers(1 / inService - 0.0001));
      expect((await quoteForSlot(db, input, MONDAY_8)).totalCents).toBe(1500);
      await setPricingRules(staff, tiers(1 / inService));
      expect((await quoteForSlot(db, input, MONDAY_8)).totalCents).toBe(1000);
      // An injected forecast replaces it.
      const forced = await quoteForSlot(
        db,
        { slotId: slot.id, startTime: MONDAY_8, durationHours: 1 },
        MONDAY_8,
        { forecast: async () => () => 0.9 },
      );
      expect(forced.totalCents).toBe(1500);
    } finally {
      await setPricingRules(staff, DEFAULT_PRICING_RULES);
    }
  });
});
