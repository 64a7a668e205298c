// Read-only access to the server's database for invariant checks. The app keeps SQLite in
// WAL mode, so a second, read-only connection sees every committed write and never blocks
// the server's writer.
import Database from "better-sqlite3";
import { afterAll, expect, inject } from "vitest";

let connection: Database.Database | undefined;

export function sql(): Database.Database {
  connection ??= new Database(inject("databasePath"), { readonly: true, fileMustExist: true });
  return connection;
}

afterAll(() => {
  connection?.close();
  connection = undefined;
});

export function scalar<T = number>(query: string, ...params: unknown[]): T {
  return sql()
    .prepare(query)
    .pluck()
    .get(...params) as T;
}

export function rows<T>(query: string, ...params: unknown[]): T[] {
  return sql()
    .prepare(query)
    .all(...params) as T[];
}

export function walletBalance(userId: number): number {
  return scalar("SELECT wallet_balance_cents FROM users WHERE id = ?", userId);
}

export function ledgerSum(userId: number): number {
  return scalar(
    "SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_transactions WHERE user_id = ?",
    userId,
  );
}

export function tableNames(): string[] {
  return rows<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  ).map((r) => r.name);
}

/**
 * Everything a rejected request must leave alone: the row count and highest id of every
 * table, every wallet balance, which slots are free, which reservations are active (and
 * until when), how many have each status, and the current utilization totals.
 */
export function snapshot(): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  // Separate queries: COUNT(*) alone can use a small index, MAX(rowid) alone is a seek.
  for (const table of tableNames()) {
    state[table] = [
      scalar(`SELECT COUNT(*) FROM "${table}"`),
      scalar(`SELECT MAX(rowid) FROM "${table}"`),
    ];
  }
  state.balances = scalar<string>(
    "SELECT group_concat(id || ':' || wallet_balance_cents, ',') FROM (SELECT id, wallet_balance_cents FROM users ORDER BY id)",
  );
  state.balanceSum = scalar("SELECT SUM(wallet_balance_cents) FROM users");
  state.freeSlots = scalar<string>(
    "SELECT group_concat(id, ',') FROM (SELECT id FROM parking_slots WHERE is_available ORDER BY id)",
  );
  for (const status of ["active", "completed", "cancelled"]) {
    state[`${status}Reservations`] = scalar(
      "SELECT COUNT(*) FROM reservations WHERE status = ?",
      status,
    );
  }
  state.activeReservations = scalar<string>(
    "SELECT group_concat(id || ':' || slot_id || ':' || end_time, ',') FROM (SELECT id, slot_id, end_time FROM reservations WHERE status = 'active' ORDER BY id)",
  );
  // A booking writes utilization for the hours from now on; older rows cannot change.
  state.recentUtilization = scalar<string>(
    "SELECT COUNT(*) || '/' || SUM(occupancy_count) || '/' || SUM(revenue_cents) FROM utilization_stats WHERE date >= date('now', '-1 day')",
  );
  return state;
}

/** The invariants that must hold after any sequence of requests, however concurrent. */
export function expectInvariants(): void {
  // Every wallet equals the sum of its ledger.
  expect(
    rows(`
      SELECT u.id, u.wallet_balance_cents AS balance, COALESCE(l.total, 0) AS ledger
      FROM users u
      LEFT JOIN (SELECT user_id, SUM(amount_cents) AS total FROM wallet_transactions GROUP BY user_id) l
        ON l.user_id = u.id
      WHERE u.wallet_balance_cents != COALESCE(l.total, 0)`),
  ).toEqual([]);
  // No wallet and no running balance in the ledger ever went below zero.
  expect(scalar("SELECT COUNT(*) FROM users WHERE wallet_balance_cents < 0")).toBe(0);
  expect(scalar("SELECT COUNT(*) FROM wallet_transactions WHERE balance_after_cents < 0")).toBe(0);
  // No slot has two active reservations.
  expect(
    rows(
      "SELECT slot_id, COUNT(*) AS n FROM reservations WHERE status = 'active' GROUP BY slot_id HAVING n > 1",
    ),
  ).toEqual([]);
  // is_available is false exactly for the slots an active reservation holds.
  expect(
    rows(`
      SELECT s.id, s.is_available
      FROM parking_slots s
      WHERE s.is_available = EXISTS (
        SELECT 1 FROM reservations r WHERE r.slot_id = s.id AND r.status = 'active')`),
  ).toEqual([]);
  // Every reservation was paid exactly once, by its owner, for its full amount, and charged
  // exactly once to the owner's ledger.
  expect(
    rows(`
      SELECT r.id
      FROM reservations r
      WHERE (SELECT COUNT(*) FROM payments p
             WHERE p.reservation_id = r.id AND p.user_id = r.user_id
               AND p.amount_cents = r.total_amount_cents) != 1
         OR (SELECT COUNT(*) FROM payments p WHERE p.reservation_id = r.id) != 1
         OR (SELECT COUNT(*) FROM wallet_transactions w
             WHERE w.reservation_id = r.id AND w.kind = 'charge'
               AND w.user_id = r.user_id AND w.amount_cents = -r.total_amount_cents) != 1`),
  ).toEqual([]);
  // Transaction ids are unique.
  expect(scalar("SELECT COUNT(*) - COUNT(DISTINCT transaction_id) FROM payments")).toBe(0);
}
