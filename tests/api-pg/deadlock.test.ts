// Two transactions that lock the same two rows in opposite orders on PostgreSQL: the
// server aborts one of them (deadlock_detected), and transaction() runs that one again
// instead of letting a request fail with an internal error. Both end up committed, each
// once. The domain's transaction() runs in this process on the `pg` project's database.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";

process.env.DATABASE_URL = inject("pgDatabaseUrl");
const { db, transaction } = await import("@/lib/db/client");
const { createSlot } = await import("../unit/builders");

afterAll(() => db.$disconnect());

/** A promise and the function that resolves it. */
function signal() {
  let fire!: () => void;
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fire, fired };
}

type Bump = (tx: Parameters<Parameters<typeof transaction>[0]>[0], slotId: number) => Promise<void>;

const withModelApi: Bump = async (tx, slotId) => {
  await tx.parkingSlot.update({
    where: { id: slotId },
    data: { lockVersion: { increment: 1 } },
  });
};
const withRawSql: Bump = async (tx, slotId) => {
  await tx.$executeRaw`UPDATE parking_slots SET lock_version = lock_version + 1 WHERE id = ${slotId}`;
};

async function crossedTransactions(bump: Bump) {
  const tag = randomBytes(3).toString("hex");
  const first = await createSlot({ slotNumber: `dl-${tag}-1` });
  const second = await createSlot({ slotNumber: `dl-${tag}-2` });
  const aHolds = signal();
  const bHolds = signal();
  let attempts = 0;
  // Each locks its first row, waits until the other holds its own, then asks for the
  // other's: a circle the server breaks by aborting one. A rerun finds the signals fired.
  const crossing = (mine: number, theirs: number, holds: typeof aHolds, other: typeof bHolds) =>
    transaction(async (tx) => {
      attempts++;
      await bump(tx, mine);
      holds.fire();
      await other.fired;
      await bump(tx, theirs);
    });
  const results = await Promise.allSettled([
    crossing(first.id, second.id, aHolds, bHolds),
    crossing(second.id, first.id, bHolds, aHolds),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
  expect(attempts).toBeGreaterThan(2);
  const versions = await db.parkingSlot.findMany({
    where: { id: { in: [first.id, second.id] } },
    select: { lockVersion: true },
  });
  expect(versions.map((v) => v.lockVersion)).toEqual([
    first.lockVersion + 2,
    second.lockVersion + 2,
  ]);
}

describe("a deadlock between two transactions", () => {
  it("is run again, with the model API", async () => {
    await crossedTransactions(withModelApi);
  });

  it("is run again, with raw SQL", async () => {
    await crossedTransactions(withRawSql);
  });
});
