// Demand pricing over HTTP: staff rules, the public quote, and a charge equal to the quote.
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, login, registerDriver } from "./client";
import { snapshot } from "./db";
import { baselineSnapshot, staff } from "./fixtures";
import { expectError, expectOk, ReserveBody } from "./schemas";
import { hoursAhead, newSlot, reserveAt, track } from "./booking-fixtures";

const OFF = {
  enabled: false,
  occupancyTiers: [{ above: 0.85, multiplier: 1.25 }],
  hourOfWeek: [],
  slotTypes: {},
  minMultiplier: 0.5,
  maxMultiplier: 2,
};
const RulesBody = z.object({ rules: z.record(z.string(), z.unknown()) });

afterAll(async () => {
  await (await staff()).request("PUT", "/api/pricing-rules", { json: OFF });
});

describe("GET/PUT /api/pricing-rules", () => {
  it("is off by default and staff can change it", async () => {
    const admin = await staff();
    expect(expectOk(await admin.get("/api/pricing-rules"), 200, RulesBody).rules).toEqual(OFF);
    const on = { ...OFF, enabled: true, slotTypes: { vip: 1.5 } };
    expect(
      expectOk(await admin.request("PUT", "/api/pricing-rules", { json: on }), 200, RulesBody)
        .rules,
    ).toEqual(on);
    expect(expectOk(await admin.get("/api/pricing-rules"), 200, RulesBody).rules).toEqual(on);
    expectOk(await admin.request("PUT", "/api/pricing-rules", { json: OFF }), 200, RulesBody);
  });

  it("anonymous 401, drivers 403", async () => {
    const driver = await login("alice");
    for (const client of [new Client(), driver]) {
      const code = client === driver ? "FORBIDDEN" : "UNAUTHENTICATED";
      const status = client === driver ? 403 : 401;
      expectError(await client.get("/api/pricing-rules"), { status, code });
      expectError(await client.request("PUT", "/api/pricing-rules", { json: OFF }), {
        status,
        code,
      });
    }
  });

  it.each([
    ["cap below floor", { ...OFF, minMultiplier: 2, maxMultiplier: 1 }, "maxMultiplier"],
    ["unknown slot type", { ...OFF, slotTypes: { boat: 2 } }, "slotTypes"],
    [
      "threshold above 1",
      { ...OFF, occupancyTiers: [{ above: 2, multiplier: 2 }] },
      "occupancyTiers",
    ],
    ["missing enabled", { ...OFF, enabled: undefined }, "enabled"],
    [
      "hour 25",
      { ...OFF, hourOfWeek: [{ days: [1], startHour: 25, endHour: 26, multiplier: 1 }] },
      "hourOfWeek",
    ],
  ])("PUT answers 400 for %s and stores nothing", async (_name, body, field) => {
    const admin = await staff();
    const before = await baselineSnapshot();
    expectError(await admin.request("PUT", "/api/pricing-rules", { json: body }), {
      status: 400,
      code: "VALIDATION_ERROR",
      field,
    });
    expect(await snapshot()).toEqual(before);
    expect(expectOk(await admin.get("/api/pricing-rules"), 200, RulesBody).rules).toEqual(OFF);
  });
});

describe("quote = charge", () => {
  it("with rules on, the public quote's total is what the reserve transaction charges", async () => {
    const admin = await staff();
    const slot = await newSlot({ type: "vip", pricePerHourCents: 401 });
    const startTime = hoursAhead(13);
    // Monday..Sunday all day: every hour gets ×1.1 on top of vip ×1.5.
    const rules = {
      ...OFF,
      enabled: true,
      slotTypes: { vip: 1.5 },
      hourOfWeek: [{ days: [0, 1, 2, 3, 4, 5, 6], startHour: 0, endHour: 24, multiplier: 1.1 }],
    };
    expectOk(await admin.request("PUT", "/api/pricing-rules", { json: rules }), 200, RulesBody);
    const quote = await new Client().get(
      `/api/quote?slotId=${slot.id}&startTime=${startTime}&durationHours=3`,
    );
    expect(quote.status).toBe(200);
    const q = quote.body as {
      totalCents: number;
      breakdown: { multiplier: number; cents: number }[];
    };
    // 401 × 1.65 = 661.65 → 662 per hour.
    expect(q.breakdown.map((h) => [h.multiplier, h.cents])).toEqual([
      [1.65, 662],
      [1.65, 662],
      [1.65, 662],
    ]);
    expect(q.totalCents).toBe(1986);

    const driver = await registerDriver(5_000);
    const booked = expectOk(
      await reserveAt(driver, {
        slotId: slot.id,
        durationHours: 3,
        startTime,
        expectedTotalCents: q.totalCents,
      }),
      201,
      ReserveBody,
    );
    track(booked.reservation.id);
    expect(booked.reservation.totalAmountCents).toBe(1986);
    expect(booked.payment.amountCents).toBe(1986);

    // Staff turn pricing off: the same request now costs less and is refused as PRICE_CHANGED.
    expectOk(await admin.request("PUT", "/api/pricing-rules", { json: OFF }), 200, RulesBody);
    const before = await baselineSnapshot();
    expectError(
      await reserveAt(driver, {
        slotId: slot.id,
        durationHours: 3,
        startTime: hoursAhead(14),
        expectedTotalCents: q.totalCents,
      }),
      { status: 409, code: "PRICE_CHANGED" },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("with occupancy tiers, the forecast from the seeded history prices quote and charge alike", async () => {
    const admin = await staff();
    const slot = await newSlot({ pricePerHourCents: 400 });
    const startTime = hoursAhead(20);
    // Any forecast occupancy above zero costs ×1.25: the seed's 60 days of history make
    // some of these 24 hours busy and (nights) maybe not; either way quote = charge.
    const rules = { ...OFF, enabled: true, occupancyTiers: [{ above: 0, multiplier: 1.25 }] };
    expectOk(await admin.request("PUT", "/api/pricing-rules", { json: rules }), 200, RulesBody);
    const url = `/api/quote?slotId=${slot.id}&startTime=${startTime}&durationHours=24`;
    const first = await new Client().get(url);
    expect(first.status).toBe(200);
    const q = first.body as { totalCents: number; breakdown: { multiplier: number }[] };
    expect(q.breakdown).toHaveLength(24);
    expect(q.breakdown.every((h) => h.multiplier === 1 || h.multiplier === 1.25)).toBe(true);
    // The seeded garage is busy by day: the forecast prices some hours up.
    expect(q.breakdown.some((h) => h.multiplier === 1.25)).toBe(true);

    const driver = await registerDriver(20_000);
    const booked = expectOk(
      await reserveAt(driver, {
        slotId: slot.id,
        durationHours: 24,
        startTime,
        expectedTotalCents: q.totalCents,
      }),
      201,
      ReserveBody,
    );
    track(booked.reservation.id);
    expect(booked.payment.amountCents).toBe(q.totalCents);
  });
});
