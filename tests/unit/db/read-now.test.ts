// readNow (lib/db/read-now.ts) on a real SQLite file: it answers synchronously from the
// reader connection with the last commit's rows, never an open transaction's writes, and
// runs nothing that writes.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { readNow } from "@/lib/db/read-now";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { createDriver, walletOf } from "../builders";

class Rollback extends Error {}

const balanceOf = (userId: number) =>
  readNow<{ wallet_balance_cents: number }>(
    Prisma.sql`SELECT wallet_balance_cents FROM users WHERE id = ${userId}`,
  );

describe("readNow", () => {
  it("answers at once with the last commit's rows, as Prisma would", async () => {
    const driver = await createDriver({ balanceCents: 2_500 });
    const query = Prisma.sql`SELECT id, username, wallet_balance_cents FROM users WHERE id = ${driver.id}`;
    const now = readNow(query);
    expect(now).toEqual([
      { id: driver.id, username: driver.username, wallet_balance_cents: 2_500 },
    ]);
    expect(now).toEqual(await db.$queryRaw(query));
    expect(readNow(Prisma.sql`SELECT id FROM users WHERE id = ${-1}`)).toEqual([]);
  });

  it("never sees what an open transaction has written", async () => {
    const driver = await createDriver({ balanceCents: 5_000 });
    let during: unknown;
    await expect(
      transaction(async (tx) => {
        await tx.user.update({
          where: { id: driver.id },
          data: { walletBalanceCents: { decrement: 1_000 } },
        });
        during = balanceOf(driver.id);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(during).toEqual([{ wallet_balance_cents: 5_000 }]);
    await transaction((tx) =>
      tx.user.update({ where: { id: driver.id }, data: { walletBalanceCents: 4_000 } }),
    );
    expect(balanceOf(driver.id)).toEqual([{ wallet_balance_cents: 4_000 }]);
  });

  it("refuses a statement that writes, and it changes nothing", async () => {
    const driver = await createDriver({ balanceCents: 700 });
    expect(() =>
      readNow(
        Prisma.sql`UPDATE users SET wallet_balance_cents = 0 WHERE id = ${driver.id} RETURNING id`,
      ),
    ).toThrow(/read-only/);
    expect(await walletOf(driver.id)).toBe(700);
  });
});
