// Values kept per change token (lib/db/version-cache.ts): read once while nothing commits,
// read again after a commit by this process or by another connection to the file, one
// load shared by concurrent callers, a failed load not kept. On the unit project's real
// SQLite file.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { perDataVersion, perDataVersionKeyed } from "@/lib/db/version-cache";
import { locationExists } from "@/lib/locations/queries";
import { listLocations } from "@/lib/locations/service";
import { findUserById } from "@/lib/users/queries";
import { createDriver } from "../builders";

let names = 0;

/** A new driver with 700 cents, a cached read of their balance, and its load count. */
async function cachedBalance() {
  const driver = await createDriver({ balanceCents: 700 });
  const counter = { loads: 0 };
  const read = perDataVersion(`test-balance-${++names}`, async () => {
    counter.loads++;
    const user = await db.user.findUniqueOrThrow({ where: { id: driver.id } });
    return user.walletBalanceCents;
  });
  return { driver, read, counter };
}

describe("a value kept per data version", () => {
  it("is read once while nothing commits, by one load for concurrent callers", async () => {
    const { read, counter } = await cachedBalance();
    expect(await Promise.all([read(), read(), read()])).toEqual([700, 700, 700]);
    expect(await read()).toBe(700);
    expect(counter.loads).toBe(1);
  });

  it("is read again after this process commits", async () => {
    const { driver, read, counter } = await cachedBalance();
    expect(await read()).toBe(700);
    await transaction((tx) =>
      tx.user.update({ where: { id: driver.id }, data: { walletBalanceCents: 900 } }),
    );
    expect(await read()).toBe(900);
    expect(counter.loads).toBe(2);
  });

  it("is read again after another connection to the file commits", async () => {
    const { driver, read, counter } = await cachedBalance();
    expect(await read()).toBe(700);
    const other = new Database(databaseFilePath(process.env.DATABASE_URL!));
    try {
      other.prepare("UPDATE users SET wallet_balance_cents = 300 WHERE id = ?").run(driver.id);
    } finally {
      other.close();
    }
    expect(await read()).toBe(300);
    expect(counter.loads).toBe(2);
  });

  it("keeps no failed load: the next caller reads again", async () => {
    let calls = 0;
    const read = perDataVersion(`test-failing-${++names}`, async () => {
      calls++;
      if (calls === 1) throw new Error("the database went away");
      return "read";
    });
    await expect(read()).rejects.toThrow("the database went away");
    expect(await read()).toBe("read");
    expect(calls).toBe(2);
  });

  it("serves the locations a commit just renamed", async () => {
    const [first] = await listLocations();
    expect(first).toBeDefined();
    const renamed = `${first!.name} (renamed)`;
    await transaction((tx) =>
      tx.location.update({ where: { id: first!.id }, data: { name: renamed } }),
    );
    expect((await listLocations()).find((l) => l.id === first!.id)?.name).toBe(renamed);
    await transaction((tx) =>
      tx.location.update({ where: { id: first!.id }, data: { name: first!.name } }),
    );
  });

  it("knows of a location another connection to the file just created", async () => {
    const [first] = await listLocations();
    expect(await locationExists(first!.id)).toBe(true);
    const other = new Database(databaseFilePath(process.env.DATABASE_URL!), {
      fileMustExist: true,
    });
    let id: number;
    try {
      id = Number(
        other
          .prepare(
            "INSERT INTO locations (slug, name, address, time_zone, created_at) VALUES ('cache-new', 'Cache new', 'x', 'UTC', ?)",
          )
          .run(new Date().toISOString()).lastInsertRowid,
      );
    } finally {
      other.close();
    }
    expect(await locationExists(id)).toBe(true);
    expect(await locationExists(id + 1)).toBe(false);
    await transaction((tx) => tx.location.delete({ where: { id } }));
    expect(await locationExists(id)).toBe(false);
  });
});

describe("a value kept per data version and key", () => {
  it("is read once per key while nothing commits, and again for every key after a commit", async () => {
    const a = await createDriver({ balanceCents: 100 });
    const b = await createDriver({ balanceCents: 200 });
    const loads: number[] = [];
    const read = perDataVersionKeyed(`test-keyed-${++names}`, async (id: number) => {
      loads.push(id);
      return (await db.user.findUniqueOrThrow({ where: { id } })).walletBalanceCents;
    });
    expect(await Promise.all([read(a.id), read(b.id), read(a.id)])).toEqual([100, 200, 100]);
    expect(await read(b.id)).toBe(200);
    expect(loads).toEqual([a.id, b.id]);

    await transaction((tx) =>
      tx.user.update({ where: { id: b.id }, data: { walletBalanceCents: 250 } }),
    );
    expect(await read(b.id)).toBe(250);
    expect(await read(a.id)).toBe(100);
    expect(loads).toEqual([a.id, b.id, b.id, a.id]);
  });

  it("keeps no failed load for its key", async () => {
    let calls = 0;
    const read = perDataVersionKeyed(`test-keyed-${++names}`, async (id: number) => {
      calls++;
      if (calls === 1) throw new Error("the first read fails");
      return id * 2;
    });
    await expect(read(4)).rejects.toThrow("the first read fails");
    expect(await read(4)).toBe(8);
    expect(calls).toBe(2);
  });

  it("gives the signed-in user as another connection to the file just changed them", async () => {
    const driver = await createDriver({ balanceCents: 700 });
    expect((await findUserById(driver.id))?.walletBalanceCents).toBe(700);
    const other = new Database(databaseFilePath(process.env.DATABASE_URL!), {
      fileMustExist: true,
    });
    try {
      other.prepare("UPDATE users SET role = 'staff' WHERE id = ?").run(driver.id);
    } finally {
      other.close();
    }
    expect((await findUserById(driver.id))?.role).toBe("staff");
  });
});
