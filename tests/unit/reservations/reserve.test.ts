import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { endReservation, reserveSlot } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import {
  HOUR_MS,
  TEST_LOCATION_ID,
  createDriver,
  createSlot,
  createSlots,
  createStaff,
  databaseSnapshot,
  expectAppError,
  expectConsistentDatabase,
  slotRow,
  walletOf,
} from "../builders";

// Explicit clocks make times, hours and dates exact. They lie in the future, so the
// sweeps that read paths run against the real clock never complete these reservations.
const T0 = new Date("2031-03-10T09:15:00.000Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

describe("reserveSlot: success", () => {
  it("takes the slot, charges the wallet and writes reservation, payment, ledger and utilization", async () => {
    const slot = await createSlot({ pricePerHourCents: 450 });
    const driver = await createDriver({ balanceCents: 5000 });

    const result = await reserveSlot(driver, { slotId: slot.id, durationHours: 3 }, T0);

    expect(result.reservation).toEqual({
      id: expect.any(Number),
      userId: driver.id,
      slotId: slot.id,
      slotNumber: slot.slotNumber,
      locationId: TEST_LOCATION_ID,
      startTime: "2031-03-10T09:15:00.000Z",
      endTime: "2031-03-10T12:15:00.000Z",
      durationHours: 3,
      totalAmountCents: 1350,
      paymentStatus: "completed",
      status: "active",
      createdAt: "2031-03-10T09:15:00.000Z",
      vehicleId: null,
      kind: "booked",
      checkedInAt: null,
      checkedOutAt: null,
    });
    expect(result.payment).toEqual({
      id: expect.any(Number),
      reservationId: result.reservation.id,
      userId: driver.id,
      amountCents: 1350,
      paymentMethod: "wallet",
      transactionId: expect.stringMatching(/^txn_[0-9a-f]{32}$/),
      paymentStatus: "completed",
      paymentDate: "2031-03-10T09:15:00.000Z",
    });
    expect(result.walletBalanceCents).toBe(3650);
    expect(await walletOf(driver.id)).toBe(3650);
    expect((await slotRow(slot.id)).isAvailable).toBe(false);

    const stored = await db.reservation.findUniqueOrThrow({
      where: { id: result.reservation.id },
    });
    expect(stored).toMatchObject({ status: "active", totalAmountCents: 1350, durationHours: 3 });
    expect(await db.payment.count({ where: { reservationId: stored.id } })).toBe(1);

    const ledger = await db.walletTransaction.findMany({
      where: { userId: driver.id },
      orderBy: { id: "asc" },
    });
    expect(ledger.map((e) => [e.kind, e.amountCents, e.balanceAfterCents])).toEqual([
      ["top_up", 5000, 5000],
      ["charge", -1350, 3650],
    ]);
    expect(ledger[1]).toMatchObject({
      paymentId: result.payment.id,
      reservationId: result.reservation.id,
      createdAt: T0,
    });

    // One row per UTC hour the reservation covers; each hour carries that hour's price.
    const stats = await db.utilizationStat.findMany({
      where: { slotId: slot.id },
      orderBy: [{ date: "asc" }, { hour: "asc" }],
    });
    expect(stats.map((s) => [s.date, s.hour, s.occupancyCount, s.revenueCents])).toEqual([
      ["2031-03-10", 9, 1, 450],
      ["2031-03-10", 10, 1, 450],
      ["2031-03-10", 11, 1, 450],
    ]);
    await expectConsistentDatabase();
  });

  it("records utilization in UTC buckets across midnight, revenue adding up to the total", async () => {
    const slot = await createSlot({ pricePerHourCents: 275 });
    const driver = await createDriver({ balanceCents: 10_000 });
    const lateEvening = new Date("2031-12-31T22:40:00.000Z");

    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 4 },
      lateEvening,
    );

    const stats = await db.utilizationStat.findMany({
      where: { slotId: slot.id },
      orderBy: [{ date: "asc" }, { hour: "asc" }],
    });
    expect(stats.map((s) => [s.date, s.hour])).toEqual([
      ["2031-12-31", 22],
      ["2031-12-31", 23],
      ["2032-01-01", 0],
      ["2032-01-01", 1],
    ]);
    expect(stats.reduce((sum, s) => sum + s.revenueCents, 0)).toBe(reservation.totalAmountCents);
    expect(stats.reduce((sum, s) => sum + s.occupancyCount, 0)).toBe(4);
  });

  it("accepts the boundaries: 1 and 24 hours, and a wallet that exactly covers the price", async () => {
    const [short, long] = await createSlots(2, { pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 2500 });

    const one = await reserveSlot(driver, { slotId: short!.id, durationHours: 1 }, T0);
    const day = await reserveSlot(driver, { slotId: long!.id, durationHours: 24 }, T0);

    expect(one.reservation.endTime).toBe("2031-03-10T10:15:00.000Z");
    expect(day.reservation.endTime).toBe("2031-03-11T09:15:00.000Z");
    expect(day.walletBalanceCents).toBe(0);
    expect(await db.utilizationStat.count({ where: { slotId: long!.id } })).toBe(24);
    await expectConsistentDatabase();
  });

  it("gives every payment a distinct, random 128-bit transaction id", async () => {
    const slots = await createSlots(25, { pricePerHourCents: 10 });
    const driver = await createDriver({ balanceCents: 1000 });
    const ids: string[] = [];
    for (const slot of slots) {
      const { payment } = await reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, T0);
      ids.push(payment.transactionId);
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^txn_[0-9a-f]{32}$/);
    // Not sequential or time-ordered: ids made one after another share no 32-bit prefix
    // (for random ids, a shared prefix among 25 has a chance of about 1 in 10 million).
    expect(new Set(ids.map((id) => id.slice(4, 12))).size).toBe(ids.length);
  });

  it("lets staff book for a driver: the driver owns it and pays for it", async () => {
    const slot = await createSlot({ pricePerHourCents: 500 });
    const staff = await createStaff({ balanceCents: 7000 });
    const driver = await createDriver({ balanceCents: 1200 });

    const result = await reserveSlot(
      staff,
      { slotId: slot.id, durationHours: 2, userId: driver.id },
      T0,
    );

    expect(result.reservation.userId).toBe(driver.id);
    expect(result.payment.userId).toBe(driver.id);
    expect(result.walletBalanceCents).toBe(200);
    expect(await walletOf(driver.id)).toBe(200);
    expect(await walletOf(staff.id)).toBe(7000);
    await expectConsistentDatabase();
  });

  it("lets a driver name themselves as the user", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 300 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, userId: driver.id },
      T0,
    );
    expect(reservation.userId).toBe(driver.id);
  });

  it("takes a slot whose previous reservation ran out but was not swept yet", async () => {
    const slot = await createSlot({ pricePerHourCents: 200 });
    const first = await createDriver({ balanceCents: 1000 });
    const second = await createDriver({ balanceCents: 1000 });
    const earlier = await reserveSlot(first, { slotId: slot.id, durationHours: 1 }, T0);

    const later = await reserveSlot(second, { slotId: slot.id, durationHours: 1 }, at(HOUR_MS));

    expect(later.reservation.slotId).toBe(slot.id);
    const old = await db.reservation.findUniqueOrThrow({ where: { id: earlier.reservation.id } });
    // Completed at its own end time, which has passed.
    expect(old.status).toBe("completed");
    expect(old.endTime).toEqual(at(HOUR_MS));
    expect((await slotRow(slot.id)).isAvailable).toBe(false);
    await expectConsistentDatabase();
  });
});

describe("reserveSlot: refusals write nothing", () => {
  it("refuses an unknown slot with NOT_FOUND", async () => {
    const driver = await createDriver({ balanceCents: 1000 });
    const before = await databaseSnapshot();
    await expectAppError(
      reserveSlot(driver, { slotId: 987_654, durationHours: 1 }, T0),
      "NOT_FOUND",
    );
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses a slot held by an active reservation with SLOT_UNAVAILABLE", async () => {
    const slot = await createSlot();
    const holder = await createDriver({ balanceCents: 1000 });
    const other = await createDriver({ balanceCents: 1000 });
    await reserveSlot(holder, { slotId: slot.id, durationHours: 2 }, T0);
    const before = await databaseSnapshot();

    await expectAppError(
      reserveSlot(other, { slotId: slot.id, durationHours: 1 }, at(HOUR_MS)),
      "SLOT_UNAVAILABLE",
    );

    expect(await databaseSnapshot()).toEqual(before);
    expect(await walletOf(other.id)).toBe(1000);
  });

  it("refuses an out-of-service slot with SLOT_UNAVAILABLE, free or held", async () => {
    const closed = await createSlot({ outOfService: true });
    const heldThenClosed = await createSlot();
    const driver = await createDriver({ balanceCents: 5000 });
    await reserveSlot(driver, { slotId: heldThenClosed.id, durationHours: 1 }, T0);
    await transaction((tx) =>
      tx.parkingSlot.update({ where: { id: heldThenClosed.id }, data: { outOfService: true } }),
    );
    const before = await databaseSnapshot();

    for (const slot of [closed, heldThenClosed]) {
      await expectAppError(
        reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, at(2 * HOUR_MS)),
        "SLOT_UNAVAILABLE",
      );
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses a wallet that does not cover the price with INSUFFICIENT_FUNDS", async () => {
    const slot = await createSlot({ pricePerHourCents: 400 });
    const driver = await createDriver({ balanceCents: 1199 });
    const before = await databaseSnapshot();

    const error = await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 3 }, T0),
      "INSUFFICIENT_FUNDS",
    );

    expect(error.details).toEqual({ walletBalanceCents: 1199, requiredCents: 1200 });
    // The slot taken before the debit failed is released by the rollback.
    expect(await databaseSnapshot()).toEqual(before);
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
  });

  it.each([0, -1, -24, 25, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses a duration of %s hours with VALIDATION_ERROR",
    async (durationHours) => {
      const slot = await createSlot({ pricePerHourCents: 333 });
      const driver = await createDriver({ balanceCents: 50_000 });
      const before = await databaseSnapshot();
      await expectAppError(
        reserveSlot(driver, { slotId: slot.id, durationHours }, T0),
        "VALIDATION_ERROR",
      );
      expect(await databaseSnapshot()).toEqual(before);
    },
  );

  it("refuses a driver booking for someone else with FORBIDDEN", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 1000 });
    const victim = await createDriver({ balanceCents: 1000 });
    const before = await databaseSnapshot();
    await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 1, userId: victim.id }, T0),
      "FORBIDDEN",
    );
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("refuses staff booking for a user that does not exist with NOT_FOUND", async () => {
    const slot = await createSlot();
    const staff = await createStaff({ balanceCents: 1000 });
    const before = await databaseSnapshot();
    await expectAppError(
      reserveSlot(staff, { slotId: slot.id, durationHours: 1, userId: 424_242 }, T0),
      "NOT_FOUND",
    );
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("reserveSlot: all or nothing", () => {
  it("rolls back every earlier step when the last one (utilization) fails", async () => {
    const slot = await createSlot({ pricePerHourCents: 250 });
    const driver = await createDriver({ balanceCents: 1000 });
    // A failure injected into this file's database: the utilization insert for this one
    // slot aborts, after the slot, wallet, reservation, payment and ledger were written.
    await transaction((tx) =>
      tx.$executeRawUnsafe(`
        CREATE TRIGGER test_fail_utilization BEFORE INSERT ON utilization_stats
        WHEN NEW.slot_id = ${slot.id}
        BEGIN SELECT RAISE(ABORT, 'injected utilization failure'); END`),
    );
    const before = await databaseSnapshot();

    await expect(reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, T0)).rejects.toThrow(
      /injected utilization failure/,
    );

    expect(await databaseSnapshot()).toEqual(before);
    expect(await walletOf(driver.id)).toBe(1000);
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
    expect(await db.reservation.count({ where: { slotId: slot.id } })).toBe(0);

    await transaction((tx) => tx.$executeRawUnsafe(`DROP TRIGGER test_fail_utilization`));
    const retry = await reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, T0);
    expect(retry.walletBalanceCents).toBe(500);
    await expectConsistentDatabase();
  });

  it("lets the one-active-reservation-per-slot index stop a double booking after the debit", async () => {
    const slot = await createSlot({ pricePerHourCents: 300 });
    const holder = await createDriver({ balanceCents: 1000 });
    const late = await createDriver({ balanceCents: 1000 });
    await reserveSlot(holder, { slotId: slot.id, durationHours: 2 }, T0);
    // As if another process had wrongly flagged the slot free: the conditional take and
    // the debit then succeed, and only the database's unique index is left to refuse.
    await transaction((tx) =>
      tx.parkingSlot.update({ where: { id: slot.id }, data: { isAvailable: true } }),
    );
    const before = await databaseSnapshot();

    await expectAppError(
      reserveSlot(late, { slotId: slot.id, durationHours: 1, idempotencyKey: "k-late" }, T0),
      "SLOT_UNAVAILABLE",
    );

    expect(await databaseSnapshot()).toEqual(before);
    expect(await walletOf(late.id)).toBe(1000);
    expect(await db.reservation.count({ where: { slotId: slot.id, status: "active" } })).toBe(1);
    // Undo the simulated corruption for the invariant checks of later tests.
    await transaction((tx) =>
      tx.parkingSlot.update({ where: { id: slot.id }, data: { isAvailable: false } }),
    );
  });
});

describe("database guards", () => {
  it("refuses a second active reservation on a slot but keeps any number of ended ones", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, T0);
    const row = {
      userId: driver.id,
      slotId: slot.id,
      startTime: T0,
      endTime: at(HOUR_MS),
      durationHours: 1,
      totalAmountCents: 300,
    };

    await expect(
      transaction((tx) => tx.reservation.create({ data: { ...row, status: "active" } })),
    ).rejects.toMatchObject({ code: "P2002" });

    await endReservation(driver, reservation.id, at(HOUR_MS / 2));
    await transaction((tx) =>
      tx.reservation.createMany({
        data: [
          { ...row, status: "completed" },
          { ...row, status: "cancelled" },
        ],
      }),
    );
    expect(await db.reservation.count({ where: { slotId: slot.id } })).toBe(3);
  });

  it("refuses to store a negative wallet balance", async () => {
    const driver = await createDriver({ balanceCents: 100 });
    // Raw SQL, because Prisma's model API reports this trigger as a foreign-key error.
    await expect(
      transaction(
        (tx) =>
          tx.$executeRaw`UPDATE users SET wallet_balance_cents = wallet_balance_cents - 101
                         WHERE id = ${driver.id}`,
      ),
    ).rejects.toThrow(/wallet balance cannot be negative/);
    await expect(
      transaction((tx) =>
        tx.user.update({ where: { id: driver.id }, data: { walletBalanceCents: -1 } }),
      ),
    ).rejects.toThrow();
    expect(await walletOf(driver.id)).toBe(100);
  });
});

describe("reserveSlot: Idempotency-Key", () => {
  it("replays the first result for the same key and body, charging once", async () => {
    const slot = await createSlot({ pricePerHourCents: 350 });
    const driver = await createDriver({ balanceCents: 2000 });
    const input = { slotId: slot.id, durationHours: 2, idempotencyKey: "retry-me-123" };

    const first = await reserveSlot(driver, input, T0);
    const again = await reserveSlot(driver, input, at(60_000));

    expect(again).toEqual(first);
    expect(await walletOf(driver.id)).toBe(1300);
    expect(await db.reservation.count({ where: { userId: driver.id } })).toBe(1);
    expect(await db.payment.count({ where: { userId: driver.id } })).toBe(1);
    expect(await db.walletTransaction.count({ where: { userId: driver.id, kind: "charge" } })).toBe(
      1,
    );
    expect(
      (
        await db.utilizationStat.aggregate({
          where: { slotId: slot.id },
          _sum: { occupancyCount: true },
        })
      )._sum.occupancyCount,
    ).toBe(2);
  });

  it("replays once for repeats that arrive in parallel", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const input = { slotId: slot.id, durationHours: 1, idempotencyKey: "parallel-key" };

    const results = await Promise.all(
      Array.from({ length: 10 }, () => reserveSlot(driver, input, T0)),
    );

    expect(new Set(results.map((r) => r.reservation.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.payment.transactionId)).size).toBe(1);
    expect(await walletOf(driver.id)).toBe(900);
    expect(await db.payment.count({ where: { userId: driver.id } })).toBe(1);
    await expectConsistentDatabase();
  });

  it("refuses the same key with a different slot or duration with CONFLICT", async () => {
    const [slot, otherSlot] = await createSlots(2);
    const driver = await createDriver({ balanceCents: 5000 });
    await reserveSlot(driver, { slotId: slot!.id, durationHours: 1, idempotencyKey: "k1" }, T0);
    const before = await databaseSnapshot();

    await expectAppError(
      reserveSlot(driver, { slotId: otherSlot!.id, durationHours: 1, idempotencyKey: "k1" }, T0),
      "CONFLICT",
    );
    await expectAppError(
      reserveSlot(driver, { slotId: slot!.id, durationHours: 2, idempotencyKey: "k1" }, T0),
      "CONFLICT",
    );
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("scopes keys to their user: another driver's equal key is a new reservation", async () => {
    const [slot, otherSlot] = await createSlots(2);
    const first = await createDriver({ balanceCents: 1000 });
    const second = await createDriver({ balanceCents: 1000 });
    const a = await reserveSlot(
      first,
      { slotId: slot!.id, durationHours: 1, idempotencyKey: "same" },
      T0,
    );
    const b = await reserveSlot(
      second,
      { slotId: otherSlot!.id, durationHours: 1, idempotencyKey: "same" },
      T0,
    );
    expect(b.reservation.id).not.toBe(a.reservation.id);
    expect(b.reservation.userId).toBe(second.id);
  });

  it("does not remember a key whose request failed, so the retry can succeed", async () => {
    const slot = await createSlot({ pricePerHourCents: 800 });
    const driver = await createDriver({ balanceCents: 500 });
    const input = { slotId: slot.id, durationHours: 1, idempotencyKey: "after-top-up" };
    await expectAppError(reserveSlot(driver, input, T0), "INSUFFICIENT_FUNDS");

    await topUpWallet(driver, { amountCents: 300 });
    const result = await reserveSlot(driver, input, T0);

    expect(result.walletBalanceCents).toBe(0);
    await expectConsistentDatabase();
  });
});

describe("utilization upsert", () => {
  it("adds reservations that share a slot-hour into one row", async () => {
    const slot = await createSlot({ pricePerHourCents: 120 });
    const first = await createDriver({ balanceCents: 1000 });
    const second = await createDriver({ balanceCents: 1000 });
    const tenOClock = new Date("2031-05-05T10:05:00.000Z");

    const a = await reserveSlot(first, { slotId: slot.id, durationHours: 1 }, tenOClock);
    await endReservation(first, a.reservation.id, new Date("2031-05-05T10:20:00.000Z"));
    const b = await reserveSlot(
      second,
      { slotId: slot.id, durationHours: 2 },
      new Date("2031-05-05T10:30:00.000Z"),
    );

    const stats = await db.utilizationStat.findMany({
      where: { slotId: slot.id },
      orderBy: [{ date: "asc" }, { hour: "asc" }],
    });
    expect(stats.map((s) => [s.date, s.hour, s.occupancyCount, s.revenueCents])).toEqual([
      ["2031-05-05", 10, 2, 240],
      ["2031-05-05", 11, 1, 120],
    ]);
    expect(stats.reduce((sum, s) => sum + s.revenueCents, 0)).toBe(
      a.reservation.totalAmountCents + b.reservation.totalAmountCents,
    );
  });
});
