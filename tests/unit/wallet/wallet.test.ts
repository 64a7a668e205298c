import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { reserveSlot } from "@/lib/reservations/service";
import { listWalletTransactions, topUpWallet } from "@/lib/wallet/service";
import { MAX_TOP_UP_CENTS } from "@/lib/validation/limits";
import {
  createDriver,
  createSlot,
  createStaff,
  databaseSnapshot,
  expectAppError,
  expectConsistentDatabase,
  walletOf,
} from "../builders";

const T0 = new Date("2031-09-09T09:09:09.000Z");

describe("topUpWallet", () => {
  it("credits the wallet and writes a top_up ledger row with the running balance", async () => {
    const driver = await createDriver({ balanceCents: 250 });

    const result = await topUpWallet(driver, { amountCents: 1000 }, T0);

    expect(result).toEqual({ userId: driver.id, walletBalanceCents: 1250 });
    expect(await walletOf(driver.id)).toBe(1250);
    const last = await db.walletTransaction.findFirstOrThrow({
      where: { userId: driver.id },
      orderBy: { id: "desc" },
    });
    expect(last).toMatchObject({
      kind: "top_up",
      amountCents: 1000,
      balanceAfterCents: 1250,
      paymentId: null,
      reservationId: null,
      createdAt: T0,
    });
    await expectConsistentDatabase();
  });

  it("accepts the bounds, 1 cent and the maximum", async () => {
    const driver = await createDriver();
    expect(MAX_TOP_UP_CENTS).toBe(100_000);
    await topUpWallet(driver, { amountCents: 1 });
    const { walletBalanceCents } = await topUpWallet(driver, { amountCents: MAX_TOP_UP_CENTS });
    expect(walletBalanceCents).toBe(100_001);
  });

  it.each([0, -1, -100_000, 100_001, 10.5, Number.NaN, Number.POSITIVE_INFINITY])(
    "refuses %s cents with VALIDATION_ERROR and writes nothing",
    async (amountCents) => {
      const driver = await createDriver({ balanceCents: 500 });
      const before = await databaseSnapshot();
      await expectAppError(topUpWallet(driver, { amountCents }), "VALIDATION_ERROR");
      expect(await databaseSnapshot()).toEqual(before);
    },
  );

  it("refuses a driver topping up someone else's wallet with FORBIDDEN", async () => {
    const driver = await createDriver();
    const other = await createDriver({ balanceCents: 100 });
    const before = await databaseSnapshot();
    await expectAppError(topUpWallet(driver, { amountCents: 500, userId: other.id }), "FORBIDDEN");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("lets staff top up any user's wallet, the ledger row being that user's", async () => {
    const staff = await createStaff();
    const driver = await createDriver({ balanceCents: 100 });

    const result = await topUpWallet(staff, { amountCents: 700, userId: driver.id });

    expect(result).toEqual({ userId: driver.id, walletBalanceCents: 800 });
    expect(await walletOf(staff.id)).toBe(0);
    expect(await db.walletTransaction.count({ where: { userId: staff.id } })).toBe(0);
    await expectConsistentDatabase();
  });

  it("answers NOT_FOUND for a user that does not exist, writing nothing", async () => {
    const staff = await createStaff();
    const before = await databaseSnapshot();
    await expectAppError(topUpWallet(staff, { amountCents: 700, userId: 31_337 }), "NOT_FOUND");
    expect(await databaseSnapshot()).toEqual(before);
  });
});

describe("listWalletTransactions", () => {
  it("lists a user's ledger newest first, paged, with the total", async () => {
    const driver = await createDriver({ balanceCents: 1000 });
    await topUpWallet(driver, { amountCents: 200 });
    const slot = await createSlot({ pricePerHourCents: 300 });
    const { reservation, payment } = await reserveSlot(driver, {
      slotId: slot.id,
      durationHours: 2,
    });
    await topUpWallet(driver, { amountCents: 50 });
    await createDriver({ balanceCents: 999 }); // someone else's ledger stays out

    const all = await listWalletTransactions(driver, { limit: 50, offset: 0 });

    expect(all.total).toBe(4);
    expect(all.transactions.map((t) => [t.kind, t.amountCents, t.balanceAfterCents])).toEqual([
      ["top_up", 50, 650],
      ["charge", -600, 600],
      ["top_up", 200, 1200],
      ["top_up", 1000, 1000],
    ]);
    expect(all.transactions[1]).toMatchObject({
      userId: driver.id,
      paymentId: payment.id,
      reservationId: reservation.id,
    });
    const ids = all.transactions.map((t) => t.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page = await listWalletTransactions(driver, { limit: 2, offset: 1 });
    expect(page.transactions.map((t) => t.id)).toEqual(ids.slice(1, 3));
    expect(page.total).toBe(4);
  });

  it("lets a driver read only their own ledger, and staff anyone's", async () => {
    const driver = await createDriver({ balanceCents: 100 });
    const other = await createDriver({ balanceCents: 200 });
    const staff = await createStaff();

    await expectAppError(
      listWalletTransactions(driver, { userId: other.id, limit: 10, offset: 0 }),
      "FORBIDDEN",
    );
    const own = await listWalletTransactions(driver, { userId: driver.id, limit: 10, offset: 0 });
    expect(own.transactions.map((t) => t.amountCents)).toEqual([100]);
    const theirs = await listWalletTransactions(staff, { userId: other.id, limit: 10, offset: 0 });
    expect(theirs.transactions.map((t) => [t.userId, t.amountCents])).toEqual([[other.id, 200]]);
  });
});
