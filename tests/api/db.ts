// Read access to the server's database for invariant checks (and one helper that writes as
// another connection would), on whichever database the
// API server runs (tests/setup/app-server.ts: SQLite by default, PostgreSQL with
// API_PG_URL). On SQLite: a second, read-only connection to the server's file (the app
// keeps WAL mode, so it sees every committed write and never blocks the server's writer).
// On PostgreSQL: a small pool of its own on the server's database.
//
// Queries are written once where the SQL is portable, with `?` placeholders (numbered for
// PostgreSQL here); where the dialects differ, both versions stand side by side below.
import Database from "better-sqlite3";
import { afterAll, expect, inject } from "vitest";
import { pgPool, type PgPool } from "../setup/pg";
import { NO_SHOW_AFTER_MS } from "@/lib/reservations/no-show";

export type Dialect = "sqlite" | "postgres";

const databaseUrl = inject("databaseUrl");

export const dialect: Dialect = /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgres" : "sqlite";

let sqlite: Database.Database | undefined;
let pg: PgPool | undefined;

function sqliteConnection(): Database.Database {
  sqlite ??= new Database(inject("databasePath"), { readonly: true, fileMustExist: true });
  return sqlite;
}

function pgConnection(): PgPool {
  // COUNT(*) and SUM(integer) are bigint on PostgreSQL: this pool alone reads them as numbers.
  pg ??= pgPool(databaseUrl, { bigintAsNumber: true });
  return pg;
}

afterAll(async () => {
  sqlite?.close();
  sqlite = undefined;
  await pg?.end();
  pg = undefined;
});

/** `?` placeholders → `$1, $2, …` (outside quoted strings and identifiers). */
export function numberedPlaceholders(query: string): string {
  let n = 0;
  let quote: string | undefined;
  let out = "";
  for (const ch of query) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * The one write here: a statement run by ANOTHER connection, as an admin's edit in Prisma
 * Studio or a script would be, to check that the server's caches notice it.
 */
export async function writeAsAnotherConnection(query: string, ...params: unknown[]) {
  if (dialect === "postgres") {
    await pgConnection().query(numberedPlaceholders(query), params);
    return;
  }
  const writer = new Database(inject("databasePath"), { fileMustExist: true });
  try {
    writer.pragma("busy_timeout = 10000");
    writer.prepare(query).run(...params);
  } finally {
    writer.close();
  }
}

export async function rows<T>(query: string, ...params: unknown[]): Promise<T[]> {
  if (dialect === "postgres") {
    return (await pgConnection().query<T>(numberedPlaceholders(query), params)).rows;
  }
  return sqliteConnection()
    .prepare(query)
    .all(...params) as T[];
}

/** The first column of the first row (undefined when there is no row). */
export async function scalar<T = number>(query: string, ...params: unknown[]): Promise<T> {
  if (dialect === "postgres") {
    const [row] = await rows<Record<string, unknown>>(query, ...params);
    return (row === undefined ? undefined : Object.values(row)[0]) as T;
  }
  return sqliteConnection()
    .prepare(query)
    .pluck()
    .get(...params) as T;
}

/** One query per dialect, for the few places where the SQL differs. */
function bySqlDialect(versions: Record<Dialect, string>): string {
  return versions[dialect];
}

export function walletBalance(userId: number): Promise<number> {
  return scalar("SELECT wallet_balance_cents FROM users WHERE id = ?", userId);
}

export function ledgerSum(userId: number): Promise<number> {
  return scalar(
    "SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_transactions WHERE user_id = ?",
    userId,
  );
}

/** Every table of the app's schema, Prisma's migrations table included. */
export async function tableNames(): Promise<string[]> {
  const query = bySqlDialect({
    sqlite:
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    postgres:
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename COLLATE \"C\"",
  });
  return (await rows<{ name: string }>(query)).map((r) => r.name);
}

/** A PostgreSQL table's primary key columns, quoted (the schema stays put during a run). */
const primaryKeys = new Map<string, Promise<string[]>>();
function primaryKey(table: string): Promise<string[]> {
  let key = primaryKeys.get(table);
  if (!key) {
    key = rows<{ name: string }>(
      `SELECT a.attname AS name
       FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
       WHERE i.indrelid = ?::regclass AND i.indisprimary
       ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      `public."${table}"`,
    ).then((columns) => columns.map((c) => `"${c.name}"`));
    primaryKeys.set(table, key);
  }
  return key;
}

/**
 * Which rows a table holds, as cheaply as each database can say it. SQLite: the highest
 * rowid (a seek). PostgreSQL has no rowid: the highest id where the table has an id column
 * (every table but the analytics roll-ups), else a digest of its primary keys, which, like
 * the rowid, changes when a row is added or removed and not when one is updated in place.
 */
async function rowIdentity(table: string): Promise<unknown> {
  if (dialect === "sqlite") return scalar(`SELECT MAX(rowid) FROM "${table}"`);
  const key = await primaryKey(table);
  if (key.length === 1 && key[0] === '"id"') return scalar(`SELECT MAX(id) FROM "${table}"`);
  if (key.length === 0) throw new Error(`snapshot: table ${table} has no primary key`);
  return scalar(
    `SELECT md5(COALESCE(string_agg(k, ',' ORDER BY k COLLATE "C"), ''))
     FROM (SELECT ROW(${key.join(", ")})::text AS k FROM "${table}") keys`,
  );
}

function epochMs(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.getTime();
  return typeof value === "number" ? value : Date.parse(String(value));
}

/**
 * When the clock next moves a reservation on its own (epoch ms; undefined when nothing
 * waits): an upcoming one starting, an active one ending, a booking at a check-in garage
 * becoming a no-show. Due times already past count: the sweep has not run yet.
 */
export async function nextClockTransition(): Promise<number | undefined> {
  const [row] = await rows<{ starts: unknown; ends: unknown; unchecked: unknown }>(
    `SELECT
      (SELECT MIN(start_time) FROM reservations WHERE status = 'upcoming') AS starts,
      (SELECT MIN(end_time) FROM reservations WHERE status = 'active') AS ends,
      (SELECT MIN(r.start_time) FROM reservations r
         JOIN parking_slots s ON s.id = r.slot_id
         JOIN locations l ON l.id = s.location_id
       WHERE r.status IN ('upcoming', 'active') AND r.kind = 'booked'
         AND r.checked_in_at IS NULL AND l.requires_check_in = true) AS unchecked`,
  );
  const unchecked = epochMs(row?.unchecked);
  const due = [
    epochMs(row?.starts),
    epochMs(row?.ends),
    unchecked === undefined ? undefined : unchecked + NO_SHOW_AFTER_MS,
  ].filter((t): t is number => t !== undefined);
  return due.length === 0 ? undefined : Math.min(...due);
}

/**
 * What the database has committed, as a token that changes whenever anyone commits a change
 * (our own connections only read; writeAsAnotherConnection opens its own on SQLite, and its
 * PostgreSQL commit moves the server-wide snapshot too). SQLite: `PRAGMA data_version`, which
 * changes on this connection when another connection or process commits. PostgreSQL: the
 * current snapshot (xmin:xmax:in-progress ids): while it is the same string no transaction
 * has begun writing or ended, so every statement sees the same rows.
 */
async function commitVersion(): Promise<string> {
  if (dialect === "postgres") return scalar<string>("SELECT pg_current_snapshot()::text");
  return String(sqliteConnection().pragma("data_version", { simple: true }));
}

/**
 * `read` again only when something was committed since its last result: the same committed
 * rows give the same result, so a "changed nothing" check stays exact and costs one tiny
 * query per side when nothing changed (thousands of such checks run per suite). The version
 * is read before the rows, so a commit racing the read only makes the next call read again.
 * (snapshot()'s utilization window moves at midnight UTC by itself: the clock's doing, which
 * no request's check should see.)
 */
function unlessCommitted<T extends object>(read: () => Promise<T>): () => Promise<T> {
  let last: { version: string; value: T } | undefined;
  return async () => {
    const version = await commitVersion();
    if (last?.version !== version) last = { version, value: await read() };
    return { ...last.value };
  };
}

/**
 * Everything a rejected request must leave alone: the row count and highest id of every
 * table, every wallet balance, which slots are free, which reservations are active (and
 * until when), how many have each status, and the current utilization totals.
 */
export const snapshot = unlessCommitted(readSnapshot);

async function readSnapshot(): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  // Separate queries: COUNT(*) alone can use a small index, MAX(rowid) alone is a seek.
  for (const table of await tableNames()) {
    state[table] = [await scalar(`SELECT COUNT(*) FROM "${table}"`), await rowIdentity(table)];
  }
  state.balances = await scalar<string>(
    bySqlDialect({
      sqlite:
        "SELECT group_concat(id || ':' || wallet_balance_cents, ',') FROM (SELECT id, wallet_balance_cents FROM users ORDER BY id)",
      postgres: "SELECT string_agg(id || ':' || wallet_balance_cents, ',' ORDER BY id) FROM users",
    }),
  );
  state.balanceSum = await scalar("SELECT SUM(wallet_balance_cents) FROM users");
  state.freeSlots = await scalar<string>(
    bySqlDialect({
      sqlite:
        "SELECT group_concat(id, ',') FROM (SELECT id FROM parking_slots WHERE is_available ORDER BY id)",
      postgres:
        "SELECT string_agg(id::text, ',' ORDER BY id) FROM parking_slots WHERE is_available",
    }),
  );
  for (const status of ["active", "completed", "cancelled"]) {
    state[`${status}Reservations`] = await scalar(
      "SELECT COUNT(*) FROM reservations WHERE status = ?",
      status,
    );
  }
  state.activeReservations = await scalar<string>(
    bySqlDialect({
      sqlite:
        "SELECT group_concat(id || ':' || slot_id || ':' || end_time, ',') FROM (SELECT id, slot_id, end_time FROM reservations WHERE status = 'active' ORDER BY id)",
      postgres:
        "SELECT string_agg(id || ':' || slot_id || ':' || end_time, ',' ORDER BY id) FROM reservations WHERE status = 'active'",
    }),
  );
  // A booking writes utilization for the hours from now on; older rows cannot change.
  // utilization_stats.date is 'YYYY-MM-DD' text (UTC) on both.
  state.recentUtilization = await scalar<string>(
    bySqlDialect({
      sqlite:
        "SELECT COUNT(*) || '/' || SUM(occupancy_count) || '/' || SUM(revenue_cents) FROM utilization_stats WHERE date >= date('now', '-1 day')",
      postgres:
        "SELECT COUNT(*) || '/' || SUM(occupancy_count) || '/' || SUM(revenue_cents) FROM utilization_stats WHERE date >= to_char((now() - interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
    }),
  );
  return state;
}

/** The invariants that must hold after any sequence of requests, however concurrent. */
export async function expectInvariants(): Promise<void> {
  // Every wallet equals the sum of its ledger.
  expect(
    await rows(`
      SELECT u.id, u.wallet_balance_cents AS balance, COALESCE(l.total, 0) AS ledger
      FROM users u
      LEFT JOIN (SELECT user_id, SUM(amount_cents) AS total FROM wallet_transactions GROUP BY user_id) l
        ON l.user_id = u.id
      WHERE u.wallet_balance_cents != COALESCE(l.total, 0)`),
  ).toEqual([]);
  // No wallet and no running balance in the ledger ever went below zero.
  expect(await scalar("SELECT COUNT(*) FROM users WHERE wallet_balance_cents < 0")).toBe(0);
  expect(
    await scalar("SELECT COUNT(*) FROM wallet_transactions WHERE balance_after_cents < 0"),
  ).toBe(0);
  // No slot has two active reservations.
  expect(
    await rows(
      "SELECT slot_id, COUNT(*) AS n FROM reservations WHERE status = 'active' GROUP BY slot_id HAVING COUNT(*) > 1",
    ),
  ).toEqual([]);
  // is_available is false exactly for the slots an active reservation holds.
  expect(
    await rows(`
      SELECT s.id, s.is_available
      FROM parking_slots s
      WHERE s.is_available = EXISTS (
        SELECT 1 FROM reservations r WHERE r.slot_id = s.id AND r.status = 'active')`),
  ).toEqual([]);
  // What an account owes equals the sum of its debt ledger.
  expect(
    await rows(`
      SELECT u.id FROM users u
      WHERE u.outstanding_cents !=
            (SELECT COALESCE(SUM(d.amount_cents), 0) FROM debt_entries d WHERE d.user_id = u.id)`),
  ).toEqual([]);
  // Every booking was paid exactly once by its owner and charged once to the owner's ledger
  // for that payment; its extensions' payments add up to the rest of its total. (A drive-up
  // is billed at exit, and an overstay is a payment of its own: docs/gate.md.)
  expect(
    await rows(`
      SELECT r.id
      FROM reservations r
      WHERE r.kind = 'booked' AND (
         (SELECT COUNT(*) FROM payments p
             WHERE p.reservation_id = r.id AND p.kind = 'booking') != 1
         OR EXISTS (SELECT 1 FROM payments p
             WHERE p.reservation_id = r.id AND p.user_id != r.user_id)
         OR (SELECT SUM(p.amount_cents) FROM payments p
             WHERE p.reservation_id = r.id AND p.kind IN ('booking', 'extension'))
            != r.total_amount_cents
         OR (SELECT COUNT(*) FROM wallet_transactions w
             WHERE w.reservation_id = r.id AND w.kind = 'charge' AND w.user_id = r.user_id
               AND w.amount_cents = -(SELECT p.amount_cents FROM payments p
                                      WHERE p.reservation_id = r.id AND p.kind = 'booking')) != 1)`),
  ).toEqual([]);
  // Every extension was charged exactly once to the owner's ledger, for its amount.
  expect(
    await rows(`
      SELECT p.id FROM payments p
      WHERE p.kind = 'extension'
        AND (SELECT COUNT(*) FROM wallet_transactions w
             WHERE w.payment_id = p.id AND w.kind = 'extension' AND w.user_id = p.user_id
               AND w.amount_cents = -p.amount_cents) != 1`),
  ).toEqual([]);
  // Transaction ids are unique.
  expect(await scalar("SELECT COUNT(*) - COUNT(DISTINCT transaction_id) FROM payments")).toBe(0);
}

/**
 * The SQL of digest(): one statement, built once per run from the schema (every table's
 * row count, and its highest id where it has an id column).
 */
let digestSql: Promise<string> | undefined;

async function buildDigestSql(): Promise<string> {
  const hasId = async (table: string) =>
    (
      await rows(
        bySqlDialect({
          sqlite: "SELECT name FROM pragma_table_info(?) WHERE name = 'id'",
          postgres:
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND column_name = 'id'",
        }),
        table,
      )
    ).length > 0;
  const parts: string[] = [];
  // The rate limits' tables: a refused sign-in is recorded there by design, and expired
  // rows are swept whenever anyone signs in or up.
  const limits = ["login_failures", "sign_up_attempts"];
  for (const table of (await tableNames()).filter((t) => !limits.includes(t))) {
    parts.push(`(SELECT COUNT(*) FROM "${table}") AS "${table}.count"`);
    if (await hasId(table)) parts.push(`(SELECT MAX(id) FROM "${table}") AS "${table}.maxId"`);
  }
  const epoch = bySqlDialect({
    sqlite: "julianday(end_time) * 86400",
    postgres: "EXTRACT(EPOCH FROM end_time)",
  });
  const ids = (where: string) => `SUM(CASE WHEN ${where} THEN id ELSE 0 END)`;
  const aggregates: Record<string, string> = {
    "users.walletCents": "SELECT SUM(wallet_balance_cents) FROM users",
    "users.staffIds": `SELECT ${ids("role = 'staff'")} FROM users`,
    "users.profile":
      "SELECT SUM(length(username) + length(email) + COALESCE(length(phone), 0) + COALESCE(length(vehicle_number), 0)) FROM users",
    "ledger.cents": "SELECT SUM(amount_cents) FROM wallet_transactions",
    "payments.cents": "SELECT SUM(amount_cents) FROM payments",
    "payments.refundedIds": `SELECT ${ids("payment_status = 'refunded'")} FROM payments`,
    "reservations.cents": "SELECT SUM(total_amount_cents) FROM reservations",
    "reservations.cancelledIds": `SELECT ${ids("status = 'cancelled'")} FROM reservations`,
    "reservations.refundedIds": `SELECT ${ids("payment_status = 'refunded'")} FROM reservations`,
    // An end moves end_time; the sweep changes only status (left out: time moves it).
    "reservations.endTimes": `SELECT SUM(${epoch}) FROM reservations`,
    "slots.prices": "SELECT SUM(price_per_hour_cents * id) FROM parking_slots",
    "slots.outOfServiceIds": `SELECT ${ids("out_of_service = true")} FROM parking_slots`,
    "slots.zones": "SELECT SUM(length(zone) * id) FROM parking_slots",
    "slots.lockVersions": "SELECT SUM(lock_version) FROM parking_slots",
    ...Object.fromEntries(
      ["regular", "handicap", "vip", "electric"].map((type) => [
        `slots.${type}Ids`,
        `SELECT ${ids(`slot_type = '${type}'`)} FROM parking_slots`,
      ]),
    ),
    "pricingRules.text": "SELECT SUM(length(rules)) FROM pricing_rules",
  };
  for (const [name, sql] of Object.entries(aggregates)) parts.push(`(${sql}) AS "${name}"`);
  return `SELECT ${parts.join(",\n  ")}`;
}

/**
 * A cheap digest, in one query, of everything a refused request must leave alone: every
 * table's row count and highest id, the money columns' sums, and what a write changes in
 * place (balances, refunds, cancellations, ends, slot settings, pricing rules). Left out:
 * what time changes by itself (the expiry sweep moves reservation status and slot
 * availability) and the rate limits' tables (see buildDigestSql). Cheaper than
 * snapshot(), for checking thousands of requests.
 */
export const digest = unlessCommitted(async (): Promise<Record<string, unknown>> => {
  digestSql ??= buildDigestSql();
  const [row] = await rows<Record<string, unknown>>(await digestSql);
  return row ?? {};
});
