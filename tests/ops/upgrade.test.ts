// v1 answers after an upgrade: a database the previous release made and filled (its
// migrations, recorded as applied; its users with real passwords; a session signed in
// before the upgrade), migrated by `prisma migrate deploy` as `npm start` does, then served
// by this release. Every v1 route answers what the previous release's data says, fields v2
// adds aside, and a booking after the upgrade works and keeps the invariants. On SQLite,
// and on PostgreSQL when PG_TEST_URL names a server (.ci/postgres runs that half).
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session";
import { Client, login } from "../api/client";
import {
  AvailabilityBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  UserBody,
  WalletTransactionsBody,
  expectOk,
} from "../api/schemas";
import { projectRoot, testTmpDir } from "../setup/paths";
import { migrateDatabase, startAppProcess, type AppProcess } from "../setup/app-process";
import { dropDatabase, pgPool } from "../setup/pg";
import { migrationsOf, numbered, previousReleaseData } from "../upgrade/previous-release";
import { checkDatabase, checkPostgresInvariants } from "./invariants";

const port = Number(new URL(inject("baseUrl")).port);
const databasePath = path.join(testTmpDir, `upgrade-http-${process.pid}.db`);
const PASSWORD = "previous release password";
const NOW = new Date();
const HOUR = 3_600_000;
let server: AppProcess | undefined;
/** A session cookie staff had before the upgrade. */
const staffToken = randomBytes(32).toString("base64url");

const sessionRow = () => ({
  tokenHash: createHash("sha256").update(staffToken).digest("hex"),
  createdAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 24 * HOUR).toISOString(),
});

/** The previous release's database on one engine, as its migrate deploy and users left it. */
type Dialect = {
  name: string;
  /** Creates it; answers what the app is started with (a file's path or a URL). */
  create(): Promise<string>;
  invariants(database: string): Promise<string[]>;
  drop(): Promise<void>;
};

const sqlite: Dialect = {
  name: "SQLite",
  async create() {
    await sqlite.drop();
    const folder = path.join(projectRoot, "prisma/migrations");
    const db = new Database(databasePath);
    try {
      // Prisma's own bookkeeping table, as migrate deploy creates it on SQLite.
      db.exec(`CREATE TABLE "_prisma_migrations" (
        "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
        "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
        "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
        "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
      for (const name of migrationsOf(folder).previous) {
        const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
        db.exec(sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name,
             applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
        ).run(randomUUID(), createHash("sha256").update(sql).digest("hex"), name);
      }
      for (const { sql, params } of previousReleaseData(NOW)) db.prepare(sql).run(...params);
      db.prepare("UPDATE users SET password_hash = ?").run(await hashPassword(PASSWORD));
      const session = sessionRow();
      db.prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, 1, ?, ?)",
      ).run(session.tokenHash, session.createdAt, session.expiresAt);
    } finally {
      db.close();
    }
    return databasePath;
  },
  invariants: async (database) =>
    checkDatabase(database, { reserves: [], ends: [], cancels: [], topUps: [] }),
  async drop() {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
  },
};

const pgAdminUrl = process.env.PG_TEST_URL;
const pgScratch = `parking_upgrade_http_${process.pid}`;
const postgres: Dialect = {
  name: "PostgreSQL",
  async create() {
    const admin = pgPool(pgAdminUrl!);
    try {
      await dropDatabase(admin, pgScratch);
      await admin.query(`CREATE DATABASE ${pgScratch}`);
    } finally {
      await admin.end();
    }
    const url = new URL(pgAdminUrl!);
    url.pathname = `/${pgScratch}`;
    const folder = path.join(projectRoot, "prisma/postgres/migrations");
    const db = pgPool(url.toString());
    try {
      // Prisma's own bookkeeping table, as migrate deploy creates it on PostgreSQL.
      await db.query(`CREATE TABLE "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
      for (const name of migrationsOf(folder).previous) {
        const sql = fs.readFileSync(path.join(folder, name, "migration.sql"), "utf8");
        await db.query(sql);
        await db.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name,
             applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), createHash("sha256").update(sql).digest("hex"), name],
        );
      }
      for (const { sql, params } of previousReleaseData(NOW)) {
        await db.query(numbered(sql), params);
      }
      // The data names its ids; the previous release's inserts would have moved the
      // sequences past them.
      const serials = await db.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      );
      for (const { table_name: table, column_name: column } of serials.rows) {
        await db.query(
          `SELECT setval(pg_get_serial_sequence('"${table}"', '${column}'),
                         COALESCE(MAX("${column}"), 0) + 1, false) FROM "${table}"`,
        );
      }
      await db.query("UPDATE users SET password_hash = $1", [await hashPassword(PASSWORD)]);
      const session = sessionRow();
      await db.query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, 1, $2, $3)",
        [session.tokenHash, session.createdAt, session.expiresAt],
      );
    } finally {
      await db.end();
    }
    return url.toString();
  },
  invariants: (database) => checkPostgresInvariants(database),
  async drop() {
    const admin = pgPool(pgAdminUrl!);
    try {
      await dropDatabase(admin, pgScratch);
    } finally {
      await admin.end();
    }
  },
};

const DIALECTS = [sqlite, ...(pgAdminUrl ? [postgres] : [])];

// What the previous release's data says (tests/upgrade/previous-release.ts): 12 slots,
// ids 1–12 on floors 1–3 (four each, zone A), priced 350/400/450/500 by number; slot 12
// out of service; slot 6 held by bob's running booking.
const HELD = 6;
const OUT_OF_SERVICE = 12;
const expectedSlot = (id: number) => {
  const floor = Math.ceil(id / 4);
  const n = ((id - 1) % 4) + 1;
  return {
    id,
    slotNumber: `${floor}-A-${n}`,
    floor,
    zone: "A",
    type: ["regular", "handicap", "vip", "electric"][n - 1],
    pricePerHourCents: 300 + n * 50,
    isAvailable: id !== HELD && id !== OUT_OF_SERVICE,
    outOfService: id === OUT_OF_SERVICE,
  };
};
const v1Fields = <T extends Record<string, unknown>>(row: T, keys: readonly string[]) =>
  Object.fromEntries(keys.map((key) => [key, row[key]]));
const SLOT_KEYS = Object.keys(expectedSlot(1));

describe.each(DIALECTS)("the previous release's $name database, upgraded and served", (dialect) => {
  let database = "";
  beforeAll(async () => {
    database = await dialect.create();
    migrateDatabase(database);
    server = await startAppProcess({ name: "upgrade-http", database, port });
  });
  afterAll(async () => {
    await server?.stop();
    server = undefined;
    await dialect.drop();
  });

  it("keeps a session signed in before the upgrade, with the v1 user fields", async () => {
    const staff = new Client();
    staff.setCookie(SESSION_COOKIE_NAME, staffToken);
    const { user } = expectOk(await staff.get("/api/me"), 200, UserBody);
    expect(user).toMatchObject({ id: 1, username: "staff", role: "staff" });
  });

  it("answers availability and the slot list as before", async () => {
    const anyone = new Client();
    const availability = expectOk(await anyone.get("/api/availability"), 200, AvailabilityBody);
    expect(availability).toMatchObject({ total: 12, available: 10 });
    expect(
      availability.byFloor.map((row) => v1Fields(row, ["floor", "total", "available"])),
    ).toEqual([
      { floor: 1, total: 4, available: 4 },
      { floor: 2, total: 4, available: 3 },
      { floor: 3, total: 4, available: 3 },
    ]);
    const all = expectOk(await anyone.get("/api/slots?available=all"), 200, SlotsBody);
    // Price, then floor, then slot number.
    const order = [1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12];
    expect(all.total).toBe(12);
    expect(all.slots.map((slot) => v1Fields(slot, SLOT_KEYS))).toEqual(order.map(expectedSlot));
    const free = expectOk(await anyone.get("/api/slots"), 200, SlotsBody);
    expect(free.slots.map((slot) => slot.id)).toEqual(
      order.filter((id) => id !== HELD && id !== OUT_OF_SERVICE),
    );
  });

  it("signs drivers in with their old passwords: wallets, reservations and ledgers as before", async () => {
    const alice = await login("alice", PASSWORD);
    const bob = await login("bob", PASSWORD);
    // alice: 10,000 topped up; 1,200 completed; 400 cancelled and refunded; 800 upcoming.
    expect(expectOk(await alice.get("/api/me"), 200, UserBody).user.walletBalanceCents).toBe(8_000);
    // bob: 20,000 topped up; 800 completed; 9,600 running.
    expect(expectOk(await bob.get("/api/me"), 200, UserBody).user.walletBalanceCents).toBe(9_600);

    const mine = expectOk(await alice.get("/api/reservations"), 200, ReservationsBody);
    expect(mine.total).toBe(3);
    // Newest first: the upcoming one (booked yesterday), the cancelled, the completed.
    expect(
      mine.reservations.map((r) =>
        v1Fields(r, [
          "id",
          "slotId",
          "durationHours",
          "totalAmountCents",
          "status",
          "paymentStatus",
        ]),
      ),
    ).toEqual([
      {
        id: 5,
        slotId: 7,
        durationHours: 2,
        totalAmountCents: 800,
        status: "upcoming",
        paymentStatus: "completed",
      },
      {
        id: 3,
        slotId: 5,
        durationHours: 1,
        totalAmountCents: 400,
        status: "cancelled",
        paymentStatus: "refunded",
      },
      {
        id: 1,
        slotId: 1,
        durationHours: 3,
        totalAmountCents: 1_200,
        status: "completed",
        paymentStatus: "completed",
      },
    ]);
    expect(mine.reservations[2]).toMatchObject({
      startTime: "2026-11-02T09:00:00.000Z",
      endTime: "2026-11-02T12:00:00.000Z",
    });
    const ledger = expectOk(
      await alice.get("/api/wallet/transactions"),
      200,
      WalletTransactionsBody,
    );
    expect(ledger.total).toBe(5);
    expect(ledger.transactions.reduce((sum, t) => sum + t.amountCents, 0)).toBe(8_000);
  });

  it("gives staff every reservation, the analytics totals and the pricing rules as before", async () => {
    const staff = await login("staff", PASSWORD);
    const all = expectOk(await staff.get("/api/reservations"), 200, ReservationsBody);
    expect(all.total).toBe(5);
    const Analytics = z.object({
      revenue: z.object({ totalCents: z.int() }),
      preferences: z.object({
        byType: z.array(z.object({ type: z.string(), reservations: z.int() })),
      }),
    });
    const analytics = expectOk(await staff.get("/api/analytics?days=365"), 200, Analytics);
    // Completed payments: 1,200 + 800 in November, 9,600 running, 800 booked yesterday.
    expect(analytics.revenue.totalCents).toBe(12_400);
    const byType = Object.fromEntries(
      analytics.preferences.byType.map((row) => [row.type, row.reservations]),
    );
    // Slots 1 (regular), 2, 6 (handicap), 5 (regular, cancelled), 7 (vip).
    expect(byType).toEqual({ regular: 2, handicap: 2, vip: 1, electric: 0 });
    const Rules = z.object({ rules: z.object({ enabled: z.boolean() }).loose() });
    const { rules } = expectOk(await staff.get("/api/pricing-rules"), 200, Rules);
    expect(rules).toMatchObject({ enabled: true, slotTypes: { vip: 1.5 }, maxMultiplier: 2 });
  });

  it("books after the upgrade at the old prices and keeps every invariant", async () => {
    const alice = await login("alice", PASSWORD);
    const booked = expectOk(
      await alice.post("/api/reserve", { slotId: 2, durationHours: 1 }),
      201,
      ReserveBody,
    );
    // Slot 2 is handicap at 400 an hour; the rules only raise vip.
    expect(booked.reservation.totalAmountCents).toBe(400);
    expect(booked.walletBalanceCents).toBe(7_600);
    await server!.stop();
    server = undefined;
    expect(await dialect.invariants(database)).toEqual([]);
  });
});
