// Booking ahead, cancellation with refunds, and the quote/charge agreement over HTTP.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Client, login, registerDriver, registerDrivers } from "./client";
import { expectInvariants, ledgerSum, rows, scalar, snapshot, walletBalance } from "./db";
import { baselineSnapshot, HOUR_MS, staff } from "./fixtures";
import {
  expectError,
  expectOk,
  Payment,
  Reservation,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
} from "./schemas";
import { hoursAhead, newSlot, reserveAt, track } from "./booking-fixtures";

const CancelBody = z.object({
  reservation: Reservation,
  payment: Payment,
  walletBalanceCents: z.int().nonnegative(),
});
const QuoteBody = z.object({
  slotId: z.int(),
  startTime: z.iso.datetime(),
  endTime: z.iso.datetime(),
  durationHours: z.int(),
  totalCents: z.int().nonnegative(),
  breakdown: z.array(
    z.object({
      hourStart: z.iso.datetime(),
      baseCents: z.int(),
      multiplier: z.number(),
      cents: z.int(),
    }),
  ),
});

describe("the times-ahead fixture", () => {
  // A test names its windows by calls of hoursAhead one after another: when an hour ended
  // between two calls, "4 days ahead, +2 h" meant an hour later than the first call's
  // hour, and an overlap the test asks about was none (a 201 where it expects 409).
  it("counts every call from one hour, also across an hour's end", () => {
    const hourEnd = Math.ceil(Date.now() / HOUR_MS) * HOUR_MS;
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(hourEnd - 1);
      const first = hoursAhead(4);
      vi.setSystemTime(hourEnd + 1);
      const second = hoursAhead(4, 2);
      expect(Date.parse(second) - Date.parse(first)).toBe(2 * HOUR_MS);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("POST /api/reserve with startTime", () => {
  it("books ahead: 201 upcoming, charged now, listed under status=upcoming, slot free now but not for its window", async () => {
    const slot = await newSlot({ pricePerHourCents: 400 });
    const driver = await registerDriver(5_000);
    const startTime = hoursAhead(3);
    const quote = expectOk(
      await new Client().get(`/api/quote?slotId=${slot.id}&startTime=${startTime}&durationHours=2`),
      200,
      QuoteBody,
    );
    expect(quote.totalCents).toBe(800);

    const body = expectOk(
      await reserveAt(driver, {
        slotId: slot.id,
        durationHours: 2,
        startTime,
        expectedTotalCents: quote.totalCents,
      }),
      201,
      ReserveBody,
    );
    track(body.reservation.id);
    expect(body.reservation).toMatchObject({
      status: "upcoming",
      startTime,
      durationHours: 2,
      totalAmountCents: 800,
    });
    expect(body.walletBalanceCents).toBe(4_200);
    expect(await walletBalance(driver.user!.id)).toBe(4_200);

    const upcoming = expectOk(
      await driver.get("/api/reservations?status=upcoming"),
      200,
      ReservationsBody,
    );
    expect(upcoming.reservations.map((r) => r.id)).toEqual([body.reservation.id]);

    const anyone = new Client();
    const now = expectOk(
      await anyone.get(`/api/slots?available=all&zone=T&limit=500`),
      200,
      SlotsBody,
    );
    expect(now.slots.find((s) => s.id === slot.id)?.isAvailable).toBe(true);
    const window = (from: string, to: string) =>
      anyone.get(`/api/slots?zone=T&limit=500&from=${from}&to=${to}`);
    const during = expectOk(await window(hoursAhead(3, 1), hoursAhead(3, 3)), 200, SlotsBody);
    expect(during.slots.map((s) => s.id)).not.toContain(slot.id);
    const after = expectOk(await window(hoursAhead(3, 2), hoursAhead(3, 4)), 200, SlotsBody);
    expect(after.slots.map((s) => s.id)).toContain(slot.id);
    await expectInvariants();
  });

  it("refuses an overlapping window with 409 SLOT_UNAVAILABLE and charges nothing", async () => {
    const slot = await newSlot();
    const [a, b] = await registerDrivers(2, 5_000);
    track(
      expectOk(
        await reserveAt(a!, { slotId: slot.id, durationHours: 3, startTime: hoursAhead(4) }),
        201,
        ReserveBody,
      ).reservation.id,
    );
    const before = await baselineSnapshot();
    expectError(
      await reserveAt(b!, { slotId: slot.id, durationHours: 3, startTime: hoursAhead(4, 2) }),
      { status: 409, code: "SLOT_UNAVAILABLE" },
    );
    expect(await snapshot()).toEqual(before);
    // Back to back is fine.
    track(
      expectOk(
        await reserveAt(b!, { slotId: slot.id, durationHours: 1, startTime: hoursAhead(4, 3) }),
        201,
        ReserveBody,
      ).reservation.id,
    );
  });

  it("answers 409 PRICE_CHANGED when expectedTotalCents differs, and charges nothing", async () => {
    const slot = await newSlot({ pricePerHourCents: 500 });
    const driver = await registerDriver(5_000);
    const before = await baselineSnapshot();
    const response = await reserveAt(driver, {
      slotId: slot.id,
      durationHours: 2,
      startTime: hoursAhead(5),
      expectedTotalCents: 999,
    });
    const error = expectError(response, { status: 409, code: "PRICE_CHANGED" });
    expect(error.error.details).toMatchObject({ expectedTotalCents: 999, totalCents: 1000 });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["startTime without Z", { startTime: "2030-01-01T10:00:00" }, "startTime"],
    ["startTime not a time", { startTime: "tomorrow" }, "startTime"],
    [
      "startTime in the past",
      { startTime: new Date(Date.now() - 3_600_000).toISOString() },
      "startTime",
    ],
    ["startTime beyond 30 days", { startTime: hoursAhead(31) }, "startTime"],
    ["expectedTotalCents negative", { expectedTotalCents: -1 }, "expectedTotalCents"],
    ["expectedTotalCents fractional", { expectedTotalCents: 10.5 }, "expectedTotalCents"],
    ["expectedTotalCents a string", { expectedTotalCents: "1000" }, "expectedTotalCents"],
  ])("answers 400 for %s and changes nothing", async (_name, extra, field) => {
    const slot = await newSlot();
    const driver = await registerDriver(5_000);
    const before = await baselineSnapshot();
    expectError(await reserveAt(driver, { slotId: slot.id, durationHours: 1, ...extra }), {
      status: 400,
      code: "VALIDATION_ERROR",
      field,
    });
    expect(await snapshot()).toEqual(before);
  });

  it("an Idempotency-Key replay must repeat startTime and expectedTotalCents", async () => {
    const slot = await newSlot({ pricePerHourCents: 100 });
    const driver = await registerDriver(5_000);
    const body = {
      slotId: slot.id,
      durationHours: 1,
      startTime: hoursAhead(6),
      expectedTotalCents: 100,
    };
    const first = expectOk(await reserveAt(driver, body, "bk-1"), 201, ReserveBody);
    track(first.reservation.id);
    const again = expectOk(await reserveAt(driver, body, "bk-1"), 201, ReserveBody);
    expect(again).toEqual(first);
    expectError(await reserveAt(driver, { ...body, startTime: hoursAhead(7) }, "bk-1"), {
      status: 409,
      code: "CONFLICT",
    });
    const withoutExpected = { slotId: body.slotId, durationHours: 1, startTime: body.startTime };
    expectError(await reserveAt(driver, withoutExpected, "bk-1"), {
      status: 409,
      code: "CONFLICT",
    });
    expect(await walletBalance(driver.user!.id)).toBe(4_900);
  });

  it("50 parallel requests for overlapping windows on one slot: exactly one 201", async () => {
    const slot = await newSlot({ pricePerHourCents: 100 });
    const drivers = await registerDrivers(10, 5_000);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reserveAt(drivers[i % 10]!, {
          slotId: slot.id,
          durationHours: 2 + (i % 3),
          startTime: hoursAhead(8, -(i % 2)),
        }),
      ),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    track(expectOk(created[0]!, 201, ReserveBody).reservation.id);
    for (const r of responses.filter((r) => r.status !== 201)) {
      expectError(r, { status: 409, code: "SLOT_UNAVAILABLE" });
    }
    expect(await scalar("SELECT COUNT(*) FROM reservations WHERE slot_id = ?", slot.id)).toBe(1);
    for (const d of drivers)
      expect(await walletBalance(d.user!.id)).toBe(await ledgerSum(d.user!.id));
    await expectInvariants();
  });
});

describe("POST /api/reservations/{id}/cancel", () => {
  async function bookAhead(driver: Client, days = 9) {
    const slot = await newSlot({ pricePerHourCents: 300 });
    return expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 2, startTime: hoursAhead(days) }),
      201,
      ReserveBody,
    );
  }

  it("cancels an upcoming reservation with a full refund, in the ledger, once", async () => {
    const driver = await registerDriver(5_000);
    const { reservation, payment } = await bookAhead(driver);
    track(reservation.id);
    expect(await walletBalance(driver.user!.id)).toBe(4_400);

    const body = expectOk(
      await driver.post(`/api/reservations/${reservation.id}/cancel`),
      200,
      CancelBody,
    );
    expect(body.reservation).toMatchObject({
      id: reservation.id,
      status: "cancelled",
      paymentStatus: "refunded",
    });
    expect(body.payment).toMatchObject({ id: payment.id, paymentStatus: "refunded" });
    expect(body.walletBalanceCents).toBe(5_000);
    expect(await walletBalance(driver.user!.id)).toBe(5_000);
    expect(
      await rows(
        "SELECT kind, amount_cents FROM wallet_transactions WHERE reservation_id = ? ORDER BY id",
        reservation.id,
      ),
    ).toEqual([
      { kind: "charge", amount_cents: -600 },
      { kind: "refund", amount_cents: 600 },
    ]);
    expect(
      await scalar("SELECT COUNT(*) FROM utilization_stats WHERE slot_id = ?", reservation.slotId),
    ).toBe(0);

    const before = await baselineSnapshot();
    expectError(await driver.post(`/api/reservations/${reservation.id}/cancel`), {
      status: 409,
      code: "RESERVATION_NOT_ACTIVE",
    });
    expect(await snapshot()).toEqual(before);
    await expectInvariants();
  });

  it("parallel cancels of one reservation refund it once", async () => {
    const driver = await registerDriver(5_000);
    const { reservation } = await bookAhead(driver);
    track(reservation.id);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => driver.post(`/api/reservations/${reservation.id}/cancel`)),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await walletBalance(driver.user!.id)).toBe(5_000);
    await expectInvariants();
  });

  it("an active reservation answers 409 RESERVATION_NOT_ACTIVE (end it instead)", async () => {
    const driver = await registerDriver(5_000);
    const slot = await newSlot();
    const { reservation } = expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    expectError(await driver.post(`/api/reservations/${reservation.id}/cancel`), {
      status: 409,
      code: "RESERVATION_NOT_ACTIVE",
    });
    expect(
      (await driver.post("/api/end-reservation", { reservationId: reservation.id })).status,
    ).toBe(200);
  });

  it("authorization: anonymous 401, another driver 404, staff may cancel for the owner", async () => {
    const owner = await registerDriver(5_000);
    const { reservation } = await bookAhead(owner);
    track(reservation.id);
    const path = `/api/reservations/${reservation.id}/cancel`;
    // Signed in before the snapshot: a sign-in writes its session.
    const bob = await login("bob");
    const before = await baselineSnapshot();
    expectError(await new Client().post(path), { status: 401, code: "UNAUTHENTICATED" });
    expectError(await bob.post(path), { status: 404, code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
    const admin = await staff();
    const body = expectOk(await admin.post(path), 200, CancelBody);
    expect(body.walletBalanceCents).toBe(5_000);
    expect(await walletBalance(owner.user!.id)).toBe(5_000);
  });

  it.each([
    ["/api/reservations/abc/cancel", 400, "VALIDATION_ERROR"],
    ["/api/reservations/0/cancel", 400, "VALIDATION_ERROR"],
    ["/api/reservations/999999999/cancel", 404, "NOT_FOUND"],
  ] as const)("%s answers %i %s", async (path, status, code) => {
    const driver = await registerDriver();
    const before = await baselineSnapshot();
    expectError(await driver.post(path), { status, code });
    expect(await snapshot()).toEqual(before);
  });
});

describe("GET /api/quote and GET /api/slots windows: bad input", () => {
  it.each([
    ["/api/quote?slotId=1&durationHours=0", "durationHours"],
    ["/api/quote?slotId=x&durationHours=1", "slotId"],
    ["/api/quote?durationHours=1", "slotId"],
    ["/api/quote?slotId=1&durationHours=1&startTime=2030-01-01", "startTime"],
    ["/api/slots?from=2030-01-01T10:00:00Z", "to"],
    ["/api/slots?from=2030-01-01T10:00:00Z&to=2030-01-01T09:00:00Z", "to"],
    ["/api/slots?from=yesterday&to=2030-01-01T09:00:00Z", "from"],
  ])("%s answers 400 naming %s", async (path, field) => {
    expectError(await new Client().get(path), { status: 400, code: "VALIDATION_ERROR", field });
  });

  it("an unknown slot answers 404", async () => {
    expectError(await new Client().get("/api/quote?slotId=99999999&durationHours=1"), {
      status: 404,
      code: "NOT_FOUND",
    });
  });
});
