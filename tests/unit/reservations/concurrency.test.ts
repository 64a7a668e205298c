// In-process concurrency: many reserve calls in flight at once, as a busy server makes
// them. Guards are conditional updates decided by row counts, so whatever order the
// transactions run in, a slot is sold once and a wallet is never overdrawn.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { endReservation, reserveSlot, type ReserveResult } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import {
  createDriver,
  createSlot,
  createSlots,
  expectConsistentDatabase,
  slotRow,
  walletOf,
  type TestUser,
} from "../builders";

function outcomes(results: PromiseSettledResult<ReserveResult>[]) {
  const succeeded = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const errorCodes = results.flatMap((r) => {
    if (r.status === "fulfilled") return [];
    return [r.reason instanceof AppError ? r.reason.code : String(r.reason)];
  });
  return { succeeded, errorCodes };
}

describe("parallel reservations", () => {
  it("sells a slot once when 30 drivers try for it at the same moment", async () => {
    const slot = await createSlot({ pricePerHourCents: 500 });
    const drivers: TestUser[] = [];
    for (let i = 0; i < 30; i++) drivers.push(await createDriver({ balanceCents: 2000 }));

    const results = await Promise.allSettled(
      drivers.map((driver) => reserveSlot(driver, { slotId: slot.id, durationHours: 2 })),
    );

    const { succeeded, errorCodes } = outcomes(results);
    expect(succeeded).toHaveLength(1);
    expect(errorCodes).toEqual(Array.from({ length: 29 }, () => "SLOT_UNAVAILABLE"));
    const winner = succeeded[0]!.reservation.userId;
    expect(await db.payment.count({ where: { reservation: { slotId: slot.id } } })).toBe(1);
    expect(await db.walletTransaction.count({ where: { kind: "charge" } })).toBe(1);
    for (const driver of drivers) {
      expect(await walletOf(driver.id)).toBe(driver.id === winner ? 1000 : 2000);
    }
    const stats = await db.utilizationStat.aggregate({
      where: { slotId: slot.id },
      _sum: { occupancyCount: true, revenueCents: true },
    });
    expect(stats._sum).toEqual({ occupancyCount: 2, revenueCents: 1000 });
    expect((await slotRow(slot.id)).isAvailable).toBe(false);
    await expectConsistentDatabase();
  });

  it("lets one driver whose wallet covers 5 bookings make exactly 5 of 20 parallel ones", async () => {
    const slots = await createSlots(20, { pricePerHourCents: 250 });
    const driver = await createDriver({ balanceCents: 5 * 750 });

    const results = await Promise.allSettled(
      slots.map((slot) => reserveSlot(driver, { slotId: slot.id, durationHours: 3 })),
    );

    const { succeeded, errorCodes } = outcomes(results);
    expect(succeeded).toHaveLength(5);
    expect(errorCodes).toEqual(Array.from({ length: 15 }, () => "INSUFFICIENT_FUNDS"));
    expect(await walletOf(driver.id)).toBe(0);
    // The balances reported to the winners are the ledger's running balance, all distinct.
    expect(succeeded.map((r) => r.walletBalanceCents).sort((a, b) => b - a)).toEqual([
      3000, 2250, 1500, 750, 0,
    ]);
    const taken = await db.parkingSlot.count({
      where: { id: { in: slots.map((s) => s.id) }, isAvailable: false },
    });
    expect(taken).toBe(5);
    expect(await db.reservation.count({ where: { userId: driver.id } })).toBe(5);
    await expectConsistentDatabase();
  });

  it("keeps every invariant under a mix of reserves, top-ups and ends in flight together", async () => {
    const slots = await createSlots(8, { pricePerHourCents: 100 });
    const drivers: TestUser[] = [];
    for (let i = 0; i < 6; i++) drivers.push(await createDriver({ balanceCents: 300 }));
    const running = await reserveSlot(drivers[0]!, { slotId: slots[0]!.id, durationHours: 1 });

    const work: Promise<unknown>[] = [];
    drivers.forEach((driver, i) => {
      for (const slot of slots) {
        work.push(reserveSlot(driver, { slotId: slot.id, durationHours: 1 + (i % 3) }));
      }
      work.push(topUpWallet(driver, { amountCents: 150 }));
    });
    work.push(endReservation(drivers[0]!, running.reservation.id));
    const settled = await Promise.allSettled(work);

    for (const result of settled) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(AppError);
        expect(["SLOT_UNAVAILABLE", "INSUFFICIENT_FUNDS"]).toContain(
          (result.reason as AppError).code,
        );
      }
    }
    await expectConsistentDatabase();
    const charged = await db.payment.aggregate({
      where: { userId: { in: drivers.map((d) => d.id) } },
      _sum: { amountCents: true },
    });
    const spent = drivers.length * 450 - (await totalWallets(drivers));
    expect(charged._sum.amountCents).toBe(spent);
  });
});

async function totalWallets(users: TestUser[]): Promise<number> {
  const rows = await db.user.findMany({ where: { id: { in: users.map((u) => u.id) } } });
  return rows.reduce((sum, u) => sum + u.walletBalanceCents, 0);
}
