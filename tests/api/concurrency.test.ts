// Real parallel HTTP requests against one server: one slot cannot be sold twice, one wallet
// cannot be overdrawn, and the database invariants hold afterwards.
import { describe, expect, it } from "vitest";
import { registerDriver, registerDrivers, type ApiResponse } from "./client";
import { expectInvariants, rows, scalar, walletBalance } from "./db";
import { newSlot } from "./booking-fixtures";
import { allSlots, endAsStaff, freeSlot, freeSlots, reserve } from "./fixtures";
import {
  AddBalanceBody,
  expectError,
  expectOk,
  ReservationBody,
  ReserveBody,
  type Slot,
} from "./schemas";

function statusCounts(responses: ApiResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function activeReservationsOn(slotId: number): Promise<{ id: number; user_id: number }[]> {
  return rows(
    "SELECT id, user_id FROM reservations WHERE slot_id = ? AND status = 'active'",
    slotId,
  );
}

describe("concurrent reservations", () => {
  it("50 drivers racing for one slot: one 201, 49 × 409 SLOT_UNAVAILABLE, one charge", async () => {
    const slot = await freeSlot((s) => s.pricePerHourCents <= 5_000);
    const drivers = await registerDrivers(50, 5_000);
    const paymentsOnSlot = () =>
      scalar(
        "SELECT COUNT(*) FROM payments p JOIN reservations r ON r.id = p.reservation_id WHERE r.slot_id = ?",
        slot.id,
      );
    const paymentsBefore = await paymentsOnSlot();

    const responses = await Promise.all(
      drivers.map((driver) => reserve(driver, { slotId: slot.id, durationHours: 1 })),
    );

    expect(statusCounts(responses)).toEqual({ 201: 1, 409: 49 });
    const winnerIndex = responses.findIndex((r) => r.status === 201);
    const winner = expectOk(responses[winnerIndex]!, 201, ReserveBody);
    expect(winner.reservation.userId).toBe(drivers[winnerIndex]!.user!.id);
    for (const loser of responses.filter((r) => r.status !== 201)) {
      expectError(loser, { status: 409, code: "SLOT_UNAVAILABLE" });
    }
    expect(await activeReservationsOn(slot.id)).toEqual([
      { id: winner.reservation.id, user_id: drivers[winnerIndex]!.user!.id },
    ]);
    expect(await paymentsOnSlot()).toBe(paymentsBefore + 1);
    for (const [i, driver] of drivers.entries()) {
      expect(await walletBalance(driver.user!.id)).toBe(
        i === winnerIndex ? 5_000 - slot.pricePerHourCents : 5_000,
      );
    }
    await expectInvariants();
    expectOk(await endAsStaff(winner.reservation.id), 200, ReservationBody);
  });

  it("40 parallel bookings on a wallet that covers 10: exactly 10 × 201 and 30 × 402", async () => {
    // Forty slots of its own, priced above any other file's cheapest-first pick so that no
    // other test books one between the choice and the requests. Their prices divide one
    // cost C into 1 to 4 hours: each booking costs exactly C, so a wallet of 10 × C covers
    // exactly 10 whichever win.
    const cost = 9_600;
    const slots: Slot[] = [];
    for (let i = 0; i < 40; i++) {
      slots.push(await newSlot({ pricePerHourCents: cost / ((i % 4) + 1), zone: "W" }));
    }
    const driver = await registerDriver(10 * cost);
    const userId = driver.user!.id;
    expect(await walletBalance(userId)).toBe(10 * cost);

    const responses = await Promise.all(
      slots.map((slot) =>
        reserve(driver, { slotId: slot.id, durationHours: cost / slot.pricePerHourCents }),
      ),
    );

    expect(statusCounts(responses)).toEqual({ 201: 10, 402: 30 });
    const won = responses.filter((r) => r.status === 201).map((r) => expectOk(r, 201, ReserveBody));
    for (const refused of responses.filter((r) => r.status === 402)) {
      expectError(refused, { status: 402, code: "INSUFFICIENT_FUNDS" });
    }
    // The debits were serialised: the balances after each are 9C, 8C, ..., 0, never below.
    expect(won.map((w) => w.walletBalanceCents).sort((a, b) => b - a)).toEqual(
      Array.from({ length: 10 }, (_, i) => (9 - i) * cost),
    );
    expect(won.every((w) => w.reservation.totalAmountCents === cost)).toBe(true);
    expect(await walletBalance(userId)).toBe(0);
    expect(
      await scalar(
        "SELECT MIN(balance_after_cents) FROM wallet_transactions WHERE user_id = ?",
        userId,
      ),
    ).toBe(0);
    expect(
      await scalar(
        "SELECT COUNT(*) FROM wallet_transactions WHERE user_id = ? AND kind = 'charge'",
        userId,
      ),
    ).toBe(10);
    // Exactly the 10 won slots are taken; the 30 refused ones are still free.
    const wonSlots = new Set(won.map((w) => w.reservation.slotId));
    expect(wonSlots.size).toBe(10);
    const now = new Map((await allSlots()).map((s) => [s.id, s]));
    for (const slot of slots) {
      expect(now.get(slot.id)?.isAvailable, slot.slotNumber).toBe(!wonSlots.has(slot.id));
    }
    await expectInvariants();
    for (const w of won) expectOk(await endAsStaff(w.reservation.id), 200, ReservationBody);
  });

  it("30 parallel top-ups of one wallet all count", async () => {
    const driver = await registerDriver(0);
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => driver.post("/api/add-balance", { amountCents: 111 })),
    );
    const balances = responses.map((r) => expectOk(r, 200, AddBalanceBody).walletBalanceCents);
    expect(balances.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i + 1) * 111),
    );
    expect(await walletBalance(driver.user!.id)).toBe(30 * 111);
    await expectInvariants();
  });

  it("ending and re-booking the same slots in parallel keeps every invariant", async () => {
    const slots = await freeSlots(8, (s) => s.pricePerHourCents <= 3_000);
    const holders = await registerDrivers(8, 3_000);
    const challengers = await registerDrivers(8, 3_000);
    const held = await Promise.all(
      holders.map(async (holder, i) =>
        expectOk(
          await reserve(holder, { slotId: slots[i]!.id, durationHours: 2 }),
          201,
          ReserveBody,
        ),
      ),
    );

    const [ends, rebookings] = await Promise.all([
      Promise.all(
        holders.map((holder, i) =>
          holder.post("/api/end-reservation", { reservationId: held[i]!.reservation.id }),
        ),
      ),
      Promise.all(
        challengers.map((challenger, i) =>
          reserve(challenger, { slotId: slots[i]!.id, durationHours: 1 }),
        ),
      ),
    ]);

    for (const end of ends) {
      expect(expectOk(end, 200, ReservationBody).reservation.status).toBe("completed");
    }
    // A challenger wins exactly when its request came after the end; either way the slot
    // ends up held by at most one reservation, and losing costs nothing.
    for (const [i, response] of rebookings.entries()) {
      const challenger = challengers[i]!.user!.id;
      if (response.status === 201) {
        expectOk(response, 201, ReserveBody);
        expect(await activeReservationsOn(slots[i]!.id)).toEqual([
          expect.objectContaining({ user_id: challenger }),
        ]);
        expect(await walletBalance(challenger)).toBe(3_000 - slots[i]!.pricePerHourCents);
      } else {
        expectError(response, { status: 409, code: "SLOT_UNAVAILABLE" });
        expect(await activeReservationsOn(slots[i]!.id)).toEqual([]);
        expect(await walletBalance(challenger)).toBe(3_000);
      }
    }
    await expectInvariants();
  });
});
