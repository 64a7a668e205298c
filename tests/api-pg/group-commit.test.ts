// The group commit on PostgreSQL when another connection (another app server, a staff
// edit) is changing a slot or wallet the group books: the group locks those rows before it
// reads them, so it waits for that write and decides on what it left, and each request
// gets the answer that is right after the other write. The domain runs in this process on
// the `pg` project's database; the other writer is a plain connection holding its row lock
// until the group is seen waiting on it.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pgPool } from "../setup/pg";
import { lockRace } from "../setup/pg-locks";

process.env.DATABASE_URL = inject("pgDatabaseUrl");
const { db } = await import("@/lib/db/client");
const { reserveSlot } = await import("@/lib/reservations/service");
const { AppError } = await import("@/lib/errors");
const { createDriver, createSlot, walletOf } = await import("../unit/builders");

const observer = pgPool(inject("pgDatabaseUrl"), { bigintAsNumber: true });
const { waitingOnLock, openTransaction } = lockRace(inject("pgDatabaseUrl"), observer);
afterAll(async () => {
  await observer.end();
  await db.$disconnect();
});

const HOUR_MS = 3_600_000;

async function threeDriversAndSlots() {
  // Numbered apart from the demo garage's slots.
  const tag = randomBytes(3).toString("hex");
  const slots = [
    await createSlot({ pricePerHourCents: 400, slotNumber: `gc-${tag}-1` }),
    await createSlot({ pricePerHourCents: 400, slotNumber: `gc-${tag}-2` }),
    await createSlot({ pricePerHourCents: 400, slotNumber: `gc-${tag}-3` }),
  ];
  const drivers = [
    await createDriver({ balanceCents: 2000 }),
    await createDriver({ balanceCents: 2000 }),
    await createDriver({ balanceCents: 2000 }),
  ];
  return { slots, drivers };
}

async function expectWalletsMatchLedgers(userIds: number[]) {
  const { rows } = await observer.query<{ id: number; wallet: number; ledger: number }>(
    `SELECT u.id, u.wallet_balance_cents AS wallet,
       (SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_transactions w WHERE w.user_id = u.id)
         AS ledger
     FROM users u WHERE u.id = ANY($1::int[])`,
    [userIds],
  );
  for (const row of rows) expect(row.wallet, `user ${row.id}`).toBe(row.ledger);
}

describe("a group booking rows another connection is writing", () => {
  it("a wallet topped up in between: that owner's answer shows the new balance", async () => {
    const { slots, drivers } = await threeDriversAndSlots();
    const middle = drivers[1]!;
    const topUp = await openTransaction([
      [
        "UPDATE users SET wallet_balance_cents = wallet_balance_cents + 500 WHERE id = $1",
        [middle.id],
      ],
      [
        `INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, created_at)
         VALUES ($1, 'top_up', 500, 2500, now())`,
        [middle.id],
      ],
    ]);
    const now = new Date();
    // One tick: one group. It waits to lock the middle driver's wallet before reading it.
    const reserving = Promise.allSettled(
      slots.map((slot, i) => reserveSlot(drivers[i]!, { slotId: slot.id, durationHours: 2 }, now)),
    );
    await waitingOnLock("SELECT id FROM users");
    await topUp.commit();
    const results = await reserving;

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const balances = results.map(
      (r) => (r as PromiseFulfilledResult<{ walletBalanceCents: number }>).value.walletBalanceCents,
    );
    expect(balances).toEqual([1200, 1700, 1200]);
    expect(await walletOf(middle.id)).toBe(1700);
    await expectWalletsMatchLedgers(drivers.map((d) => d.id));
  });

  it("a slot closed by staff in between: that request is refused, the others go through", async () => {
    const { slots, drivers } = await threeDriversAndSlots();
    const closed = slots[2]!;
    const closing = await openTransaction([
      ["UPDATE parking_slots SET out_of_service = true WHERE id = $1", [closed.id]],
    ]);
    const startTime = new Date(Date.now() + 3 * HOUR_MS);
    const reserving = Promise.allSettled(
      slots.map((slot, i) =>
        reserveSlot(drivers[i]!, { slotId: slot.id, durationHours: 1, startTime }),
      ),
    );
    await waitingOnLock("SELECT id FROM parking_slots");
    await closing.commit();
    const results = await reserving;

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    const refused = (results[2] as PromiseRejectedResult).reason as InstanceType<typeof AppError>;
    expect(refused).toBeInstanceOf(AppError);
    expect([refused.code, refused.message]).toEqual([
      "SLOT_UNAVAILABLE",
      "This slot is out of service.",
    ]);
    expect(await walletOf(drivers[2]!.id)).toBe(2000);
    expect(await db.reservation.count({ where: { slotId: closed.id } })).toBe(0);
    await expectWalletsMatchLedgers(drivers.map((d) => d.id));
  });
});
