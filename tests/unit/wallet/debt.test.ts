// Debt settled by a top-up, on a real database: the top-up pays what the account owes
// first, in its own transaction and ledger (a debt_payment row and a debt entry naming
// it); the wallet keeps the rest. Wallet = ledger and outstanding = debt ledger after each.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { topUpWallet } from "@/lib/wallet/service";
import { cancelReservation, reserveSlot } from "@/lib/reservations/service";
import { createDriver, createSlot, expectConsistentDatabase, HOUR_MS } from "../builders";

/** What an exit bill the wallet could not cover leaves behind (lib/gate/write.ts). */
async function owe(userId: number, amountCents: number) {
  await transaction(async (tx) => {
    const user = await tx.user.update({
      where: { id: userId },
      data: { outstandingCents: { increment: amountCents } },
    });
    await tx.debtEntry.create({
      data: { userId, amountCents, balanceAfterCents: user.outstandingCents },
    });
  });
}

describe("settling debt with a top-up", () => {
  it("pays the debt first, in part and then in full, each step in both ledgers", async () => {
    const driver = await createDriver();
    await owe(driver.id, 300);
    expect(await topUpWallet(driver, { amountCents: 200 })).toEqual({
      userId: driver.id,
      walletBalanceCents: 0,
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: driver.id } })).toMatchObject({
      walletBalanceCents: 0,
      outstandingCents: 100,
    });
    expect(await topUpWallet(driver, { amountCents: 500 })).toMatchObject({
      walletBalanceCents: 400,
    });
    const ledger = await db.walletTransaction.findMany({
      where: { userId: driver.id },
      orderBy: { id: "asc" },
    });
    expect(ledger.map((w) => [w.kind, w.amountCents, w.balanceAfterCents])).toEqual([
      ["top_up", 200, 200],
      ["debt_payment", -200, 0],
      ["top_up", 500, 500],
      ["debt_payment", -100, 400],
    ]);
    const debt = await db.debtEntry.findMany({
      where: { userId: driver.id },
      orderBy: { id: "asc" },
    });
    expect(debt.map((d) => [d.amountCents, d.balanceAfterCents, d.walletTransactionId])).toEqual([
      [300, 300, null],
      [-200, 100, ledger[1]!.id],
      [-100, 0, ledger[3]!.id],
    ]);
    // Nothing owed: a top-up is only a top-up.
    await topUpWallet(driver, { amountCents: 100 });
    expect(await db.debtEntry.count({ where: { userId: driver.id } })).toBe(3);
    await expectConsistentDatabase();
  });

  it("settles staff top-ups for a driver the same way", async () => {
    const [driver, staff] = [await createDriver(), await createDriver()];
    await owe(driver.id, 150);
    const staffActor = { id: staff.id, role: "staff" as const };
    expect(await topUpWallet(staffActor, { amountCents: 1_000, userId: driver.id })).toEqual({
      userId: driver.id,
      walletBalanceCents: 850,
    });
    await expectConsistentDatabase();
  });

  it("settles concurrent top-ups exactly once between them", async () => {
    const driver = await createDriver();
    await owe(driver.id, 250);
    await Promise.all(Array.from({ length: 5 }, () => topUpWallet(driver, { amountCents: 100 })));
    expect(await db.user.findUniqueOrThrow({ where: { id: driver.id } })).toMatchObject({
      walletBalanceCents: 250,
      outstandingCents: 0,
    });
    await expectConsistentDatabase();
  });

  it("a cancelled booking's refund pays the debt first too, like every credit", async () => {
    const driver = await createDriver({ balanceCents: 1_000 });
    const slot = await createSlot({ pricePerHourCents: 300 });
    const now = new Date("2031-04-01T10:00:00.000Z");
    const { reservation } = await reserveSlot(
      driver,
      { slotId: slot.id, durationHours: 2, startTime: new Date(now.getTime() + HOUR_MS) },
      now,
    );
    // The account comes to owe after it booked (an exit elsewhere the wallet could not cover).
    await owe(driver.id, 250);
    const cancelled = await cancelReservation(driver, reservation.id, now);
    expect(cancelled.walletBalanceCents).toBe(1_000 - 250);
    expect(await db.user.findUniqueOrThrow({ where: { id: driver.id } })).toMatchObject({
      walletBalanceCents: 750,
      outstandingCents: 0,
    });
    const ledger = await db.walletTransaction.findMany({
      where: { userId: driver.id },
      orderBy: { id: "asc" },
    });
    expect(ledger.slice(-2).map((w) => [w.kind, w.amountCents, w.balanceAfterCents])).toEqual([
      ["refund", 600, 1_000],
      ["debt_payment", -250, 750],
    ]);
    await expectConsistentDatabase();
  });
});
