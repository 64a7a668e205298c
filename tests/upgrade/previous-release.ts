// A database as the release before locations left it, for the upgrade tests of both
// dialects (tests/unit/db/upgrade.test.ts, tests/api-pg/upgrade.test.ts): that release's
// migrations, and realistic data written at its schema as plain statements (`?`
// placeholders; balances computed here, so nothing needs to be read back).
import fs from "node:fs";
import path from "node:path";

/** The first migration of the release that brought locations. */
export const FIRST_NEW_MIGRATION = "20261205072114_locations";

/** Migration folder names in order, split at the release. */
export function migrationsOf(folder: string): { previous: string[]; current: string[] } {
  const names = fs
    .readdirSync(folder)
    .filter((name) => fs.statSync(path.join(folder, name)).isDirectory())
    .sort();
  return {
    previous: names.filter((name) => name < FIRST_NEW_MIGRATION),
    current: names.filter((name) => name >= FIRST_NEW_MIGRATION),
  };
}

export type Statement = { sql: string; params: (string | number | null)[] };

/** A statement's `?` placeholders as PostgreSQL's $1, $2, … */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const iso = (at: string | number) => new Date(at).toISOString();
const HOUR = 3_600_000;

/**
 * Slots on 3 floors (one out of service), staff and two drivers, and their bookings: two
 * completed and one cancelled in November, one running at `now` (started 2 hours before
 * its whole hour, for 24 hours) and one booked a day before `now` for 15 days later.
 */
export function previousReleaseData(now: Date = new Date()): Statement[] {
  const out: Statement[] = [];
  const run = (sql: string, ...params: Statement["params"]) => out.push({ sql, params });
  const types = ["regular", "handicap", "vip", "electric"];
  for (let floor = 1; floor <= 3; floor++) {
    for (let n = 1; n <= 4; n++) {
      const outOfService = n === 4 && floor === 3;
      run(
        `INSERT INTO parking_slots (slot_number, floor_number, zone, slot_type, is_available,
           out_of_service, price_per_hour_cents, created_at)
         VALUES (?, ?, 'A', ?, true, ${outOfService ? "true" : "false"}, ?, ?)`,
        `${floor}-A-${n}`,
        floor,
        types[n - 1]!,
        300 + n * 50,
        iso("2026-10-01T00:00:00Z"),
      );
    }
  }
  const balances = new Map<number, number>();
  for (const [username, role] of [
    ["staff", "staff"],
    ["alice", "driver"],
    ["bob", "driver"],
  ] as const) {
    run(
      `INSERT INTO users (username, email, role, password_hash, wallet_balance_cents, created_at)
       VALUES (?, ?, ?, 'x', 0, ?)`,
      username,
      `${username}@example.test`,
      role,
      iso("2026-10-01T00:00:00Z"),
    );
  }
  const ledger = (
    userId: number,
    kind: string,
    cents: number,
    at: string,
    refs: { paymentId: number; reservationId: number } | null,
  ) => {
    const balance = (balances.get(userId) ?? 0) + cents;
    balances.set(userId, balance);
    run("UPDATE users SET wallet_balance_cents = ? WHERE id = ?", balance, userId);
    run(
      `INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents,
         payment_id, reservation_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      userId,
      kind,
      cents,
      balance,
      refs?.paymentId ?? null,
      refs?.reservationId ?? null,
      iso(at),
    );
  };
  ledger(2, "top_up", 10_000, "2026-11-01T08:00:00Z", null);
  ledger(3, "top_up", 20_000, "2026-11-01T08:00:00Z", null);

  let reservationId = 0;
  const utilization = new Map<string, number>();
  const book = (
    userId: number,
    slotId: number,
    start: string,
    hours: number,
    status: string,
    bookedAt: string = start,
  ) => {
    const id = ++reservationId;
    const cents = 400 * hours;
    const startMs = new Date(start).getTime();
    const cancelled = status === "cancelled";
    run(
      `INSERT INTO reservations (id, user_id, slot_id, start_time, end_time, duration_hours,
         total_amount_cents, payment_status, status, hourly_cents, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      userId,
      slotId,
      iso(startMs),
      iso(startMs + hours * HOUR),
      hours,
      cents,
      cancelled ? "refunded" : "completed",
      status,
      JSON.stringify(Array<number>(hours).fill(400)),
      iso(bookedAt),
    );
    run(
      `INSERT INTO payments (id, reservation_id, user_id, amount_cents, transaction_id,
         payment_status, payment_date) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      id,
      id,
      userId,
      cents,
      `TXN-UPGRADE-${String(id).padStart(8, "0")}`,
      cancelled ? "refunded" : "completed",
      iso(bookedAt),
    );
    const refs = { paymentId: id, reservationId: id };
    ledger(userId, "charge", -cents, bookedAt, refs);
    if (cancelled) {
      ledger(userId, "refund", cents, bookedAt, refs);
      return;
    }
    for (let h = 0; h < hours; h++) {
      const at = new Date(startMs + h * HOUR);
      const key = `${slotId}|${at.toISOString().slice(0, 10)}|${at.getUTCHours()}`;
      utilization.set(key, (utilization.get(key) ?? 0) + 1);
    }
    if (status === "active") {
      run("UPDATE parking_slots SET is_available = false WHERE id = ?", slotId);
    }
  };
  book(2, 1, "2026-11-02T09:00:00Z", 3, "completed");
  book(3, 2, "2026-11-02T10:00:00Z", 2, "completed");
  book(2, 5, "2026-11-03T07:00:00Z", 1, "cancelled");
  const hour = Math.floor(now.getTime() / HOUR) * HOUR;
  book(3, 6, iso(hour - 2 * HOUR), 24, "active");
  book(2, 7, iso(hour + 15 * 24 * HOUR), 2, "upcoming", iso(hour - 24 * HOUR));
  for (const [key, count] of utilization) {
    const [slotId, date, hour] = key.split("|");
    run(
      `INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
       VALUES (?, ?, ?, ?, ?)`,
      Number(slotId),
      date!,
      Number(hour),
      count,
      400 * count,
    );
  }
  run(
    "INSERT INTO pricing_rules (id, rules, updated_at, updated_by_id) VALUES (1, ?, ?, 1)",
    JSON.stringify({
      enabled: true,
      occupancyTiers: [],
      hourOfWeek: [],
      slotTypes: { vip: 1.5 },
      minMultiplier: 0.5,
      maxMultiplier: 2,
    }),
    iso("2026-11-01T00:00:00Z"),
  );
  return out;
}

/** What must survive the upgrade unchanged: the previous release's columns. */
export const PRESERVED_QUERIES = {
  users: "SELECT id, username, role, wallet_balance_cents FROM users ORDER BY id",
  slots: `SELECT id, slot_number, floor_number, zone, slot_type, is_available, out_of_service,
      price_per_hour_cents FROM parking_slots ORDER BY id`,
  reservations: `SELECT id, user_id, slot_id, start_time, end_time, duration_hours,
      total_amount_cents, payment_status, status, idempotency_key, hourly_cents, created_at
    FROM reservations ORDER BY id`,
  payments: `SELECT id, reservation_id, user_id, amount_cents, payment_method, transaction_id,
      payment_status, payment_date FROM payments ORDER BY id`,
  ledger: `SELECT id, user_id, kind, amount_cents, balance_after_cents, payment_id,
      reservation_id, created_at FROM wallet_transactions ORDER BY id`,
  utilization: `SELECT slot_id, date, hour, occupancy_count, revenue_cents
    FROM utilization_stats ORDER BY slot_id, date, hour`,
  walletsOffLedger: `SELECT u.id FROM users u WHERE u.wallet_balance_cents <>
      (SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_transactions w WHERE w.user_id = u.id)`,
};
