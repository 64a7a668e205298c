// What must hold in an app's database (SQLite; PostgreSQL for the invariants) after any crash, read in ONE read transaction (a
// consistent snapshot, also while the app writes): the booking and money invariants, and
// every success a client was told about (tests/ops/load.ts). Each check returns the rows
// that break it, so a failure names them.
import Database from "better-sqlite3";
import type { Acknowledged } from "./load";
import { pgPool } from "../setup/pg";

type Row = Record<string, unknown>;

// Plain SQL both dialects read alike (SQLite's booleans are 0/1, compared with EXISTS's).
export const INVARIANTS: Record<string, string> = {
  "no slot holds two upcoming or active reservations whose windows overlap": `
    SELECT a.id AS a, b.id AS b, a.slot_id
    FROM reservations a JOIN reservations b
      ON b.slot_id = a.slot_id AND b.id > a.id
     AND a.start_time < b.end_time AND b.start_time < a.end_time
    WHERE a.status IN ('upcoming', 'active') AND b.status IN ('upcoming', 'active')`,
  "no slot has two active reservations": `
    SELECT slot_id, COUNT(*) AS n FROM reservations WHERE status = 'active'
    GROUP BY slot_id HAVING COUNT(*) > 1`,
  "every wallet equals the sum of its ledger": `
    SELECT u.id, u.wallet_balance_cents, COALESCE(SUM(w.amount_cents), 0) AS ledger
    FROM users u LEFT JOIN wallet_transactions w ON w.user_id = u.id
    GROUP BY u.id HAVING u.wallet_balance_cents != COALESCE(SUM(w.amount_cents), 0)`,
  "no wallet and no running balance below zero": `
    SELECT 'user' AS what, id FROM users WHERE wallet_balance_cents < 0
    UNION ALL SELECT 'ledger', id FROM wallet_transactions WHERE balance_after_cents < 0`,
  "every booking has one booking payment by its owner; with its extensions, its total": `
    SELECT r.id FROM reservations r
    WHERE r.kind = 'booked' AND (
          (SELECT COUNT(*) FROM payments p
           WHERE p.reservation_id = r.id AND p.kind = 'booking') != 1
       OR EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id
                  AND p.user_id != r.user_id)
       OR (SELECT SUM(p.amount_cents) FROM payments p WHERE p.reservation_id = r.id
           AND p.kind IN ('booking', 'extension')) != r.total_amount_cents)`,
  "what an account owes equals the sum of its debt ledger": `
    SELECT u.id, u.outstanding_cents FROM users u
    WHERE u.outstanding_cents !=
          (SELECT COALESCE(SUM(d.amount_cents), 0) FROM debt_entries d WHERE d.user_id = u.id)`,
  "every booking has exactly one charge ledger row, of its booking payment": `
    SELECT r.id FROM reservations r
    WHERE r.kind = 'booked' AND ((SELECT COUNT(*) FROM wallet_transactions w
           WHERE w.reservation_id = r.id AND w.kind = 'charge') != 1
       OR NOT EXISTS (SELECT 1 FROM wallet_transactions w JOIN payments p ON p.id = w.payment_id
                      WHERE w.reservation_id = r.id AND w.kind = 'charge' AND p.kind = 'booking'
                        AND w.user_id = r.user_id AND w.amount_cents = -p.amount_cents))`,
  "a refunded reservation is cancelled, its payment refunded, with one refund row; others none (but no-shows)": `
    SELECT r.id, r.status, r.payment_status FROM reservations r
    WHERE (r.payment_status = 'refunded' AND (
             r.status != 'cancelled'
          OR EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id
                     AND p.payment_status != 'refunded')
          OR (SELECT COUNT(*) FROM wallet_transactions w WHERE w.reservation_id = r.id
              AND w.kind = 'refund' AND w.user_id = r.user_id
              AND w.amount_cents = r.total_amount_cents) != 1))
       OR (r.payment_status = 'completed' AND (
             r.status = 'cancelled'
          OR EXISTS (SELECT 1 FROM payments p WHERE p.reservation_id = r.id
                     AND p.payment_status != 'completed')
          OR (r.status != 'no_show' AND EXISTS (SELECT 1 FROM wallet_transactions w
                     WHERE w.reservation_id = r.id AND w.kind = 'refund'))))`,
  "a no-show has one refund row of half its price (rounded down), or none when that is 0": `
    SELECT r.id FROM reservations r
    WHERE r.status = 'no_show'
      AND (SELECT COUNT(*) FROM wallet_transactions w WHERE w.reservation_id = r.id
           AND w.kind = 'refund' AND w.amount_cents = r.total_amount_cents / 2)
          != CASE WHEN r.total_amount_cents / 2 > 0 THEN 1 ELSE 0 END`,
  "a slot is unavailable exactly when an active reservation holds it": `
    SELECT s.id, s.is_available FROM parking_slots s
    WHERE s.is_available = EXISTS (
      SELECT 1 FROM reservations r WHERE r.slot_id = s.id AND r.status = 'active')`,
  "transaction ids are unique": `
    SELECT transaction_id FROM payments GROUP BY transaction_id HAVING COUNT(*) > 1`,
};

function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

function idsIn<T>(database: Database.Database, sql: (list: string) => string, ids: number[]) {
  if (ids.length === 0) return [] as T[];
  return database.prepare(sql(placeholders(ids.length))).all(...ids) as T[];
}

/** Breaks of the acknowledged successes: each must be in the database as it was answered. */
function missingAcknowledgements(database: Database.Database, acks: Acknowledged): string[] {
  const problems: string[] = [];
  const reserved = new Map(
    idsIn<Row>(
      database,
      (list) => `SELECT r.id, r.user_id, r.slot_id, r.total_amount_cents, r.idempotency_key,
                        p.id AS payment_id, p.transaction_id
                 FROM reservations r JOIN payments p ON p.reservation_id = r.id
                 WHERE r.id IN (${list})`,
      acks.reserves.map((a) => a.reservationId),
    ).map((row) => [row.id as number, row]),
  );
  for (const ack of acks.reserves) {
    const row = reserved.get(ack.reservationId);
    const expected = {
      id: ack.reservationId,
      user_id: ack.userId,
      slot_id: ack.slotId,
      total_amount_cents: ack.totalAmountCents,
      idempotency_key: ack.idempotencyKey ?? null,
      payment_id: ack.paymentId,
      transaction_id: ack.transactionId,
    };
    if (JSON.stringify(row) !== JSON.stringify(expected)) {
      problems.push(`reserve 201 ${JSON.stringify(expected)} is ${JSON.stringify(row)}`);
    }
  }

  const states = new Map(
    idsIn<Row>(
      database,
      (list) =>
        `SELECT id, status, payment_status, end_time FROM reservations WHERE id IN (${list})`,
      [...acks.ends, ...acks.cancels].map((a) => a.reservationId),
    ).map((row) => [row.id as number, row]),
  );
  for (const ack of acks.ends) {
    const row = states.get(ack.reservationId);
    if (
      row?.status !== "completed" ||
      Date.parse(String(row.end_time)) !== Date.parse(ack.endTime)
    ) {
      problems.push(`end 200 of ${ack.reservationId} at ${ack.endTime} is ${JSON.stringify(row)}`);
    }
  }
  for (const ack of acks.cancels) {
    const row = states.get(ack.reservationId);
    if (row?.status !== "cancelled" || row.payment_status !== "refunded") {
      problems.push(`cancel 200 of ${ack.reservationId} is ${JSON.stringify(row)}`);
    }
  }

  // A top-up's answer is its ledger row: same user, amount and balance after. Two top-ups
  // may look alike, so rows are counted per look.
  const ledger = new Map<string, number>();
  for (const row of database
    .prepare(
      "SELECT user_id, amount_cents, balance_after_cents FROM wallet_transactions WHERE kind = 'top_up'",
    )
    .all() as Row[]) {
    const look = `${row.user_id}:${row.amount_cents}:${row.balance_after_cents}`;
    ledger.set(look, (ledger.get(look) ?? 0) + 1);
  }
  for (const ack of acks.topUps) {
    const look = `${ack.userId}:${ack.amountCents}:${ack.walletBalanceCents}`;
    const left = ledger.get(look) ?? 0;
    if (left === 0) problems.push(`top-up 200 ${look} has no ledger row`);
    else ledger.set(look, left - 1);
  }

  // Staff overrides and top-ups for others were audited in the same transaction.
  const audited = new Set(
    (
      database
        .prepare("SELECT action, target_id, after FROM audit_log WHERE action IN (?, ?, ?)")
        .all("reservation_end", "reservation_cancel", "wallet_top_up") as Row[]
    ).map((row) =>
      row.action === "wallet_top_up"
        ? `wallet_top_up:${row.target_id}:${(JSON.parse(String(row.after)) as { walletBalanceCents: number }).walletBalanceCents}`
        : `${row.action}:${row.target_id}`,
    ),
  );
  const expectedAudits = [
    ...acks.ends.filter((a) => a.byStaff).map((a) => `reservation_end:${a.reservationId}`),
    ...acks.cancels.filter((a) => a.byStaff).map((a) => `reservation_cancel:${a.reservationId}`),
    ...acks.topUps
      .filter((a) => a.byStaff)
      .map((a) => `wallet_top_up:${a.userId}:${a.walletBalanceCents}`),
  ];
  for (const audit of expectedAudits) {
    if (!audited.has(audit)) problems.push(`no audit entry ${audit}`);
  }
  return problems;
}

/**
 * Every invariant and every acknowledged success, checked on one snapshot of the file.
 * Returns the problems (none: an empty list).
 */
export function checkDatabase(file: string, acks: Acknowledged): string[] {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    database.pragma("busy_timeout = 10000");
    const problems: string[] = [];
    const inSnapshot = database.transaction(() => {
      for (const [name, sql] of Object.entries(INVARIANTS)) {
        const rows = database.prepare(sql).all() as Row[];
        if (rows.length > 0) problems.push(`${name}: ${JSON.stringify(rows.slice(0, 5))}`);
      }
      problems.push(...missingAcknowledgements(database, acks));
    });
    inSnapshot();
    return problems;
  } finally {
    database.close();
  }
}

/** Row counts of the tables the load writes, for "the load did something" checks. */
export function tableCounts(file: string): Record<string, number> {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) =>
      (database.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return Object.fromEntries(
      ["reservations", "payments", "wallet_transactions", "audit_log"].map((t) => [t, count(t)]),
    );
  } finally {
    database.close();
  }
}

/**
 * The invariants on a PostgreSQL database no server is writing to (each query reads on its
 * own, so a database in use would need one snapshot). Returns the problems.
 */
export async function checkPostgresInvariants(url: string): Promise<string[]> {
  const pool = pgPool(url, { bigintAsNumber: true });
  try {
    const problems: string[] = [];
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const { rows } = await pool.query(sql);
      if (rows.length > 0) problems.push(`${name}: ${JSON.stringify(rows.slice(0, 5))}`);
    }
    return problems;
  } finally {
    await pool.end();
  }
}
