// An extension with an Idempotency-Key, on a real database: the same key and request again
// answers the first result and extends once (also when the repeats run concurrently); the
// same key with another request, or one a reservation was made with, is refused as reused.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { extendReservation } from "@/lib/reservations/extend";
import {
  HOUR_MS,
  createDriver,
  createSlot,
  createStaff,
  databaseSnapshot,
  expectAppError,
  expectConsistentDatabase,
  unique,
  walletOf,
} from "../builders";

const T0 = new Date("2031-04-14T08:00:00.000Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

async function running() {
  const slot = await createSlot({ pricePerHourCents: 300 });
  const driver = await createDriver({ balanceCents: 5000 });
  const { reservation } = await reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, T0);
  return { slot, driver, reservation };
}

const extensionsOf = (reservationId: number) =>
  db.payment.count({ where: { reservationId, kind: "extension" } });

describe("extendReservation with an Idempotency-Key", () => {
  it("answers the first result again and extends once", async () => {
    const { driver, reservation } = await running();
    const idempotencyKey = `k-${unique()}`;
    const first = await extendReservation(
      driver,
      reservation.id,
      { hours: 1, idempotencyKey },
      at(60_000),
    );
    const before = await databaseSnapshot();
    const again = await extendReservation(
      driver,
      reservation.id,
      { hours: 1, idempotencyKey },
      at(120_000),
    );
    expect(again).toEqual(first);
    expect(await databaseSnapshot()).toEqual(before);
    expect(await extensionsOf(reservation.id)).toBe(1);
    expect(await walletOf(driver.id)).toBe(5000 - 900);
    await expectConsistentDatabase();
  });

  it("answers a concurrent repeat the same and extends once", async () => {
    const { driver, reservation } = await running();
    const idempotencyKey = `k-${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        extendReservation(driver, reservation.id, { hours: 1, idempotencyKey }, at(60_000)),
      ),
    );
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    expect(await extensionsOf(reservation.id)).toBe(1);
    expect(await walletOf(driver.id)).toBe(5000 - 900);
    await expectConsistentDatabase();
  });

  it("refuses the key with another request, another reservation or a reservation's key", async () => {
    const { slot, driver, reservation } = await running();
    const idempotencyKey = `k-${unique()}`;
    await extendReservation(driver, reservation.id, { hours: 1, idempotencyKey }, at(60_000));
    const second = await createSlot({ pricePerHourCents: 300 });
    const other = await reserveSlot(driver, { slotId: second.id, durationHours: 1 }, T0);
    const reserveKey = `k-${unique()}`;
    const third = await createSlot({ pricePerHourCents: 300 });
    await reserveSlot(
      driver,
      { slotId: third.id, durationHours: 1, idempotencyKey: reserveKey },
      at(60_000),
    );
    const before = await databaseSnapshot();
    const now = at(120_000);
    for (const run of [
      () => extendReservation(driver, reservation.id, { hours: 2, idempotencyKey }, now),
      () =>
        extendReservation(
          driver,
          reservation.id,
          { hours: 1, expectedTotalCents: 300, idempotencyKey },
          now,
        ),
      () => extendReservation(driver, other.reservation.id, { hours: 1, idempotencyKey }, now),
      () =>
        extendReservation(driver, reservation.id, { hours: 1, idempotencyKey: reserveKey }, now),
      () =>
        reserveSlot(
          driver,
          { slotId: slot.id, durationHours: 1, startTime: at(5 * HOUR_MS), idempotencyKey },
          now,
        ),
    ]) {
      await expectAppError(run(), "CONFLICT");
    }
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("a key staff use for a driver's reservation is the driver's", async () => {
    const { driver, reservation } = await running();
    const staff = await createStaff();
    const idempotencyKey = `k-${unique()}`;
    const first = await extendReservation(
      staff,
      reservation.id,
      { hours: 1, idempotencyKey },
      at(60_000),
    );
    const again = await extendReservation(
      driver,
      reservation.id,
      { hours: 1, idempotencyKey },
      at(60_000),
    );
    expect(again).toEqual(first);
    expect(await extensionsOf(reservation.id)).toBe(1);
  });
});
