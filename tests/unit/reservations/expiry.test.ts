// Reservations end on their own. Every clock here is explicit (the domain takes `now`),
// so nothing sleeps and nothing depends on when the test runs.
import { beforeEach, describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import {
  completeExpiredReservations,
  resetSweepThrottle,
  sweepExpiredReservations,
} from "@/lib/reservations/expiry";
import { endReservation, reserveSlot } from "@/lib/reservations/service";
import { getAvailability, searchSlots } from "@/lib/slots/queries";
import { HOUR_MS, createDriver, createSlot, expectConsistentDatabase, slotRow } from "../builders";

const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

async function reservationStatus(id: number) {
  return (await db.reservation.findUniqueOrThrow({ where: { id } })).status;
}

async function book(start: Date, durationHours: number) {
  const slot = await createSlot({ pricePerHourCents: 100 });
  const driver = await createDriver({ balanceCents: 100 * durationHours });
  const { reservation } = await reserveSlot(driver, { slotId: slot.id, durationHours }, start);
  return { slot, driver, reservation };
}

// Each test starts with no running reservations and a forgotten throttle, so the
// counts a sweep returns are this test's alone.
beforeEach(async () => {
  await transaction((tx) => completeExpiredReservations(tx, new Date("2100-01-01T00:00:00Z")));
  resetSweepThrottle();
});

describe("completeExpiredReservations", () => {
  it("completes the reservations whose end has passed and frees their slots, and only those", async () => {
    const t = new Date("2032-02-02T10:00:00.000Z");
    const short = await book(t, 1);
    const long = await book(t, 3);
    const ended = await book(t, 2);
    await endReservation(ended.driver, ended.reservation.id, at(t, 30 * 60_000));

    const count = await transaction((tx) => completeExpiredReservations(tx, at(t, 2 * HOUR_MS)));

    expect(count).toBe(1);
    expect(await reservationStatus(short.reservation.id)).toBe("completed");
    expect((await slotRow(short.slot.id)).isAvailable).toBe(true);
    // Its end time stays the booked one: it ran its full course.
    const stored = await db.reservation.findUniqueOrThrow({ where: { id: short.reservation.id } });
    expect(stored.endTime).toEqual(at(t, HOUR_MS));

    expect(await reservationStatus(long.reservation.id)).toBe("active");
    expect((await slotRow(long.slot.id)).isAvailable).toBe(false);
    const endedRow = await db.reservation.findUniqueOrThrow({
      where: { id: ended.reservation.id },
    });
    expect(endedRow.endTime).toEqual(at(t, 30 * 60_000));
    await expectConsistentDatabase();
  });

  it("counts a reservation as over at exactly its end time, not a moment before", async () => {
    const t = new Date("2032-02-03T10:00:00.000Z");
    const { reservation, slot } = await book(t, 2);

    expect(await transaction((tx) => completeExpiredReservations(tx, at(t, 2 * HOUR_MS - 1)))).toBe(
      0,
    );
    expect(await reservationStatus(reservation.id)).toBe("active");

    expect(await transaction((tx) => completeExpiredReservations(tx, at(t, 2 * HOUR_MS)))).toBe(1);
    expect(await reservationStatus(reservation.id)).toBe("completed");
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
  });

  it("returns 0 and writes nothing when nothing is due", async () => {
    expect(
      await transaction((tx) => completeExpiredReservations(tx, new Date("2000-01-01T00:00:00Z"))),
    ).toBe(0);
  });
});

describe("sweepExpiredReservations", () => {
  it("skips sweeps within a second of the last one and sweeps again after it", async () => {
    const t = new Date("2032-03-04T10:00:00.000Z");
    const early = await book(t, 1);
    const late = await book(t, 1);
    await transaction((tx) =>
      tx.reservation.update({
        where: { id: late.reservation.id },
        data: { endTime: at(t, HOUR_MS + 500) },
      }),
    );

    expect(await sweepExpiredReservations(at(t, HOUR_MS))).toBe(1);
    expect(await reservationStatus(early.reservation.id)).toBe("completed");
    // The late one is due half a second after the first sweep, but until a full second
    // has passed the sweep does not look.
    expect(await sweepExpiredReservations(at(t, HOUR_MS + 500))).toBe(0);
    expect(await sweepExpiredReservations(at(t, HOUR_MS + 999))).toBe(0);
    expect(await reservationStatus(late.reservation.id)).toBe("active");
    expect(await sweepExpiredReservations(at(t, HOUR_MS + 1_000))).toBe(1);
    expect(await reservationStatus(late.reservation.id)).toBe("completed");
    expect((await slotRow(late.slot.id)).isAvailable).toBe(true);
    await expectConsistentDatabase();
  });

  it("is not blocked by a clock that moved backwards", async () => {
    const t = new Date("2032-03-05T10:00:00.000Z");
    expect(await sweepExpiredReservations(at(t, 10 * HOUR_MS))).toBe(0);
    const { reservation } = await book(t, 1);

    expect(await sweepExpiredReservations(at(t, HOUR_MS))).toBe(1);
    expect(await reservationStatus(reservation.id)).toBe("completed");
  });

  it("runs at once after resetSweepThrottle", async () => {
    const t = new Date("2032-03-06T10:00:00.000Z");
    expect(await sweepExpiredReservations(at(t, HOUR_MS))).toBe(0);
    const { reservation } = await book(t, 1);

    expect(await sweepExpiredReservations(at(t, HOUR_MS + 1))).toBe(0);
    expect(await reservationStatus(reservation.id)).toBe("active");
    resetSweepThrottle();
    expect(await sweepExpiredReservations(at(t, HOUR_MS + 2))).toBe(1);
    expect(await reservationStatus(reservation.id)).toBe("completed");
  });
});

describe("read paths sweep first", () => {
  it("getAvailability counts a slot whose time is up as available", async () => {
    const t = new Date("2032-04-04T10:00:00.000Z");
    const { slot } = await book(t, 1);
    const before = await getAvailability(at(t, 30 * 60_000));
    const after = await getAvailability(at(t, HOUR_MS));
    expect(after.available).toBe(before.available + 1);
    expect(after.occupied).toBe(before.occupied - 1);
    expect((await slotRow(slot.id)).isAvailable).toBe(true);
  });

  it("searchSlots lists a slot whose reservation ended on the real clock", async () => {
    const anHourAgo = new Date(Date.now() - 90 * 60_000);
    const { slot, reservation } = await book(anHourAgo, 1);

    const { slots } = await searchSlots({ available: "true", limit: 500, offset: 0 });

    expect(slots.map((s) => s.id)).toContain(slot.id);
    expect(await reservationStatus(reservation.id)).toBe("completed");
  });
});
