// Booking ahead: upcoming reservations, the no-overlap rule, the start-time range,
// utilization for future hours, idempotency with the new fields, and PRICE_CHANGED.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { searchSlots } from "@/lib/slots/queries";
import { resetSweepThrottle } from "@/lib/reservations/expiry";
import { setPricingRules } from "@/lib/pricing/service";
import { DEFAULT_PRICING_RULES } from "@/lib/validation/pricing";
import {
  HOUR_MS,
  createDriver,
  createSlot,
  createStaff,
  expectAppError,
  walletOf,
  databaseSnapshot,
} from "../builders";
import { DAY_MS, at, expectConsistent } from "./helpers";

const NOW = new Date("2031-05-05T10:00:00.000Z");

describe("reserveSlot with startTime", () => {
  it("books ahead: upcoming, paid now, slot still free now, utilization for its future hours", async () => {
    const slot = await createSlot({ pricePerHourCents: 250 });
    const driver = await createDriver({ balanceCents: 2000 });
    const start = at(NOW, DAY_MS);

    const result = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 2, startTime: start },
      NOW,
    );

    expect(result.reservation).toMatchObject({
      status: "upcoming",
      startTime: "2031-05-06T10:00:00.000Z",
      endTime: "2031-05-06T12:00:00.000Z",
      totalAmountCents: 500,
      paymentStatus: "completed",
      createdAt: NOW.toISOString(),
    });
    expect(result.payment).toMatchObject({ amountCents: 500, paymentDate: NOW.toISOString() });
    expect(result.walletBalanceCents).toBe(1500);
    expect(await walletOf(driver.id)).toBe(1500);
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    const stats = await db.utilizationStat.findMany({
      where: { slotId: slot.id },
      orderBy: { hour: "asc" },
    });
    expect(stats.map((s) => [s.date, s.hour, s.occupancyCount, s.revenueCents])).toEqual([
      ["2031-05-06", 10, 1, 250],
      ["2031-05-06", 11, 1, 250],
    ]);
    await expectConsistent();
  });

  it("starts now when startTime is omitted, now, or within the 5-minute grace", async () => {
    for (const startTime of [undefined, NOW, at(NOW, -4 * 60_000)]) {
      const slot = await createSlot();
      const driver = await createDriver({ balanceCents: 300 });
      const { reservation } = await reserveSlot(
        driver,
        { slotId: slot.id, durationHours: 1, startTime },
        NOW,
      );
      expect(reservation).toMatchObject({ status: "active", startTime: NOW.toISOString() });
    }
    await expectConsistent();
  });

  it.each([
    ["in the past", at(NOW, -6 * 60_000)],
    ["more than 30 days ahead", at(NOW, 30 * DAY_MS + 1)],
  ])("refuses a start %s with VALIDATION_ERROR and changes nothing", async (_name, startTime) => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 1000 });
    const before = await databaseSnapshot();
    const error = await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 1, startTime }, NOW),
      "VALIDATION_ERROR",
    );
    expect(error.details).toEqual([{ path: "startTime", message: expect.any(String) }]);
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("accepts a start exactly 30 days ahead", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 300 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(NOW, 30 * DAY_MS) },
      NOW,
    );
    expect(reservation.status).toBe("upcoming");
  });
});

describe("no two reservations of a slot overlap", () => {
  const cases: [string, number, number, boolean][] = [
    // [name, start offset (h) from the booked 10:00..13:00 tomorrow, hours, accepted]
    ["ends exactly when it starts", -2, 2, true],
    ["starts exactly when it ends", 3, 1, true],
    ["same window", 0, 3, false],
    ["inside it", 1, 1, false],
    ["overlaps its start", -1, 2, false],
    ["overlaps its end", 2, 4, false],
    ["covers it", -1, 5, false],
  ];
  it.each(cases)("a second booking that %s: accepted %s", async (_n, offset, hours, ok) => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const first = await createDriver({ balanceCents: 1000 });
    const second = await createDriver({ balanceCents: 1000 });
    const base = at(NOW, DAY_MS);
    await reserveSlot(first, { slotId: slot.id, durationHours: 3, startTime: base }, NOW);
    const attempt = reserveSlot(
      second,
      { slotId: slot.id, durationHours: hours, startTime: at(base, offset * HOUR_MS) },
      NOW,
    );
    if (ok) {
      expect((await attempt).reservation.status).toBe("upcoming");
    } else {
      const before = await databaseSnapshot();
      await expectAppError(attempt, "SLOT_UNAVAILABLE");
      expect(await databaseSnapshot()).toEqual(before);
      expect(await walletOf(second.id)).toBe(1000);
    }
    await expectConsistent();
  });

  it("an immediate booking may not run into an upcoming one, and vice versa", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 5000 });
    await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(NOW, 2 * HOUR_MS) },
      NOW,
    );
    await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 3 }, NOW),
      "SLOT_UNAVAILABLE",
    );
    // Two hours fit before it.
    const now = await reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, NOW);
    expect(now.reservation.status).toBe("active");
    await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 1, startTime: at(NOW, HOUR_MS) }, NOW),
      "SLOT_UNAVAILABLE",
    );
    await expectConsistent();
  });

  it("an out-of-service slot takes no booking ahead", async () => {
    const slot = await createSlot({ outOfService: true });
    const driver = await createDriver({ balanceCents: 1000 });
    await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 1, startTime: at(NOW, DAY_MS) }, NOW),
      "SLOT_UNAVAILABLE",
    );
  });
});

describe("GET /api/slots from/to (searchSlots with a window)", () => {
  it("lists slots free for the whole window, regardless of whether they are free now", async () => {
    const busyNow = await createSlot({ pricePerHourCents: 1 });
    const bookedTomorrow = await createSlot({ pricePerHourCents: 1 });
    const free = await createSlot({ pricePerHourCents: 1 });
    const broken = await createSlot({ pricePerHourCents: 1, outOfService: true });
    const driver = await createDriver({ balanceCents: 10_000 });
    const realNow = new Date();
    await reserveSlot(driver, { slotId: busyNow.id, durationHours: 2 }, realNow);
    await reserveSlot(
      driver,
      { slotId: bookedTomorrow.id, durationHours: 2, startTime: at(realNow, DAY_MS) },
      realNow,
    );
    resetSweepThrottle();
    const from = at(realNow, DAY_MS + HOUR_MS);
    const to = at(from, HOUR_MS);
    const ids = async (available: "true" | "false" | "all") =>
      (
        await searchSlots({ maxPriceCents: 1, available, from, to, limit: 500, offset: 0 })
      ).slots.map((s) => s.id);

    expect(await ids("true")).toEqual([busyNow.id, free.id].sort((a, b) => a - b));
    expect(await ids("false")).toEqual([bookedTomorrow.id, broken.id]);
    // isAvailable keeps meaning "free right now".
    const listed = await searchSlots({
      maxPriceCents: 1,
      available: "true",
      from,
      to,
      limit: 500,
      offset: 0,
    });
    expect(listed.slots.find((s) => s.id === busyNow.id)?.isAvailable).toBe(false);
  });
});

describe("idempotency with the new fields", () => {
  it("replays the same body (startTime, expectedTotalCents) and refuses a different one", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const body = {
      slotId: slot.id,
      durationHours: 1,
      startTime: at(NOW, DAY_MS),
      expectedTotalCents: 100,
      idempotencyKey: "k-1",
    };
    const first = await reserveSlot(driver, body, NOW);
    const again = await reserveSlot(
      driver,
      { ...body, startTime: new Date(body.startTime) },
      at(NOW, 1000),
    );
    expect(again).toEqual(first);
    expect(await walletOf(driver.id)).toBe(900);
    for (const changed of [
      { startTime: at(NOW, 2 * DAY_MS) },
      { startTime: undefined },
      { expectedTotalCents: undefined },
    ]) {
      await expectAppError(reserveSlot(driver, { ...body, ...changed }, NOW), "CONFLICT");
    }
    expect(await walletOf(driver.id)).toBe(900);
  });
});

describe("expectedTotalCents", () => {
  it("charges nothing and answers PRICE_CHANGED when the price moved", async () => {
    const slot = await createSlot({ pricePerHourCents: 400, type: "vip" });
    const driver = await createDriver({ balanceCents: 5000 });
    const staff = await createStaff();
    await setPricingRules(staff, {
      ...DEFAULT_PRICING_RULES,
      enabled: true,
      slotTypes: { vip: 1.5 },
    });
    try {
      const before = await databaseSnapshot();
      const error = await expectAppError(
        reserveSlot(
          driver,
          {
            slotId: slot.id,
            durationHours: 2,
            startTime: at(NOW, DAY_MS),
            expectedTotalCents: 800,
          },
          NOW,
        ),
        "PRICE_CHANGED",
      );
      expect(error.details).toMatchObject({ expectedTotalCents: 800, totalCents: 1200 });
      expect(await databaseSnapshot()).toEqual(before);

      const ok = await reserveSlot(
        driver,
        { slotId: slot.id, durationHours: 2, startTime: at(NOW, DAY_MS), expectedTotalCents: 1200 },
        NOW,
      );
      expect(ok.reservation.totalAmountCents).toBe(1200);
      expect(ok.payment.amountCents).toBe(1200);
      const stats = await db.utilizationStat.findMany({ where: { slotId: slot.id } });
      expect(stats.map((s) => s.revenueCents)).toEqual([600, 600]);
    } finally {
      await setPricingRules(staff, DEFAULT_PRICING_RULES);
    }
  });

  it("a price change on the slot never changes what existing reservations cost", async () => {
    const slot = await createSlot({ pricePerHourCents: 300 });
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 2, startTime: at(NOW, DAY_MS) },
      NOW,
    );
    await transaction((tx) =>
      tx.parkingSlot.update({ where: { id: slot.id }, data: { pricePerHourCents: 900 } }),
    );
    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.totalAmountCents).toBe(600);
  });
});
