// Time moves reservations on (injected clock, no sleeps), and cancelling refunds.
import { beforeEach, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import {
  advanceReservations,
  resetSweepThrottle,
  sweepExpiredReservations,
} from "@/lib/reservations/expiry";
import { cancelReservation, endReservation, reserveSlot } from "@/lib/reservations/service";
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

const T = new Date("2033-07-01T08:00:00.000Z");

async function status(id: number) {
  return (await db.reservation.findUniqueOrThrow({ where: { id } })).status;
}
async function slotFree(id: number) {
  return (await db.parkingSlot.findUniqueOrThrow({ where: { id } })).isAvailable;
}

beforeEach(() => resetSweepThrottle());

describe("upcoming → active → completed", () => {
  it("starts at its start time and completes at its end, driven by the sweep's clock", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 2, startTime: at(T, HOUR_MS) },
      T,
    );

    await sweepExpiredReservations(at(T, HOUR_MS - 1));
    expect(await status(reservation.id)).toBe("upcoming");
    expect(await slotFree(slot.id)).toBe(true);

    resetSweepThrottle();
    await sweepExpiredReservations(at(T, HOUR_MS));
    expect(await status(reservation.id)).toBe("active");
    expect(await slotFree(slot.id)).toBe(false);
    await expectConsistent();

    resetSweepThrottle();
    await sweepExpiredReservations(at(T, 3 * HOUR_MS));
    expect(await status(reservation.id)).toBe("completed");
    expect(await slotFree(slot.id)).toBe(true);
    await expectConsistent();
  });

  it("hands a slot from one reservation straight to the next without freeing it", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const first = await reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, T);
    const next = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(T, HOUR_MS) },
      T,
    );

    await transaction((tx) => advanceReservations(tx, at(T, HOUR_MS)));

    expect(await status(first.reservation.id)).toBe("completed");
    expect(await status(next.reservation.id)).toBe("active");
    expect(await slotFree(slot.id)).toBe(false);
    await expectConsistent();
  });

  it("completes one whose whole window passed while nothing ran (a restart)", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(T, HOUR_MS) },
      T,
    );
    // The process "restarts": nothing in memory, only the stored times count.
    resetSweepThrottle();
    await sweepExpiredReservations(at(T, DAY_MS));
    expect(await status(reservation.id)).toBe("completed");
    expect(await slotFree(slot.id)).toBe(true);
    await expectConsistent();
  });

  it("ending an upcoming reservation answers RESERVATION_NOT_ACTIVE; once started it ends early with no refund", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 3, startTime: at(T, HOUR_MS) },
      T,
    );
    await expectAppError(endReservation(driver, reservation.id, T), "RESERVATION_NOT_ACTIVE");
    // Its start passed unswept: ending starts it, then ends it.
    const ended = await endReservation(driver, reservation.id, at(T, 2 * HOUR_MS));
    expect(ended).toMatchObject({ status: "completed", endTime: at(T, 2 * HOUR_MS).toISOString() });
    expect(await walletOf(driver.id)).toBe(700);
    expect(await slotFree(slot.id)).toBe(true);
    await expectConsistent();
  });
});

describe("cancelReservation", () => {
  it("refunds in full: ledger refund row, payment and reservation refunded, utilization reversed", async () => {
    const slot = await createSlot({ pricePerHourCents: 350 });
    const driver = await createDriver({ balanceCents: 2000 });
    const statsBefore = await db.utilizationStat.findMany({ orderBy: { id: "asc" } });
    const { reservation, payment } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 3, startTime: at(T, DAY_MS + 30 * 60_000) },
      T,
    );
    expect(await walletOf(driver.id)).toBe(950);

    const result = await cancelReservation(driver, reservation.id, at(T, HOUR_MS));

    expect(result.reservation).toMatchObject({
      id: reservation.id,
      status: "cancelled",
      paymentStatus: "refunded",
    });
    expect(result.payment).toMatchObject({ id: payment.id, paymentStatus: "refunded" });
    expect(result.walletBalanceCents).toBe(2000);
    expect(await walletOf(driver.id)).toBe(2000);
    const refunds = await db.walletTransaction.findMany({
      where: { reservationId: reservation.id, kind: "refund" },
    });
    expect(refunds).toMatchObject([
      { userId: driver.id, amountCents: 1050, balanceAfterCents: 2000, paymentId: payment.id },
    ]);
    expect(await db.utilizationStat.findMany({ orderBy: { id: "asc" } })).toEqual(statsBefore);
    expect(await slotFree(slot.id)).toBe(true);
    await expectConsistent();
  });

  it("cancelling twice refunds once (the second gets RESERVATION_NOT_ACTIVE)", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(T, DAY_MS) },
      T,
    );
    const results = await Promise.allSettled([
      cancelReservation(driver, reservation.id, T),
      cancelReservation(driver, reservation.id, T),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expectAppError(cancelReservation(driver, reservation.id, T), "RESERVATION_NOT_ACTIVE");
    expect(await walletOf(driver.id)).toBe(1000);
    await expectConsistent();
  });

  it("refuses active and ended reservations with RESERVATION_NOT_ACTIVE and changes nothing", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const active = await reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, T);
    const before = await databaseSnapshot();
    await expectAppError(
      cancelReservation(driver, active.reservation.id, T),
      "RESERVATION_NOT_ACTIVE",
    );
    expect(await databaseSnapshot()).toEqual(before);
    await endReservation(driver, active.reservation.id, at(T, 60_000));
    await expectAppError(
      cancelReservation(driver, active.reservation.id, at(T, 60_000)),
      "RESERVATION_NOT_ACTIVE",
    );
    // An upcoming one whose start has come (unswept) is active now: not cancellable.
    const soon = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(T, 2 * HOUR_MS) },
      T,
    );
    await expectAppError(
      cancelReservation(driver, soon.reservation.id, at(T, 2 * HOUR_MS)),
      "RESERVATION_NOT_ACTIVE",
    );
    expect(await status(soon.reservation.id)).toBe("active");
    await expectConsistent();
  });

  it("hides another driver's reservation (NOT_FOUND); staff may cancel anyone's, refunding the owner", async () => {
    const slot = await createSlot({ pricePerHourCents: 100 });
    const owner = await createDriver({ balanceCents: 1000 });
    const other = await createDriver({ balanceCents: 1000 });
    const staff = await createStaff();
    const { reservation } = await reserveSlot(
      owner,
      { slotId: slot.id, durationHours: 2, startTime: at(T, DAY_MS) },
      T,
    );
    await expectAppError(cancelReservation(other, reservation.id, T), "NOT_FOUND");
    await expectAppError(cancelReservation(other, 999_999, T), "NOT_FOUND");
    const result = await cancelReservation(staff, reservation.id, T);
    expect(result.walletBalanceCents).toBe(1000);
    expect(await walletOf(owner.id)).toBe(1000);
    expect(await walletOf(staff.id)).toBe(0);
    await expectConsistent();
  });
});
