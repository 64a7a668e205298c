// `npm run db:backup` while the app serves under load, and `npm run db:restore`: the
// restore refuses while the app runs; once it is stopped, the database it restores holds
// every write acknowledged before the backup began, keeps every invariant, equals the
// live history up to one commit (the append-only tables are a prefix of the live ones),
// and the app serves from it again.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { Client, login } from "../api/client";
import { projectRoot, testTmpDir } from "../setup/paths";
import { appEnvironment, startAppProcess, type AppProcess } from "../setup/app-process";
import { OPS_DRIVERS, OPS_STAFF } from "../setup/ops-accounts";
import { checkDatabase } from "./invariants";
import { Load, type Acknowledged } from "./load";

const port = Number(new URL(inject("baseUrl")).port);
const databasePath = path.join(testTmpDir, `backup-${process.pid}.db`);
const backupDir = path.join(testTmpDir, `backups-${process.pid}`);
let server: AppProcess | undefined;

afterAll(async () => {
  await server?.stop();
  fs.rmSync(backupDir, { recursive: true, force: true });
  for (const file of fs.readdirSync(testTmpDir)) {
    if (file.startsWith(path.basename(databasePath))) fs.rmSync(path.join(testTmpDir, file));
  }
});

type Run = { code: number; stdout: string; stderr: string };

/** `npm run <script> -- …args` against the test's database, as an operator runs it. */
function npmRun(script: string, args: string[], databaseUrl = `file:${databasePath}`) {
  return new Promise<Run>((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", script, "--", ...args],
      { cwd: projectRoot, env: { ...appEnvironment(databasePath), DATABASE_URL: databaseUrl } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const start = () => startAppProcess({ name: "backup", database: databasePath, port });

/**
 * The append-only history (ledger, payments, audit log, and what never changes about a
 * reservation), keyed by id: a database at an earlier commit holds a prefix of it.
 */
function history(file: string): Record<string, Map<number, string>> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const read = (sql: string) =>
      new Map(
        (database.prepare(sql).all() as { id: number }[]).map((row) => [
          row.id,
          JSON.stringify(row),
        ]),
      );
    return database.transaction(() => ({
      reservations: read(
        "SELECT id, user_id, slot_id, start_time, total_amount_cents, created_at FROM reservations",
      ),
      payments: read(
        "SELECT id, reservation_id, user_id, amount_cents, transaction_id FROM payments",
      ),
      ledger: read("SELECT * FROM wallet_transactions"),
      audit: read("SELECT * FROM audit_log"),
    }))();
  } finally {
    database.close();
  }
}

function copyOf(acks: Acknowledged): Acknowledged {
  return structuredClone(acks);
}

describe("db:backup and db:restore", () => {
  it("backs up under load, refuses to restore while the app runs, restores a committed state", async () => {
    fs.copyFileSync(inject("opsTemplatePath"), databasePath);
    server = await start();
    const staff = await login(OPS_STAFF);
    const drivers: Client[] = [];
    for (const username of OPS_DRIVERS.slice(0, 10)) drivers.push(await login(username));
    for (const driver of drivers) await driver.post("/api/add-balance", { amountCents: 30_000 });
    const slots = (await staff.get("/api/slots?available=all&limit=500")).body as {
      slots: { id: number }[];
    };
    const load = new Load(
      drivers,
      staff,
      slots.slots.map((s) => s.id),
    );
    load.start();
    await new Promise((r) => setTimeout(r, 1_500));

    // The backup runs while the clients keep writing.
    const acknowledgedBefore = copyOf(load.acknowledged);
    const backup = await npmRun("db:backup", ["--dir", backupDir]);
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
    await new Promise((r) => setTimeout(r, 1_000));
    const files = fs.readdirSync(backupDir);
    expect(files).toEqual([expect.stringMatching(/^parking-\d{8}T\d{9}Z\.db$/)]);
    const backupFile = path.join(backupDir, files[0]!);
    expect(backup.stdout).toContain(files[0]);

    // While the app has the database open, a restore changes nothing.
    const refused = await npmRun("db:restore", [backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use: stop the app/);
    const besideDatabase = () =>
      fs.readdirSync(testTmpDir).filter((f) => f.startsWith(`${path.basename(databasePath)}.`));
    expect(besideDatabase()).toEqual([]);

    await load.stop();
    await server.stop();
    server = undefined;
    const live = history(databasePath);
    expect(checkDatabase(databasePath, load.acknowledged)).toEqual([]);

    const restored = await npmRun("db:restore", [backupFile]);
    expect(restored, restored.stderr).toMatchObject({ code: 0 });
    expect(restored.stdout).toMatch(/kept as .*pre-restore-\d{8}T\d{9}Z/);

    // Every invariant, and every write acknowledged before the backup began.
    expect(checkDatabase(databasePath, acknowledgedBefore)).toEqual([]);
    // A committed state of the live database: each append-only table is a prefix of it.
    const back = history(databasePath);
    for (const [table, rows] of Object.entries(back)) {
      const last = Math.max(0, ...rows.keys());
      const prefix = [...live[table]!].filter(([id]) => id <= last);
      expect(new Map(prefix), table).toEqual(rows);
    }
    // Taken under load: the live history went on after it.
    expect(back.ledger!.size).toBeLessThan(live.ledger!.size);
    expect(besideDatabase()).toEqual([expect.stringMatching(/\.pre-restore-\d{8}T\d{9}Z$/)]);

    // The app serves from the restored database, sessions included.
    server = await start();
    const [driver] = drivers;
    const me = await driver!.get("/api/me");
    expect(me.status).toBe(200);
    const reserved = await driver!.post("/api/reserve", {
      slotId: slots.slots.at(-1)!.id,
      durationHours: 1,
      startTime: new Date(Math.ceil((Date.now() + 80 * 3_600_000) / 60_000) * 60_000),
    });
    expect([201, 409]).toContain(reserved.status);
    await server.stop();
    server = undefined;
    expect(checkDatabase(databasePath, acknowledgedBefore)).toEqual([]);
  });

  it("refuses a PostgreSQL DATABASE_URL and points to pg_dump", async () => {
    const run = await npmRun("db:backup", [], "postgresql://nobody@127.0.0.1:1/none");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pg_dump/);
  });
});
