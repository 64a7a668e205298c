// Gate events on a real database (API.md v2 → Arrival, stay and exit; docs/gate.md): every
// decision, the money each exit moves (wallet = ledger, outstanding = debt ledger after
// each), retries by eventId, and races.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { signPass } from "@/lib/passes/token";
import { databaseSnapshot, expectAppError, expectConsistentDatabase, HOUR_MS } from "../builders";
import { createGarage, driverWithCar, userRow } from "./gate-fixtures";
import { describeGateRaces } from "./races";

const MIN = 60_000;
const T0 = new Date("2031-03-10T09:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function book(driverId: number, slotId: number, hours: number, startsIn = 0, now: Date = T0) {
  const result = await reserveSlot(
    { id: driverId, role: "driver" },
    {
      slotId,
      durationHours: hours,
      startTime: startsIn === 0 ? undefined : new Date(now.getTime() + startsIn),
    },
    now,
  );
  return result.reservation.id;
}

const reservation = (id: number) => db.reservation.findUniqueOrThrow({ where: { id } });

describe("arrival", () => {
  it("checks a running booking in, and never lets the car in twice", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 400 });
    const { driver, plate } = await driverWithCar(2_000);
    const id = await book(driver.id, slot.id, 2);
    const answer = await garage.event({ direction: "in", plate }, at(5 * MIN));
    expect(answer).toEqual({ decision: "open", reason: "checked_in", reservationId: id });
    expect((await reservation(id)).checkedInAt).toEqual(at(5 * MIN));
    expect(await garage.event({ direction: "in", plate }, at(6 * MIN))).toEqual({
      decision: "deny",
      reason: "already_inside",
      reservationId: id,
    });
    await expectConsistentDatabase();
  });

  it("starts an upcoming booking early when its slot is free, and refuses when it is not", async () => {
    const garage = await createGarage();
    const [free, busy] = [await garage.slot(), await garage.slot()];
    const { driver, plate } = await driverWithCar(5_000);
    const early = await book(driver.id, free.id, 1, 10 * MIN);
    const answer = await garage.event({ direction: "in", plate }, T0);
    expect(answer).toEqual({ decision: "open", reason: "early_start", reservationId: early });
    const started = await reservation(early);
    expect(started).toMatchObject({ status: "active", startTime: T0, checkedInAt: T0 });
    expect(started.endTime).toEqual(at(70 * MIN));
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: free.id } })).isAvailable).toBe(
      false,
    );

    const other = await driverWithCar(5_000);
    const holder = await driverWithCar(5_000);
    await book(holder.driver.id, busy.id, 1, 0, T0);
    const later = await book(other.driver.id, busy.id, 1, 60 * MIN, T0);
    expect(await garage.event({ direction: "in", plate: other.plate }, at(50 * MIN))).toEqual({
      decision: "deny",
      reason: "slot_not_free",
      reservationId: later,
    });
    expect((await reservation(later)).status).toBe("upcoming");
    await expectConsistentDatabase();
  });

  it("parks a registered car without a booking on the cheapest free regular slot with no booking soon", async () => {
    const garage = await createGarage();
    const cheapButBooked = await garage.slot({ pricePerHourCents: 100 });
    const chosen = await garage.slot({ pricePerHourCents: 200 });
    await garage.slot({ pricePerHourCents: 150, type: "electric" });
    await garage.slot({ pricePerHourCents: 300 });
    const booker = await driverWithCar(5_000);
    await book(booker.driver.id, cheapButBooked.id, 1, 5 * HOUR_MS);
    const { driver, plate } = await driverWithCar(200);
    const answer = await garage.event({ direction: "in", plate }, T0);
    expect(answer).toMatchObject({ decision: "open", reason: "drive_up" });
    const stay = await reservation(answer.reservationId!);
    expect(stay).toMatchObject({
      slotId: chosen.id,
      userId: driver.id,
      kind: "drive_up",
      status: "active",
      paymentStatus: "pending",
      totalAmountCents: 0,
      durationHours: 24,
      startTime: T0,
      endTime: at(24 * HOUR_MS),
      checkedInAt: T0,
    });
    expect(await userRow(driver.id)).toMatchObject({ walletBalanceCents: 200 });
    await expectConsistentDatabase();
  });

  it("ends a drive-up's provisional stay at the next booking when every free slot has one", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 100 });
    const booker = await driverWithCar(5_000);
    await book(booker.driver.id, slot.id, 1, 3 * HOUR_MS);
    const { plate } = await driverWithCar(500);
    const answer = await garage.event({ direction: "in", plate }, T0);
    expect(answer.reason).toBe("drive_up");
    expect(await reservation(answer.reservationId!)).toMatchObject({
      endTime: at(3 * HOUR_MS),
      durationHours: 3,
    });
  });

  it("denies unknown plates, a wallet short of one hour, a full garage and an account that owes", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 500 });
    expect(await garage.event({ direction: "in", plate: "NOBODY1" }, T0)).toEqual({
      decision: "deny",
      reason: "unknown_plate",
    });
    const poor = await driverWithCar(499);
    expect(await garage.event({ direction: "in", plate: poor.plate }, T0)).toEqual({
      decision: "deny",
      reason: "insufficient_funds",
    });
    const owing = await driverWithCar(5_000);
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: owing.driver.id }, data: { outstandingCents: 50 } });
      await tx.debtEntry.create({
        data: { userId: owing.driver.id, amountCents: 50, balanceAfterCents: 50 },
      });
    });
    expect(await garage.event({ direction: "in", plate: owing.plate }, T0)).toEqual({
      decision: "deny",
      reason: "outstanding_balance",
    });
    const holder = await driverWithCar(5_000);
    await book(holder.driver.id, slot.id, 2);
    const rich = await driverWithCar(5_000);
    expect(await garage.event({ direction: "in", plate: rich.plate }, T0)).toEqual({
      decision: "deny",
      reason: "full",
    });
    expect(
      await db.reservation.count({
        where: { kind: "drive_up", slot: { locationId: garage.locationId } },
      }),
    ).toBe(0);
    await expectConsistentDatabase();
  });
});

describe("exit", () => {
  it("checks a booked stay out on time: paid, the slot free at once", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 400 });
    const { driver, plate } = await driverWithCar(2_000);
    const id = await book(driver.id, slot.id, 2);
    await garage.event({ direction: "in", plate }, at(MIN));
    const answer = await garage.event({ direction: "out", plate }, at(HOUR_MS));
    expect(answer).toEqual({ decision: "open", reason: "paid", reservationId: id });
    expect(await reservation(id)).toMatchObject({ status: "completed", checkedOutAt: at(HOUR_MS) });
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    expect(await userRow(driver.id)).toMatchObject({ walletBalanceCents: 1_200 });
    await expectConsistentDatabase();
  });

  it("charges started hours past the end after 15 minutes of grace, and what the wallet cannot pay is owed", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 400 });
    const { driver, plate } = await driverWithCar(400 + 900);
    const id = await book(driver.id, slot.id, 1);
    await garage.event({ direction: "in", plate }, at(MIN));
    // Within the grace: nothing more.
    const graceful = await driverWithCar(400);
    const graceId = await book(
      graceful.driver.id,
      (await garage.slot({ pricePerHourCents: 400 })).id,
      1,
    );
    await garage.event({ direction: "in", plate: graceful.plate }, at(MIN));
    expect(
      await garage.event({ direction: "out", plate: graceful.plate }, at(HOUR_MS + 15 * MIN)),
    ).toEqual({ decision: "open", reason: "paid", reservationId: graceId });

    // 2 h 20 min after the end (the sweep completed it at its end): 3 started hours = 1200,
    // the wallet holds 900.
    const answer = await garage.event({ direction: "out", plate }, at(3 * HOUR_MS + 20 * MIN));
    expect(answer).toEqual({ decision: "open", reason: "owed", reservationId: id });
    expect(await userRow(driver.id)).toMatchObject({
      walletBalanceCents: 0,
      outstandingCents: 300,
    });
    const payments = await db.payment.findMany({
      where: { reservationId: id },
      orderBy: { id: "asc" },
    });
    expect(payments.map((p) => [p.kind, p.amountCents])).toEqual([
      ["booking", 400],
      ["overstay", 900],
    ]);
    const ledger = await db.walletTransaction.findMany({
      where: { reservationId: id },
      orderBy: { id: "asc" },
    });
    expect(ledger.map((w) => [w.kind, w.amountCents])).toEqual([
      ["charge", -400],
      ["overstay", -900],
    ]);
    expect(
      (await db.debtEntry.findMany({ where: { userId: driver.id } })).map((d) => [
        d.amountCents,
        d.balanceAfterCents,
        d.reservationId,
      ]),
    ).toEqual([[300, 300, id]]);
    expect(await reservation(id)).toMatchObject({
      status: "completed",
      checkedOutAt: at(3 * HOUR_MS + 20 * MIN),
    });
    await expectConsistentDatabase();
  });

  it("pays an overstay in full from the wallet: reason overstay", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 300 });
    const { driver, plate } = await driverWithCar(2_000);
    const id = await book(driver.id, slot.id, 1);
    await garage.event({ direction: "in", plate }, T0);
    expect(await garage.event({ direction: "out", plate }, at(HOUR_MS + 16 * MIN))).toEqual({
      decision: "open",
      reason: "overstay",
      reservationId: id,
    });
    expect(await userRow(driver.id)).toMatchObject({ walletBalanceCents: 2_000 - 300 - 300 });
    await expectConsistentDatabase();
  });

  it("bills a drive-up by started hour from entry at exit, records its hours, and frees the slot", async () => {
    const garage = await createGarage();
    const slot = await garage.slot({ pricePerHourCents: 250 });
    const { driver, plate } = await driverWithCar(1_000);
    const { reservationId } = await garage.event({ direction: "in", plate }, T0);
    const answer = await garage.event({ direction: "out", plate }, at(2 * HOUR_MS + 10 * MIN));
    expect(answer).toEqual({ decision: "open", reason: "paid", reservationId });
    expect(await reservation(reservationId!)).toMatchObject({
      status: "completed",
      paymentStatus: "completed",
      durationHours: 3,
      totalAmountCents: 750,
      endTime: at(2 * HOUR_MS + 10 * MIN),
    });
    expect(await userRow(driver.id)).toMatchObject({
      walletBalanceCents: 250,
      outstandingCents: 0,
    });
    const hours = await db.utilizationStat.findMany({ where: { slotId: slot.id } });
    expect(hours.map((h) => [h.hour, h.occupancyCount, h.revenueCents])).toEqual([
      [9, 1, 250],
      [10, 1, 250],
      [11, 1, 250],
    ]);
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    // A short stay is one hour; an empty wallet owes all of it.
    const broke = await driverWithCar(250);
    const second = await garage.event({ direction: "in", plate: broke.plate }, at(3 * HOUR_MS));
    await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: broke.driver.id }, data: { walletBalanceCents: 100 } });
      await tx.walletTransaction.create({
        data: {
          userId: broke.driver.id,
          kind: "charge",
          amountCents: -150,
          balanceAfterCents: 100,
        },
      });
    });
    expect(
      await garage.event({ direction: "out", plate: broke.plate }, at(3 * HOUR_MS + 5 * MIN)),
    ).toEqual({
      decision: "open",
      reason: "owed",
      reservationId: second.reservationId,
    });
    expect(await userRow(broke.driver.id)).toMatchObject({
      walletBalanceCents: 0,
      outstandingCents: 150,
    });
    await expectConsistentDatabase();
  });

  it("opens for a car with no stay (reason no_stay) and changes nothing else", async () => {
    const garage = await createGarage();
    const { plate } = await driverWithCar(100);
    const before = await databaseSnapshot();
    expect(await garage.event({ direction: "out", plate }, T0)).toEqual({
      decision: "open",
      reason: "no_stay",
    });
    expect(await garage.event({ direction: "out", plate: "NOBODY2" }, T0)).toEqual({
      decision: "open",
      reason: "no_stay",
    });
    expect(await databaseSnapshot()).toEqual(before);
    expect(await db.gateEvent.count({ where: { locationId: garage.locationId } })).toBe(2);
  });
});

describe("passes", () => {
  it("checks a booking in and out by its pass; another garage's pass opens nothing", async () => {
    const garage = await createGarage();
    const slot = await garage.slot();
    const { driver } = await driverWithCar(2_000);
    const id = await book(driver.id, slot.id, 1);
    const pass = await signPass(id);
    expect(await garage.event({ direction: "in", pass }, T0)).toEqual({
      decision: "open",
      reason: "checked_in",
      reservationId: id,
    });
    expect(await garage.event({ direction: "out", pass }, at(30 * MIN))).toEqual({
      decision: "open",
      reason: "paid",
      reservationId: id,
    });
    const elsewhere = await createGarage();
    expect(await elsewhere.event({ direction: "in", pass }, T0)).toEqual({
      decision: "deny",
      reason: "unknown_pass",
    });
    expect(await garage.event({ direction: "in", pass: `rp_${id}.forged` }, T0)).toEqual({
      decision: "deny",
      reason: "unknown_pass",
    });
  });
});

describe("idempotency and races", () => {
  it("answers a retried eventId with the first answer, and a different body with 409 CONFLICT", async () => {
    const garage = await createGarage();
    await garage.slot({ pricePerHourCents: 100 });
    const { plate } = await driverWithCar(1_000);
    const first = await garage.event({ eventId: "dev-1", direction: "in", plate }, T0);
    const before = await databaseSnapshot();
    expect(await garage.event({ eventId: "dev-1", direction: "in", plate }, at(MIN))).toEqual(
      first,
    );
    await expectAppError(
      garage.event({ eventId: "dev-1", direction: "out", plate }, at(MIN)),
      "CONFLICT",
    );
    await expectAppError(
      garage.event({ eventId: "dev-1", direction: "in", plate, at: T0 }, at(MIN)),
      "CONFLICT",
    );
    expect(await databaseSnapshot()).toEqual(before);
    expect(await db.gateEvent.count({ where: { locationId: garage.locationId } })).toBe(1);
  });

  it("refuses an `at` more than 24 hours from the clock, writing nothing", async () => {
    const garage = await createGarage();
    const { plate } = await driverWithCar(1_000);
    for (const offset of [24 * HOUR_MS + 1, -(24 * HOUR_MS + 1)]) {
      await expectAppError(
        garage.event({ direction: "in", plate, at: at(offset) }, T0),
        "VALIDATION_ERROR",
      );
    }
    expect(await db.gateEvent.count({ where: { locationId: garage.locationId } })).toBe(0);
    // A late event within the window is decided at its own time.
    const late = await garage.event({ direction: "out", plate, at: at(-23 * HOUR_MS) }, T0);
    expect(late).toEqual({ decision: "open", reason: "no_stay" });
  });
});

describeGateRaces(T0);
