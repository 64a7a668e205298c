// The group commit when its write fails part-way: the group's transaction rolls back as a
// whole and every request is decided again on its own, so each still gets the answer it
// would have got alone, and the request that cannot be written changes nothing.
// (PostgreSQL, where another server can change a wallet between the read and the write:
// tests/api-pg/group-commit.test.ts.)
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { AppError } from "@/lib/errors";
import { reserveSlot } from "@/lib/reservations/service";
import { decide, type ReserveRequest } from "@/lib/reservations/decide";
import { readBookingState } from "@/lib/reservations/state";
import {
  HOUR_MS,
  createDriver,
  createSlots,
  databaseSnapshot,
  expectConsistentDatabase,
  slotRow,
  walletOf,
} from "../builders";

const T0 = new Date("2032-06-01T08:00:00.000Z");
const LATER = new Date(T0.getTime() + 2 * HOUR_MS);

/** A statement run by another connection to the same file, as another process would. */
function asAnotherProcess(sql: string, ...params: unknown[]) {
  const other = new Database(databaseFilePath(process.env.DATABASE_URL!), { fileMustExist: true });
  try {
    other.pragma("busy_timeout = 10000");
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}

afterEach(() => vi.restoreAllMocks());

/**
 * A fault injected into this file's database: the utilization rows of slot b cannot be
 * written, as a bug in the write step would fail for one request only. Dropped with
 * DROP TRIGGER test_fail_slot_b.
 */
function failWritesFor(slotId: number) {
  return transaction((tx) =>
    tx.$executeRawUnsafe(`
      CREATE TRIGGER test_fail_slot_b BEFORE INSERT ON utilization_stats
      WHEN NEW.slot_id = ${slotId}
      BEGIN SELECT RAISE(ABORT, 'injected failure for slot b'); END`),
  );
}

/** Three drivers, three slots; the second slot is where the write will fail. */
async function threeRequests() {
  const [a, b, c] = await createSlots(3, { pricePerHourCents: 400 });
  const drivers = [
    await createDriver({ balanceCents: 2000 }),
    await createDriver({ balanceCents: 2000 }),
    await createDriver({ balanceCents: 2000 }),
  ] as const;
  const slots = [a!, b!, c!] as const;
  return { slots, drivers };
}

describe("a group waiting for the write lock", () => {
  it("takes in the requests that arrive while it waits: one transaction for all", async () => {
    const { slots, drivers } = await threeRequests();
    // Which requests shared a transaction shows in the one log line a failing group writes.
    await failWritesFor(slots[1].id);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    // Another process holds the file's write lock.
    const other = new Database(databaseFilePath(process.env.DATABASE_URL!), {
      fileMustExist: true,
    });
    try {
      other.exec("BEGIN IMMEDIATE");
      const first = reserveSlot(drivers[0], { slotId: slots[0].id, durationHours: 1 }, T0);
      // The first request's group is now waiting for the lock; two more arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const later = [1, 2].map((i) =>
        reserveSlot(drivers[i]!, { slotId: slots[i]!.id, durationHours: 1 }, T0),
      );
      other.exec("ROLLBACK");
      const results = await Promise.allSettled([first, ...later]);

      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[0])).toMatch(/group of 3 requests failed/);
      expect(await walletOf(drivers[0].id)).toBe(1600);
      expect(await walletOf(drivers[1].id)).toBe(2000);
      expect(await walletOf(drivers[2].id)).toBe(1600);
    } finally {
      other.close();
      await transaction((tx) => tx.$executeRawUnsafe(`DROP TRIGGER test_fail_slot_b`));
    }
    await expectConsistentDatabase();
  });
});

describe("a group whose write fails part-way", () => {
  it("when a unique index refuses one reservation, decides each again: the others go through", async () => {
    const { slots, drivers } = await threeRequests();
    // Slot b is held by a reservation that ran out at T0 + 1 h and was not swept, and
    // another process has wrongly flagged the slot free: decide sees nothing in the way
    // (a reservation whose time is up holds nothing), but the database's "one active
    // reservation per slot" index refuses the insert, after the slots were locked and the
    // wallets debited.
    const holder = await createDriver({ balanceCents: 1000 });
    await reserveSlot(holder, { slotId: slots[1].id, durationHours: 1 }, T0);
    asAnotherProcess("UPDATE parking_slots SET is_available = 1 WHERE id = ?", slots[1].id);
    const requests: ReserveRequest[] = slots.map((slot, i) => ({
      kind: "reserve",
      ownerId: drivers[i]!.id,
      slotId: slot.id,
      durationHours: 2,
      startTime: undefined,
      expectedTotalCents: undefined,
      vehicleId: undefined,
      now: LATER,
      idempotency: null,
    }));
    const decided = await transaction(async (tx) =>
      decide(await readBookingState(tx, requests, null), requests),
    );
    expect(decided.map((d) => d.kind)).toEqual(["accept", "accept", "accept"]);
    const before = await databaseSnapshot();

    // One tick: one group.
    const results = await Promise.allSettled(
      slots.map((slot, i) =>
        reserveSlot(drivers[i]!, { slotId: slot.id, durationHours: 2 }, LATER),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const refused = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("SLOT_UNAVAILABLE");
    for (const i of [0, 2]) {
      const { value } = results[i] as PromiseFulfilledResult<
        Awaited<ReturnType<typeof reserveSlot>>
      >;
      const [slot, driver] = [slots[i]!, drivers[i]!];
      expect(value.reservation).toMatchObject({ slotId: slot.id, userId: driver.id });
      expect(value.walletBalanceCents).toBe(2000 - 800);
      expect(await walletOf(driver.id)).toBe(1200);
      expect((await slotRow(slot.id)).isAvailable).toBe(false);
    }
    // The refused request left no trace: its wallet, its slot and every table but the two
    // reservations written (and their payments, ledger rows and hours) are as they were.
    expect(await walletOf(drivers[1].id)).toBe(2000);
    expect(await db.reservation.count({ where: { userId: drivers[1].id } })).toBe(0);
    const after = await databaseSnapshot();
    expect(after.reservations - before.reservations).toBe(2);
    expect(after.payments - before.payments).toBe(2);
    expect(after.ledger - before.ledger).toBe(2);

    asAnotherProcess("UPDATE parking_slots SET is_available = 0 WHERE id = ?", slots[1].id);
    await expectConsistentDatabase();
  });

  it("when something unexpected fails, logs it and decides each alone: only its request fails", async () => {
    const { slots, drivers } = await threeRequests();
    await failWritesFor(slots[1].id);
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const results = await Promise.allSettled(
        slots.map((slot, i) => reserveSlot(drivers[i]!, { slotId: slot.id, durationHours: 1 }, T0)),
      );

      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
        /injected failure for slot b/,
      );
      // Logged once, for the group, with the error; the failing request's own error goes
      // to its caller (the route answers 500 and logs it there).
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0]?.[0])).toMatch(/group of 3 requests failed/);
      expect(String(logged.mock.calls[0]?.[1])).toMatch(/injected failure for slot b/);
      expect(await walletOf(drivers[0].id)).toBe(1600);
      expect(await walletOf(drivers[1].id)).toBe(2000);
      expect(await walletOf(drivers[2].id)).toBe(1600);
      expect((await slotRow(slots[1].id)).isAvailable).toBe(true);
    } finally {
      await transaction((tx) => tx.$executeRawUnsafe(`DROP TRIGGER test_fail_slot_b`));
    }
    await expectConsistentDatabase();
  });
});
