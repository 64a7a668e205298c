// The expiry sweep's gate rules on a real database: at a location that requires check-in,
// a booking not checked in 30 minutes after its start becomes a no-show (slot released,
// half refunded, later hours off utilization); elsewhere nothing changes; a drive-up is
// completed only at its provisional end, and its exit still bills it.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { advanceReservations } from "@/lib/reservations/expiry";
import { reserveSlot } from "@/lib/reservations/service";
import { expectConsistentDatabase, HOUR_MS } from "../builders";
import { createGarage, driverWithCar, userRow } from "./gate-fixtures";

const MIN = 60_000;
const T0 = new Date("2031-05-20T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const sweep = (now: Date) => transaction((tx) => advanceReservations(tx, now));
const reservation = (id: number) => db.reservation.findUniqueOrThrow({ where: { id } });

async function bookAt(requiresCheckIn: boolean, startsIn = 0) {
  const garage = await createGarage(requiresCheckIn);
  const slot = await garage.slot({ pricePerHourCents: 301 });
  const car = await driverWithCar(1_000);
  const { reservation: booked } = await reserveSlot(
    car.driver,
    {
      slotId: slot.id,
      durationHours: 2,
      startTime: startsIn === 0 ? undefined : new Date(T0.getTime() + startsIn),
    },
    T0,
  );
  return { garage, slot, car, id: booked.id, start: new Date(T0.getTime() + startsIn) };
}

describe("no-shows", () => {
  it("releases a booking not checked in 30 minutes after its start and refunds half", async () => {
    const { slot, car, id } = await bookAt(true);
    await sweep(at(29 * MIN));
    expect((await reservation(id)).status).toBe("active");
    await sweep(at(30 * MIN));
    expect(await reservation(id)).toMatchObject({ status: "no_show", paymentStatus: "completed" });
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    // 602 paid, 301 back.
    expect(await userRow(car.driver.id)).toMatchObject({ walletBalanceCents: 1_000 - 602 + 301 });
    const refund = await db.walletTransaction.findMany({
      where: { reservationId: id, kind: "refund" },
    });
    expect(refund.map((r) => r.amountCents)).toEqual([301]);
    const hours = await db.utilizationStat.findMany({ where: { slotId: slot.id } });
    expect(hours.map((h) => [h.hour, h.occupancyCount, h.revenueCents])).toEqual([[8, 1, 301]]);
    // Once only.
    await sweep(at(3 * HOUR_MS));
    expect(await db.walletTransaction.count({ where: { reservationId: id, kind: "refund" } })).toBe(
      1,
    );
    await expectConsistentDatabase();
  });

  it("marks an upcoming booking the sweep never started, without touching its slot", async () => {
    const { slot, id } = await bookAt(true, HOUR_MS);
    await sweep(at(HOUR_MS + 31 * MIN));
    expect((await reservation(id)).status).toBe("no_show");
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    await expectConsistentDatabase();
  });

  it("keeps a checked-in booking, and changes nothing where check-in is not required", async () => {
    const checked = await bookAt(true);
    await checked.garage.event({ direction: "in", plate: checked.car.plate }, at(10 * MIN));
    const elsewhere = await bookAt(false);
    await sweep(at(40 * MIN));
    expect((await reservation(checked.id)).status).toBe("active");
    expect((await reservation(elsewhere.id)).status).toBe("active");
    expect(await userRow(elsewhere.car.driver.id)).toMatchObject({ walletBalanceCents: 398 });
    await expectConsistentDatabase();
  });

  it("a refund pays what the account owes first", async () => {
    const { car, id } = await bookAt(true);
    await transaction(async (tx) => {
      await tx.user.update({ where: { id: car.driver.id }, data: { outstandingCents: 100 } });
      await tx.debtEntry.create({
        data: { userId: car.driver.id, amountCents: 100, balanceAfterCents: 100 },
      });
    });
    await sweep(at(30 * MIN));
    expect((await reservation(id)).status).toBe("no_show");
    expect(await userRow(car.driver.id)).toMatchObject({
      walletBalanceCents: 1_000 - 602 + 301 - 100,
      outstandingCents: 0,
    });
    await expectConsistentDatabase();
  });
});

describe("drive-ups and the sweep", () => {
  it("completes a drive-up only at its provisional end; the exit still bills the whole stay", async () => {
    const garage = await createGarage(true);
    const slot = await garage.slot({ pricePerHourCents: 100 });
    const car = await driverWithCar(5_000);
    const { reservationId } = await garage.event({ direction: "in", plate: car.plate }, T0);
    await sweep(at(23 * HOUR_MS));
    expect((await reservation(reservationId!)).status).toBe("active");
    await sweep(at(24 * HOUR_MS));
    expect((await reservation(reservationId!)).status).toBe("completed");
    expect((await db.parkingSlot.findUniqueOrThrow({ where: { id: slot.id } })).isAvailable).toBe(
      true,
    );
    const exit = await garage.event(
      { direction: "out", plate: car.plate },
      at(25 * HOUR_MS + 5 * MIN),
    );
    expect(exit).toEqual({ decision: "open", reason: "paid", reservationId });
    expect(await reservation(reservationId!)).toMatchObject({
      durationHours: 26,
      totalAmountCents: 2_600,
      paymentStatus: "completed",
    });
    expect(await userRow(car.driver.id)).toMatchObject({ walletBalanceCents: 5_000 - 2_600 });
    await expectConsistentDatabase();
  });
});
