import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listReservations } from "@/lib/reservations/queries";
import { endReservation, reserveSlot } from "@/lib/reservations/service";
import {
  HOUR_MS,
  createDriver,
  createSlot,
  createSlots,
  createStaff,
  expectAppError,
  expectConsistentDatabase,
  slotRow,
  walletOf,
} from "../builders";

// Future clocks: the sweeps that list queries run on the real clock leave these alone.
const T0 = new Date("2031-06-01T08:00:00.000Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
const LATER = new Date("2031-07-01T08:00:00.000Z");

async function bookedSlot(balanceCents = 2000) {
  const slot = await createSlot({ pricePerHourCents: 400 });
  const driver = await createDriver({ balanceCents });
  const { reservation } = await reserveSlot(driver, { slotId: slot.id, durationHours: 3 }, T0);
  return { slot, driver, reservation };
}

describe("endReservation", () => {
  it("lets the owner end it now: completed, end time = now, slot free at once", async () => {
    const { slot, driver, reservation } = await bookedSlot();
    const endedAt = at(50 * 60_000);

    const ended = await endReservation(driver, reservation.id, endedAt);

    expect(ended).toEqual({
      ...reservation,
      status: "completed",
      endTime: endedAt.toISOString(),
    });
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
    // Paid in full, nothing refunded (the contract has no refunds for ending early).
    expect(await walletOf(driver.id)).toBe(800);
    const payment = await db.payment.findFirstOrThrow({ where: { reservationId: reservation.id } });
    expect(payment.paymentStatus).toBe("completed");

    // Free at once: someone else can book it in the same instant.
    const next = await createDriver({ balanceCents: 400 });
    const rebooked = await reserveSlot(next, { slotId: slot.id, durationHours: 1 }, endedAt);
    expect(rebooked.reservation.slotId).toBe(slot.id);
    await expectConsistentDatabase();
  });

  it("hides another driver's reservation: NOT_FOUND, and it keeps running", async () => {
    const { slot, reservation } = await bookedSlot();
    const stranger = await createDriver();

    await expectAppError(endReservation(stranger, reservation.id, at(HOUR_MS)), "NOT_FOUND");

    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.status).toBe("active");
    expect((await slotRow(slot.id)).isAvailable).toBe(false);
  });

  it("hides another driver's ended reservation too (NOT_FOUND, not RESERVATION_NOT_ACTIVE)", async () => {
    const { driver, reservation } = await bookedSlot();
    await endReservation(driver, reservation.id, at(HOUR_MS));
    const stranger = await createDriver();
    await expectAppError(endReservation(stranger, reservation.id, at(HOUR_MS)), "NOT_FOUND");
  });

  it("lets staff end anyone's reservation", async () => {
    const { slot, reservation } = await bookedSlot();
    const staff = await createStaff();

    const ended = await endReservation(staff, reservation.id, at(HOUR_MS));

    expect(ended.status).toBe("completed");
    expect(ended.userId).toBe(reservation.userId);
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
  });

  it("refuses to end a reservation twice with RESERVATION_NOT_ACTIVE, keeping the first end", async () => {
    const { driver, reservation } = await bookedSlot();
    const staff = await createStaff();
    await endReservation(driver, reservation.id, at(HOUR_MS));

    await expectAppError(
      endReservation(driver, reservation.id, at(2 * HOUR_MS)),
      "RESERVATION_NOT_ACTIVE",
    );
    await expectAppError(
      endReservation(staff, reservation.id, at(2 * HOUR_MS)),
      "RESERVATION_NOT_ACTIVE",
    );

    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.endTime).toEqual(at(HOUR_MS));
  });

  it("answers RESERVATION_NOT_ACTIVE for one whose time ran out, completing it as the sweep would", async () => {
    const { slot, driver, reservation } = await bookedSlot();

    await expectAppError(
      endReservation(driver, reservation.id, at(4 * HOUR_MS)),
      "RESERVATION_NOT_ACTIVE",
    );

    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.status).toBe("completed");
    expect(stored.endTime).toEqual(at(3 * HOUR_MS));
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
    await expectConsistentDatabase();
  });

  it("answers NOT_FOUND for an id that does not exist, to drivers and staff", async () => {
    const driver = await createDriver();
    const staff = await createStaff();
    await expectAppError(endReservation(driver, 777_777), "NOT_FOUND");
    await expectAppError(endReservation(staff, 777_777), "NOT_FOUND");
  });
});

describe("listReservations", () => {
  it("lists newest first, filters by status, pages, and shows drivers only their own", async () => {
    const slots = await createSlots(4, { pricePerHourCents: 100 });
    const driver = await createDriver({ balanceCents: 1000 });
    const other = await createDriver({ balanceCents: 1000 });
    const staff = await createStaff();
    // Made one minute apart, so "newest first" has one right answer.
    const made = [];
    for (const [i, slot] of slots.entries()) {
      const owner = i === 2 ? other : driver;
      const { reservation } = await reserveSlot(
        owner,
        { slotId: slot.id, durationHours: 2 },
        new Date(LATER.getTime() + i * 60_000),
      );
      made.push(reservation);
    }
    await endReservation(driver, made[0]!.id, new Date(LATER.getTime() + HOUR_MS));
    const page = { limit: 50, offset: 0 };
    const ids = (r: { reservations: { id: number }[] }) => r.reservations.map((x) => x.id);
    const [r0, r1, r2, r3] = made.map((r) => r.id);

    const own = await listReservations(driver, { ...page, status: "all" });
    expect(ids(own)).toEqual([r3, r1, r0]);
    expect(own.total).toBe(3);
    expect(ids(await listReservations(driver, { ...page, status: "active" }))).toEqual([r3, r1]);
    expect(ids(await listReservations(driver, { ...page, status: "completed" }))).toEqual([r0]);
    expect(ids(await listReservations(driver, { ...page, status: "cancelled" }))).toEqual([]);
    // A driver may name themselves, not anyone else.
    expect(
      ids(await listReservations(driver, { ...page, status: "all", userId: driver.id })),
    ).toEqual([r3, r1, r0]);
    await expectAppError(
      listReservations(driver, { ...page, status: "all", userId: other.id }),
      "FORBIDDEN",
    );

    // Staff see everyone's: this file's earlier reservations (made before LATER) follow.
    const everyone = await listReservations(staff, { ...page, status: "all" });
    expect(ids(everyone).slice(0, 4)).toEqual([r3, r2, r1, r0]);
    expect(everyone.total).toBe(await db.reservation.count());
    expect(
      ids(await listReservations(staff, { ...page, status: "all", userId: other.id })),
    ).toEqual([r2]);

    const second = await listReservations(staff, { status: "all", limit: 2, offset: 2 });
    expect(ids(second)).toEqual([r1, r0]);
    expect(second.total).toBe(everyone.total);
    expect(second.reservations[0]).toEqual(made[1]);
  });
});
