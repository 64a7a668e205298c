// The SQLite connections of a process: reads outside a transaction never see what an
// open transaction has written (they run on their own connection), a rolled-back write
// leaves the in-memory slot model right at once, and another process holding the write
// lock makes writers wait their turn instead of failing.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { getAvailability } from "@/lib/slots/queries";
import { reserveSlot } from "@/lib/reservations/service";
import { topUpWallet } from "@/lib/wallet/service";
import { AppError } from "@/lib/errors";
import { holdWriteLockPeriodically } from "../../setup/lock-holder";
import {
  createDriver,
  createSlot,
  createStaff,
  expectConsistentDatabase,
  walletOf,
} from "../builders";

class Rollback extends Error {}

describe("reads outside a transaction", () => {
  it("see the last commit, not an open transaction's writes, and never its rolled-back ones", async () => {
    const driver = await createDriver({ balanceCents: 5_000 });
    let seenInside: number | undefined;
    let seenOutside: number | undefined;
    await expect(
      transaction(async (tx) => {
        await tx.user.update({
          where: { id: driver.id },
          data: { walletBalanceCents: { decrement: 1_000 } },
        });
        seenInside = (await tx.user.findUniqueOrThrow({ where: { id: driver.id } }))
          .walletBalanceCents;
        // A read by another request while this transaction is open.
        seenOutside = (await db.user.findUniqueOrThrow({ where: { id: driver.id } }))
          .walletBalanceCents;
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(seenInside).toBe(4_000);
    expect(seenOutside).toBe(5_000);
    expect(await walletOf(driver.id)).toBe(5_000);
  });

  it("do not show a slot taken inside an open transaction in the slot model", async () => {
    const slot = await createSlot();
    const before = await getAvailability();
    let during: Awaited<ReturnType<typeof getAvailability>> | undefined;
    await expect(
      transaction(async (tx) => {
        await tx.parkingSlot.update({ where: { id: slot.id }, data: { isAvailable: false } });
        during = await getAvailability();
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(during?.available).toBe(before.available);
    expect((await getAvailability()).available).toBe(before.available);
  });
});

describe("a reserve refused for a short wallet", () => {
  it("is never seen by availability, during or after", async () => {
    const slot = await createSlot({ pricePerHourCents: 1_000 });
    const driver = await createDriver({ balanceCents: 500 });
    const before = await getAvailability();
    // Decided before anything is written; availability must not move at any moment.
    const request = { slotId: slot.id, durationHours: 2, idempotencyKey: "short-wallet" };
    const reserving = reserveSlot(driver, request);
    const seenDuring: number[] = [];
    let settled = false;
    void reserving.catch(() => undefined).finally(() => (settled = true));
    while (!settled) {
      seenDuring.push((await getAvailability()).available);
      await new Promise((r) => setImmediate(r));
    }
    await expect(reserving).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === "INSUFFICIENT_FUNDS",
    );
    expect(seenDuring.filter((available) => available !== before.available)).toEqual([]);
    const after = await getAvailability();
    expect(after.available).toBe(before.available);
    expect(after.occupied).toBe(before.occupied);
  });
});

describe("another process holding the write lock", () => {
  it("makes reserves and top-ups wait for it, never fail", async () => {
    const file = databaseFilePath(process.env.DATABASE_URL!);
    const staff = await createStaff();
    const slots = await Promise.all(Array.from({ length: 40 }, () => createSlot()));
    const drivers = await Promise.all(slots.map(() => createDriver({ balanceCents: 10_000 })));
    const holder = holdWriteLockPeriodically(file, 20, 200);
    try {
      await holder.ready;
      const results = await Promise.allSettled(
        slots.flatMap((slot, i) => {
          const driver = drivers[i]!;
          // Spread over ~2 s so that many land while the lock is held.
          const delay = (i % 20) * 100;
          return [
            new Promise((r) => setTimeout(r, delay)).then(() =>
              reserveSlot(driver, { slotId: slot.id, durationHours: 1 }),
            ),
            new Promise((r) => setTimeout(r, delay + 50)).then(() =>
              topUpWallet(staff, { userId: driver.id, amountCents: 100 }),
            ),
          ];
        }),
      );
      const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
    } finally {
      holder.stop();
    }
    await expectConsistentDatabase();
  });
});

describe("a write lock held elsewhere past the deadline", () => {
  it("fails the write with SERVICE_BUSY, not an internal error, and changes nothing", async () => {
    const file = databaseFilePath(process.env.DATABASE_URL!);
    const staff = await createStaff();
    const driver = await createDriver({ balanceCents: 1_000 });
    const holder = holdWriteLockPeriodically(file, 11_000, 60_000);
    try {
      await holder.ready;
      await expect(topUpWallet(staff, { userId: driver.id, amountCents: 100 })).rejects.toSatisfy(
        (error: unknown) => error instanceof AppError && error.code === "SERVICE_BUSY",
      );
    } finally {
      holder.stop();
    }
    expect(await walletOf(driver.id)).toBe(1_000);
  }, 60_000);
});
