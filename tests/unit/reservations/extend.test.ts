// Extending a stay on a real database: the added hours are charged at the quote for them,
// with an `extension` payment and ledger row and their utilization, in the transaction that
// moves the end; every refusal writes nothing; racing extensions and bookings for one
// window end with exactly one winner; and owing money blocks both extending and booking.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { extendReservation } from "@/lib/reservations/extend";
import { quoteForSlot } from "@/lib/pricing/service";
import { AppError } from "@/lib/errors";
import {
  HOUR_MS,
  createDriver,
  createSlot,
  createStaff,
  databaseSnapshot,
  expectAppError,
  expectConsistentDatabase,
  walletOf,
  type TestUser,
} from "../builders";

const T0 = new Date("2031-03-10T09:15:00.000Z");
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

/** A driver's running 2-hour reservation from T0 on a fresh 300-cent slot. */
async function running(balanceCents = 5000) {
  const slot = await createSlot({ pricePerHourCents: 300 });
  const driver = await createDriver({ balanceCents });
  const { reservation } = await reserveSlot(driver, { slotId: slot.id, durationHours: 2 }, T0);
  return { slot, driver, reservation };
}

/** Makes the user owe `cents`, with its debt ledger row (as an exit bill would). */
async function owe(user: TestUser, cents: number) {
  await transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { outstandingCents: { increment: cents } },
    });
    await tx.debtEntry.create({
      data: { userId: user.id, amountCents: cents, balanceAfterCents: updated.outstandingCents },
    });
  });
}

describe("extendReservation", () => {
  it("grows a running reservation, charges the added hours and records them", async () => {
    const { slot, driver, reservation } = await running();
    const now = at(30 * 60_000);
    const quote = await quoteForSlot(
      db,
      { slotId: slot.id, startTime: at(2 * HOUR_MS), durationHours: 1 },
      now,
    );
    const result = await extendReservation(
      driver,
      reservation.id,
      { hours: 1, expectedTotalCents: quote.totalCents },
      now,
    );
    expect(result.reservation).toMatchObject({
      id: reservation.id,
      startTime: T0.toISOString(),
      endTime: at(3 * HOUR_MS).toISOString(),
      durationHours: 3,
      totalAmountCents: 900,
      status: "active",
      kind: "booked",
    });
    expect(result.payment).toMatchObject({
      reservationId: reservation.id,
      amountCents: 300,
      paymentStatus: "completed",
    });
    expect(result.walletBalanceCents).toBe(5000 - 900);
    expect(await walletOf(driver.id)).toBe(4100);
    const payment = await db.payment.findUniqueOrThrow({ where: { id: result.payment.id } });
    expect(payment.kind).toBe("extension");
    const ledger = await db.walletTransaction.findMany({
      where: { reservationId: reservation.id },
      orderBy: { id: "asc" },
    });
    expect(ledger.map((e) => [e.kind, e.amountCents, e.paymentId])).toEqual([
      ["charge", -600, expect.any(Number)],
      ["extension", -300, payment.id],
    ]);
    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.hourlyCents).toBe("[300,300,300]");
    const hours = await db.utilizationStat.findMany({
      where: { slotId: slot.id },
      orderBy: { hour: "asc" },
    });
    expect(hours.map((h) => [h.hour, h.occupancyCount, h.revenueCents])).toEqual([
      [9, 1, 300],
      [10, 1, 300],
      [11, 1, 300],
    ]);
    // What GET /api/reservations shows.
    const listed = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(listed.endTime).toEqual(at(3 * HOUR_MS));
    await expectConsistentDatabase();
  });

  it("staff at the location may extend a driver's reservation; another driver may not see it", async () => {
    const { driver, reservation } = await running();
    const staff = await createStaff();
    const result = await extendReservation(staff, reservation.id, { hours: 2 }, at(60_000));
    expect(result.reservation.endTime).toBe(at(4 * HOUR_MS).toISOString());
    expect(await walletOf(driver.id)).toBe(5000 - 1200);
    const stranger = await createDriver({ balanceCents: 5000 });
    await expectAppError(
      extendReservation(stranger, reservation.id, { hours: 1 }, at(60_000)),
      "NOT_FOUND",
    );
  });

  it("refuses with the contract's code and writes nothing", async () => {
    const cases: [string, () => Promise<{ id: number; run: () => Promise<unknown> }>, string][] = [
      [
        "the next hour booked",
        async () => {
          const { slot, driver, reservation } = await running();
          const other = await createDriver({ balanceCents: 5000 });
          await reserveSlot(
            other,
            { slotId: slot.id, durationHours: 1, startTime: at(2 * HOUR_MS) },
            T0,
          );
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
          };
        },
        "NOT_EXTENDABLE",
      ],
      [
        "a reservation that ended",
        async () => {
          const { driver, reservation } = await running();
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 1 }, at(3 * HOUR_MS)),
          };
        },
        "RESERVATION_NOT_ACTIVE",
      ],
      [
        "a price that moved",
        async () => {
          const { driver, reservation } = await running();
          return {
            id: reservation.id,
            run: () =>
              extendReservation(
                driver,
                reservation.id,
                { hours: 1, expectedTotalCents: 299 },
                at(60_000),
              ),
          };
        },
        "PRICE_CHANGED",
      ],
      [
        "a wallet that does not cover it",
        async () => {
          const { driver, reservation } = await running(700);
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
          };
        },
        "INSUFFICIENT_FUNDS",
      ],
      [
        "an owner who owes money",
        async () => {
          const { driver, reservation } = await running();
          await owe(driver, 150);
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
          };
        },
        "OUTSTANDING_BALANCE",
      ],
      [
        "0 hours",
        async () => {
          const { driver, reservation } = await running();
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 0 }, at(60_000)),
          };
        },
        "VALIDATION_ERROR",
      ],
      [
        "25 hours",
        async () => {
          const { driver, reservation } = await running();
          return {
            id: reservation.id,
            run: () => extendReservation(driver, reservation.id, { hours: 25 }, at(60_000)),
          };
        },
        "VALIDATION_ERROR",
      ],
    ];
    for (const [name, setup, code] of cases) {
      const { id, run } = await setup();
      const before = await databaseSnapshot();
      const row = await db.reservation.findUniqueOrThrow({ where: { id } });
      const error = await run().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(AppError);
      expect((error as AppError).code, name).toBe(code);
      expect(await databaseSnapshot(), name).toEqual(before);
      expect(await db.reservation.findUniqueOrThrow({ where: { id } }), name).toEqual(row);
    }
    await expectConsistentDatabase();
  });

  it("a cancelled reservation is not active", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 5000 });
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 1, startTime: at(5 * HOUR_MS) },
      T0,
    );
    await db.reservation.update({ where: { id: reservation.id }, data: { status: "cancelled" } });
    await expectAppError(
      extendReservation(driver, reservation.id, { hours: 1 }, T0),
      "RESERVATION_NOT_ACTIVE",
    );
  });

  it("two extensions racing for the one free hour: exactly one wins", async () => {
    const { slot, driver, reservation } = await running();
    const other = await createDriver({ balanceCents: 5000 });
    await reserveSlot(other, { slotId: slot.id, durationHours: 1, startTime: at(3 * HOUR_MS) }, T0);
    const outcomes = await Promise.allSettled([
      extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
      extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as AppError] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(["NOT_EXTENDABLE"]);
    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(stored.endTime).toEqual(at(3 * HOUR_MS));
    expect(await walletOf(driver.id)).toBe(5000 - 900);
    await expectConsistentDatabase();
  });

  it("an extension and a booking racing for the same window: exactly one wins", async () => {
    const { slot, driver, reservation } = await running();
    const other = await createDriver({ balanceCents: 5000 });
    const outcomes = await Promise.allSettled([
      reserveSlot(
        other,
        { slotId: slot.id, durationHours: 1, startTime: at(2 * HOUR_MS) },
        at(60_000),
      ),
      extendReservation(driver, reservation.id, { hours: 1 }, at(60_000)),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const holding = await db.reservation.count({
      where: { slotId: slot.id, status: { in: ["upcoming", "active"] } },
    });
    const stored = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
    expect(holding + (stored.endTime > at(2 * HOUR_MS) ? 1 : 0)).toBe(2);
    await expectConsistentDatabase();
  });
});

describe("owing money", () => {
  it("blocks a new reservation with OUTSTANDING_BALANCE and writes nothing", async () => {
    const slot = await createSlot();
    const driver = await createDriver({ balanceCents: 5000 });
    await owe(driver, 400);
    const before = await databaseSnapshot();
    const error = await expectAppError(
      reserveSlot(driver, { slotId: slot.id, durationHours: 1 }, T0),
      "OUTSTANDING_BALANCE",
    );
    expect(error.details).toEqual({ outstandingCents: 400 });
    expect(await databaseSnapshot()).toEqual(before);
  });
});
