// Reserve-and-pay, ending a reservation, listing reservations, wallet top-ups, the user
// list for staff and the wallet ledger; each result checked against the database.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { registerDriver, type Client } from "./client";
import { expectInvariants, ledgerSum, rows, scalar, snapshot, walletBalance } from "./db";
import {
  allSlots,
  baselineSnapshot,
  freeSlot,
  HOUR_MS,
  reserve,
  slotById,
  staff,
} from "./fixtures";
import {
  AddBalanceBody,
  AvailabilityBody,
  expectError,
  expectNoSecrets,
  expectOk,
  ReservationBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  UserBody,
  UsersBody,
  WalletTransactionsBody,
  type Reservation,
  type Slot,
} from "./schemas";

// The test process and the server share the machine's clock; this only absorbs rounding.
const CLOCK_SLACK_MS = 1000;

function expectBetween(iso: string, from: number, to: number): void {
  const at = Date.parse(iso);
  expect(at).toBeGreaterThanOrEqual(from - CLOCK_SLACK_MS);
  expect(at).toBeLessThanOrEqual(to + CLOCK_SLACK_MS);
}

function userId(client: Client): number {
  return client.user!.id;
}

type UtilizationRow = {
  date: string;
  hour: number;
  occupancy_count: number;
  revenue_cents: number;
};
async function utilizationOf(slotId: number): Promise<Map<string, UtilizationRow>> {
  const found = await rows<UtilizationRow>(
    "SELECT date, hour, occupancy_count, revenue_cents FROM utilization_stats WHERE slot_id = ?",
    slotId,
  );
  return new Map(found.map((r) => [`${r.date}|${r.hour}`, r]));
}

type ReservationRow = {
  id: number;
  user_id: number;
  slot_id: number;
  start_time: number | string | Date;
  end_time: number | string | Date;
  duration_hours: number;
  total_amount_cents: number;
  status: string;
  payment_status: string;
};
async function reservationRow(id: number): Promise<ReservationRow | undefined> {
  return (await rows<ReservationRow>("SELECT * FROM reservations WHERE id = ?", id))[0];
}

/**
 * SQLite stores times as epoch milliseconds or ISO text, depending on the writer;
 * PostgreSQL's timestamptz arrives as a Date.
 */
function epochMs(value: number | string | Date): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === "number" ? value : Date.parse(value);
}

async function expectReservationMatchesDatabase(reservation: Reservation): Promise<void> {
  const row = await reservationRow(reservation.id);
  expect(row).toBeDefined();
  expect({
    userId: row!.user_id,
    slotId: row!.slot_id,
    startTime: epochMs(row!.start_time),
    endTime: epochMs(row!.end_time),
    durationHours: row!.duration_hours,
    totalAmountCents: row!.total_amount_cents,
    status: row!.status,
    paymentStatus: row!.payment_status,
  }).toEqual({
    userId: reservation.userId,
    slotId: reservation.slotId,
    startTime: Date.parse(reservation.startTime),
    endTime: Date.parse(reservation.endTime),
    durationHours: reservation.durationHours,
    totalAmountCents: reservation.totalAmountCents,
    status: reservation.status,
    paymentStatus: reservation.paymentStatus,
  });
}

describe("POST /api/reserve", () => {
  it("takes the slot, pays from the wallet and records utilization, all at once", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents * 3 <= 10_000);
    const utilizationBefore = await utilizationOf(slot.id);
    const before = Date.now();
    const body = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 3 }),
      201,
      ReserveBody,
    );
    const after = Date.now();
    const { reservation, payment, walletBalanceCents } = body;
    const total = 3 * slot.pricePerHourCents;

    expect(reservation).toMatchObject({
      userId: userId(driver),
      slotId: slot.id,
      slotNumber: slot.slotNumber,
      durationHours: 3,
      totalAmountCents: total,
      status: "active",
      paymentStatus: "completed",
    });
    expectBetween(reservation.startTime, before, after);
    expectBetween(reservation.createdAt, before, after);
    expect(Date.parse(reservation.endTime) - Date.parse(reservation.startTime)).toBe(3 * HOUR_MS);
    await expectReservationMatchesDatabase(reservation);

    expect(payment).toMatchObject({
      reservationId: reservation.id,
      userId: userId(driver),
      amountCents: total,
      paymentStatus: "completed",
    });
    expectBetween(payment.paymentDate, before, after);
    expect(
      await scalar("SELECT COUNT(*) FROM payments WHERE transaction_id = ?", payment.transactionId),
    ).toBe(1);

    expect(walletBalanceCents).toBe(10_000 - total);
    expect(await walletBalance(userId(driver))).toBe(10_000 - total);
    expect(expectOk(await driver.get("/api/me"), 200, UserBody).user.walletBalanceCents).toBe(
      10_000 - total,
    );
    expect(
      await rows(
        "SELECT kind, amount_cents, balance_after_cents, payment_id FROM wallet_transactions WHERE reservation_id = ?",
        reservation.id,
      ),
    ).toEqual([
      {
        kind: "charge",
        amount_cents: -total,
        balance_after_cents: 10_000 - total,
        payment_id: payment.id,
      },
    ]);

    // The slot is taken at once.
    const listed = (await allSlots()).find((s) => s.id === slot.id);
    expect(listed?.isAvailable).toBe(false);

    // One utilization row per UTC hour the reservation covers, one occupancy and one hour's
    // price each.
    const utilizationAfter = await utilizationOf(slot.id);
    const start = Date.parse(reservation.startTime);
    for (let i = 0; i < 3; i++) {
      const at = new Date(start + i * HOUR_MS);
      const key = `${at.toISOString().slice(0, 10)}|${at.getUTCHours()}`;
      const was = utilizationBefore.get(key);
      expect(utilizationAfter.get(key), key).toMatchObject({
        occupancy_count: (was?.occupancy_count ?? 0) + 1,
        revenue_cents: (was?.revenue_cents ?? 0) + slot.pricePerHourCents,
      });
    }
    const changed = [...utilizationAfter].filter(
      ([key, row]) => JSON.stringify(utilizationBefore.get(key)) !== JSON.stringify(row),
    );
    expect(changed).toHaveLength(3);
  });

  it("gives every payment its own unguessable transaction id", async () => {
    const driver = await registerDriver(20_000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const slot = await freeSlot((s) => s.pricePerHourCents <= 5000);
      ids.push(
        expectOk(await reserve(driver, { slotId: slot.id, durationHours: 1 }), 201, ReserveBody)
          .payment.transactionId,
      );
    }
    expect(new Set(ids).size).toBe(3);
    // Random ids differ almost everywhere; sequential or time-based ones share most characters.
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [ids[i - 1]!, ids[i]!];
      const differing = [...a].filter((ch, k) => ch !== b[k]).length;
      expect(differing, `${a} vs ${b}`).toBeGreaterThanOrEqual(12);
    }
  });

  it("lets a wallet pay exactly its balance, and refuses a cent more with 402", async () => {
    const slot = await freeSlot();
    const exact = 2 * slot.pricePerHourCents;
    const short = await registerDriver(exact - 1);
    const before = await baselineSnapshot();
    const refused = expectError(await reserve(short, { slotId: slot.id, durationHours: 2 }), {
      status: 402,
      code: "INSUFFICIENT_FUNDS",
    });
    expect(refused.error.message).toBeTruthy();
    expect(await snapshot()).toEqual(before);
    expect((await slotById(slot.id)).isAvailable).toBe(true);

    const enough = await registerDriver(exact);
    const body = expectOk(
      await reserve(enough, { slotId: slot.id, durationHours: 2 }),
      201,
      ReserveBody,
    );
    expect(body.walletBalanceCents).toBe(0);
    expect(await walletBalance(userId(enough))).toBe(0);
  });

  it("answers 409 SLOT_UNAVAILABLE for a taken slot and changes nothing", async () => {
    const [first, second] = [await registerDriver(10_000), await registerDriver(10_000)];
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    expectOk(await reserve(first, { slotId: slot.id, durationHours: 1 }), 201, ReserveBody);
    const before = await baselineSnapshot();
    expectError(await reserve(second, { slotId: slot.id, durationHours: 1 }), {
      status: 409,
      code: "SLOT_UNAVAILABLE",
    });
    // Not even the holder can book it twice.
    expectError(await reserve(first, { slotId: slot.id, durationHours: 1 }), {
      status: 409,
      code: "SLOT_UNAVAILABLE",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("answers 409 SLOT_UNAVAILABLE for an out-of-service slot", async () => {
    const outOfService = (await allSlots()).filter((s) => s.outOfService);
    expect(outOfService.length, "the demo seed has out-of-service slots").toBeGreaterThan(0);
    const driver = await registerDriver(100_000);
    const before = await baselineSnapshot();
    for (const slot of outOfService) {
      expectError(await reserve(driver, { slotId: slot.id, durationHours: 1 }), {
        status: 409,
        code: "SLOT_UNAVAILABLE",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 NOT_FOUND for a slot that does not exist", async () => {
    const driver = await registerDriver(10_000);
    const missing = (await scalar("SELECT MAX(id) FROM parking_slots")) + 1000;
    const before = await baselineSnapshot();
    expectError(await reserve(driver, { slotId: missing, durationHours: 1 }), {
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("lets staff reserve for a driver, paid from the driver's wallet", async () => {
    const admin = await staff();
    const driver = await registerDriver(5_000);
    const staffBalance = await walletBalance(userId(admin));
    const slot = await freeSlot((s) => s.pricePerHourCents <= 5_000);
    const body = expectOk(
      await reserve(admin, { slotId: slot.id, durationHours: 1, userId: userId(driver) }),
      201,
      ReserveBody,
    );
    expect(body.reservation.userId).toBe(userId(driver));
    expect(body.payment.userId).toBe(userId(driver));
    expect(body.walletBalanceCents).toBe(5_000 - slot.pricePerHourCents);
    expect(await walletBalance(userId(driver))).toBe(5_000 - slot.pricePerHourCents);
    expect(await walletBalance(userId(admin))).toBe(staffBalance);
    // The driver sees it as theirs.
    const mine = expectOk(await driver.get("/api/reservations"), 200, ReservationsBody);
    expect(mine.reservations.map((r) => r.id)).toContain(body.reservation.id);
  });

  it("answers 404 NOT_FOUND when staff name a user who does not exist, and frees nothing up", async () => {
    const admin = await staff();
    const slot = await freeSlot();
    const before = await baselineSnapshot();
    expectError(
      await reserve(admin, {
        slotId: slot.id,
        durationHours: 1,
        userId: (await scalar("SELECT MAX(id) FROM users")) + 1000,
      }),
      { status: 404, code: "NOT_FOUND" },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("answers 403 FORBIDDEN when a driver names another user, and accepts their own id", async () => {
    const [driver, other] = [await registerDriver(10_000), await registerDriver(10_000)];
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const before = await baselineSnapshot();
    expectError(
      await reserve(driver, { slotId: slot.id, durationHours: 1, userId: userId(other) }),
      { status: 403, code: "FORBIDDEN" },
    );
    expect(await snapshot()).toEqual(before);
    const own = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 1, userId: userId(driver) }),
      201,
      ReserveBody,
    );
    expect(own.reservation.userId).toBe(userId(driver));
  });
});

describe("the free-slot fixture", () => {
  // The seed books slots ahead (1–72 h from its start): a slot free now may be booked in two
  // hours, and a test that booked it for four got 409 at some hours of the day.
  it("gives a slot free for the whole window a test books, not only now", async () => {
    const driver = await registerDriver(10_000);
    const cheap = (s: Slot) => s.pricePerHourCents * 4 <= 10_000;
    const first = await freeSlot(cheap, 4);
    const startTime = new Date(Date.now() + 2 * HOUR_MS).toISOString();
    expectOk(
      await driver.post("/api/reserve", { slotId: first.id, durationHours: 1, startTime }),
      201,
      ReserveBody,
    );
    const slot = await freeSlot(cheap, 4);
    expect(slot.id).not.toBe(first.id);
    expectOk(await reserve(driver, { slotId: slot.id, durationHours: 4 }), 201, ReserveBody);
  });
});

describe("POST /api/end-reservation", () => {
  it("ends the caller's reservation now and frees the slot at once", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents * 4 <= 10_000);
    const { reservation } = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 4 }),
      201,
      ReserveBody,
    );
    const availabilityBefore = expectOk(
      await driver.get("/api/availability"),
      200,
      AvailabilityBody,
    );
    const before = Date.now();
    const ended = expectOk(
      await driver.post("/api/end-reservation", { reservationId: reservation.id }),
      200,
      ReservationBody,
    ).reservation;
    const after = Date.now();
    expect(ended).toMatchObject({
      id: reservation.id,
      userId: reservation.userId,
      slotId: reservation.slotId,
      slotNumber: reservation.slotNumber,
      startTime: reservation.startTime,
      totalAmountCents: reservation.totalAmountCents,
      status: "completed",
    });
    expectBetween(ended.endTime, before, after);
    await expectReservationMatchesDatabase(ended);

    // Free at once, in the search and in the counts.
    const free = expectOk(await driver.get("/api/slots?limit=500"), 200, SlotsBody);
    expect(free.slots.find((s) => s.id === slot.id)?.isAvailable).toBe(true);
    const availabilityAfter = expectOk(
      await driver.get("/api/availability"),
      200,
      AvailabilityBody,
    );
    expect(availabilityAfter.available).toBe(availabilityBefore.available + 1);
    expect(availabilityAfter.occupied).toBe(availabilityBefore.occupied - 1);
    // Unscoped, the network: a floor number (and zone) has a row per location that has it.
    const sumAvailable = (rows: { available: number }[]) =>
      rows.reduce((total, r) => total + r.available, 0);
    const floorOf = (a: typeof availabilityAfter) =>
      sumAvailable(a.byFloor.filter((f) => f.floor === slot.floor));
    expect(floorOf(availabilityAfter)).toBe(floorOf(availabilityBefore) + 1);
    const zoneOf = (a: typeof availabilityAfter) =>
      sumAvailable(a.byZone.filter((z) => z.floor === slot.floor && z.zone === slot.zone));
    expect(zoneOf(availabilityAfter)).toBe(zoneOf(availabilityBefore) + 1);
    const typeOf = (a: typeof availabilityAfter) =>
      a.byType.find((t) => t.type === slot.type)!.available;
    expect(typeOf(availabilityAfter)).toBe(typeOf(availabilityBefore) + 1);

    // And bookable by someone else straight away.
    const next = await registerDriver(10_000);
    expectOk(await reserve(next, { slotId: slot.id, durationHours: 1 }), 201, ReserveBody);
  });

  it("answers 409 RESERVATION_NOT_ACTIVE for a reservation that already ended", async () => {
    const driver = await registerDriver(10_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const { reservation } = expectOk(
      await reserve(driver, { slotId: slot.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    expectOk(
      await driver.post("/api/end-reservation", { reservationId: reservation.id }),
      200,
      ReservationBody,
    );
    const before = await baselineSnapshot();
    expectError(await driver.post("/api/end-reservation", { reservationId: reservation.id }), {
      status: 409,
      code: "RESERVATION_NOT_ACTIVE",
    });
    expectError(
      await (await staff()).post("/api/end-reservation", { reservationId: reservation.id }),
      { status: 409, code: "RESERVATION_NOT_ACTIVE" },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 NOT_FOUND for someone else's reservation (a driver) and lets staff end it", async () => {
    const [owner, other] = [await registerDriver(10_000), await registerDriver(10_000)];
    const slot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    const { reservation } = expectOk(
      await reserve(owner, { slotId: slot.id, durationHours: 1 }),
      201,
      ReserveBody,
    );
    const before = await baselineSnapshot();
    expectError(await other.post("/api/end-reservation", { reservationId: reservation.id }), {
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await snapshot()).toEqual(before);
    expect((await reservationRow(reservation.id))?.status).toBe("active");

    const ended = expectOk(
      await (await staff()).post("/api/end-reservation", { reservationId: reservation.id }),
      200,
      ReservationBody,
    );
    expect(ended.reservation).toMatchObject({ id: reservation.id, status: "completed" });
    expect((await slotById(slot.id)).isAvailable).toBe(true);
  });

  it("answers 404 NOT_FOUND for a reservation that does not exist", async () => {
    const driver = await registerDriver();
    const missing = (await scalar("SELECT MAX(id) FROM reservations")) + 1000;
    expectError(await driver.post("/api/end-reservation", { reservationId: missing }), {
      status: 404,
      code: "NOT_FOUND",
    });
    expectError(await (await staff()).post("/api/end-reservation", { reservationId: missing }), {
      status: 404,
      code: "NOT_FOUND",
    });
  });
});

describe("GET /api/reservations", () => {
  it("shows a driver only their own, newest first, filtered by status, paged", async () => {
    const driver = await registerDriver(30_000);
    const other = await registerDriver(10_000);
    const made: Reservation[] = [];
    for (let i = 0; i < 3; i++) {
      const slot = await freeSlot((s) => s.pricePerHourCents <= 5_000);
      made.push(
        expectOk(await reserve(driver, { slotId: slot.id, durationHours: 1 }), 201, ReserveBody)
          .reservation,
      );
    }
    const otherSlot = await freeSlot((s) => s.pricePerHourCents <= 10_000);
    expectOk(await reserve(other, { slotId: otherSlot.id, durationHours: 1 }), 201, ReserveBody);
    const ended = expectOk(
      await driver.post("/api/end-reservation", { reservationId: made[0]!.id }),
      200,
      ReservationBody,
    ).reservation;

    const all = expectOk(await driver.get("/api/reservations"), 200, ReservationsBody);
    expect(all.total).toBe(3);
    expect(all.reservations.map((r) => r.id)).toEqual([made[2]!.id, made[1]!.id, made[0]!.id]);
    for (let i = 1; i < all.reservations.length; i++) {
      expect(Date.parse(all.reservations[i - 1]!.createdAt)).toBeGreaterThanOrEqual(
        Date.parse(all.reservations[i]!.createdAt),
      );
    }
    expect(all.reservations[2]).toEqual(ended);
    for (const r of all.reservations) await expectReservationMatchesDatabase(r);

    const active = expectOk(
      await driver.get("/api/reservations?status=active"),
      200,
      ReservationsBody,
    );
    expect(active.total).toBe(2);
    expect(active.reservations.every((r) => r.status === "active")).toBe(true);
    const completed = expectOk(
      await driver.get("/api/reservations?status=completed"),
      200,
      ReservationsBody,
    );
    expect(completed.reservations.map((r) => r.id)).toEqual([made[0]!.id]);
    const cancelled = expectOk(
      await driver.get("/api/reservations?status=cancelled"),
      200,
      ReservationsBody,
    );
    expect(cancelled).toEqual({ reservations: [], total: 0 });
    expect(
      expectOk(await driver.get("/api/reservations?status=all"), 200, ReservationsBody),
    ).toEqual(all);

    const page = expectOk(
      await driver.get("/api/reservations?limit=1&offset=1"),
      200,
      ReservationsBody,
    );
    expect(page).toEqual({ reservations: [all.reservations[1]], total: 3 });
    const own = expectOk(
      await driver.get(`/api/reservations?userId=${userId(driver)}`),
      200,
      ReservationsBody,
    );
    expect(own).toEqual(all);
  });

  it("shows staff everyone's at their garages, 50 a page by default, or one user's with userId", async () => {
    const admin = await staff();
    // Staff see the reservations of the garages they work at (other files book elsewhere too).
    const staffId = Number(admin.user!.id);
    const atTheirGarages = (columns: string) =>
      `SELECT ${columns} FROM reservations WHERE slot_id IN (SELECT s.id FROM parking_slots s
         JOIN staff_locations sl ON sl.location_id = s.location_id WHERE sl.user_id = ${staffId})`;
    const everyone = expectOk(await admin.get("/api/reservations"), 200, ReservationsBody);
    expect(everyone.total).toBe(await scalar(atTheirGarages("COUNT(*)")));
    expect(everyone.reservations).toHaveLength(Math.min(50, everyone.total));
    expect(everyone.reservations[0]!.id).toBe(
      await scalar(`${atTheirGarages("id")} ORDER BY created_at DESC, id DESC LIMIT 1`),
    );
    const active = expectOk(
      await admin.get("/api/reservations?status=active&limit=500"),
      200,
      ReservationsBody,
    );
    expect(active.total).toBe(await scalar(`${atTheirGarages("COUNT(*)")} AND status = 'active'`));
    expect(active.reservations.every((r) => r.status === "active")).toBe(true);

    const alice = (await rows<{ id: number }>("SELECT id FROM users WHERE username = 'alice'"))[0]!
      .id;
    const hers = expectOk(
      await admin.get(`/api/reservations?userId=${alice}&limit=500`),
      200,
      ReservationsBody,
    );
    expect(hers.total).toBe(await scalar(`${atTheirGarages("COUNT(*)")} AND user_id = ?`, alice));
    expect(hers.reservations.every((r) => r.userId === alice)).toBe(true);
    expect(hers.reservations).toHaveLength(Math.min(500, hers.total));
  });
});

describe("POST /api/add-balance", () => {
  it("tops up the caller's own wallet and writes the ledger", async () => {
    const driver = await registerDriver();
    const start = await walletBalance(userId(driver));
    const body = expectOk(
      await driver.post("/api/add-balance", { amountCents: 2_500 }),
      200,
      AddBalanceBody,
    );
    expect(body).toEqual({ userId: userId(driver), walletBalanceCents: start + 2_500 });
    expect(await walletBalance(userId(driver))).toBe(start + 2_500);
    expect(await ledgerSum(userId(driver))).toBe(start + 2_500);
    expect(
      await rows(
        "SELECT kind, amount_cents, balance_after_cents FROM wallet_transactions WHERE user_id = ? ORDER BY id DESC LIMIT 1",
        userId(driver),
      ),
    ).toEqual([{ kind: "top_up", amount_cents: 2_500, balance_after_cents: start + 2_500 }]);
  });

  it("accepts the smallest and the largest top-up (1 and 100000 cents)", async () => {
    const driver = await registerDriver();
    const start = await walletBalance(userId(driver));
    expect(
      expectOk(await driver.post("/api/add-balance", { amountCents: 1 }), 200, AddBalanceBody)
        .walletBalanceCents,
    ).toBe(start + 1);
    expect(
      expectOk(await driver.post("/api/add-balance", { amountCents: 100_000 }), 200, AddBalanceBody)
        .walletBalanceCents,
    ).toBe(start + 100_001);
  });

  it("lets staff top up any user's wallet", async () => {
    const admin = await staff();
    const driver = await registerDriver();
    const staffBalance = await walletBalance(userId(admin));
    const body = expectOk(
      await admin.post("/api/add-balance", { amountCents: 777, userId: userId(driver) }),
      200,
      AddBalanceBody,
    );
    expect(body).toEqual({ userId: userId(driver), walletBalanceCents: 777 });
    expect(await walletBalance(userId(admin))).toBe(staffBalance);
    expect(expectOk(await driver.get("/api/me"), 200, UserBody).user.walletBalanceCents).toBe(777);
  });

  it("answers 404 NOT_FOUND when staff name a user who does not exist", async () => {
    const admin = await staff();
    const before = await baselineSnapshot();
    expectError(
      await admin.post("/api/add-balance", {
        amountCents: 100,
        userId: (await scalar("SELECT MAX(id) FROM users")) + 1000,
      }),
      { status: 404, code: "NOT_FOUND" },
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("GET /api/users (staff)", () => {
  type Row = { id: number; username: string; email: string };
  const allUsers = () => rows<Row>("SELECT id, username, email FROM users");

  it("lists users, 50 a page by default, total counting all", async () => {
    const admin = await staff();
    const body = expectOk(await admin.get("/api/users"), 200, UsersBody);
    expect(body.total).toBe((await allUsers()).length);
    expect(body.users).toHaveLength(Math.min(50, body.total));
    body.users.forEach(expectNoSecrets);
    // Every user, in pages of the largest size (other test files may have signed up more
    // than one page's worth).
    const everyone = await listAllUsers(admin, "");
    expect(new Set(everyone.users.map((u) => u.id))).toEqual(
      new Set((await allUsers()).map((u) => u.id)),
    );
    for (const user of everyone.users) {
      expect(user.walletBalanceCents).toBe(await walletBalance(user.id));
    }
    // Pages fit together without gaps or repeats.
    const paged: number[] = [];
    for (let offset = 0; offset < everyone.total; offset += 20) {
      paged.push(
        ...expectOk(
          await admin.get(`/api/users?limit=20&offset=${offset}`),
          200,
          UsersBody,
        ).users.map((u) => u.id),
      );
    }
    expect(paged).toEqual(everyone.users.map((u) => u.id));
  });

  it.each(["ALICE", "alice", "parking.example", "Driver0", "_", "%", ".", "no-such-user-anywhere"])(
    "q=%s matches usernames and emails by case-insensitive substring",
    async (q) => {
      const admin = await staff();
      const body = await listAllUsers(admin, q);
      const needle = q.toLowerCase();
      const expected = (await allUsers()).filter(
        (u) => u.username.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle),
      );
      expect(body.total).toBe(expected.length);
      expect(new Set(body.users.map((u) => u.id))).toEqual(new Set(expected.map((u) => u.id)));
    },
  );
});

/** Every page of GET /api/users?q=…, 500 at a time, joined. */
async function listAllUsers(client: Client, q: string) {
  const users: z.output<typeof UsersBody>["users"] = [];
  let total = 0;
  do {
    const filter = q === "" ? "" : `&q=${encodeURIComponent(q)}`;
    const query = `limit=500&offset=${users.length}${filter}`;
    const page = expectOk(await client.get(`/api/users?${query}`), 200, UsersBody);
    total = page.total;
    users.push(...page.users);
    if (page.users.length === 0) break;
  } while (users.length < total);
  return { users, total };
}

describe("GET /api/wallet/transactions (the app's ledger extension)", () => {
  it("lists the caller's ledger newest first, summing to the balance", async () => {
    const driver = await registerDriver(4_000);
    const slot = await freeSlot((s) => s.pricePerHourCents <= 4_000);
    expectOk(await reserve(driver, { slotId: slot.id, durationHours: 1 }), 201, ReserveBody);
    const body = expectOk(
      await driver.get("/api/wallet/transactions"),
      200,
      WalletTransactionsBody,
    );
    expect(body.total).toBe(2);
    expect(body.transactions.map((t) => t.kind)).toEqual(["charge", "top_up"]);
    expect(body.transactions.every((t) => t.userId === userId(driver))).toBe(true);
    expect(body.transactions.reduce((sum, t) => sum + t.amountCents, 0)).toBe(
      await walletBalance(userId(driver)),
    );
    expect(body.transactions[0]!.balanceAfterCents).toBe(await walletBalance(userId(driver)));
  });
});

describe("after all of the above", () => {
  it("every invariant holds", async () => {
    await expectInvariants();
  });
});
