// Upgrading a database made by the previous release (before locations): its migrations,
// realistic data written at that schema, then this release's migrations. Nothing is lost,
// everything moves into one location, the roll-ups still equal a recomputation and their
// triggers still work. A database with no data gets no location. (SQLite; the same
// migrations on PostgreSQL were checked by hand: see docs/locations.md.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ROLLUPS, ROLLUP_TABLES } from "@/lib/analytics/rollups";
import { projectRoot, testTmpDir } from "../../setup/paths";

const MIGRATIONS = path.join(projectRoot, "prisma/migrations");
/** The first migration of the release that brought locations. */
const FIRST_NEW = "20261205072114_locations";

function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS)
    .filter((name) => fs.statSync(path.join(MIGRATIONS, name)).isDirectory())
    .sort();
}

function apply(db: Database.Database, names: string[]): void {
  for (const name of names) {
    db.exec(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
  }
}

const files: string[] = [];
function freshDatabase(): Database.Database {
  const file = path.join(testTmpDir, `upgrade-${process.pid}-${files.length}.db`);
  fs.rmSync(file, { force: true });
  files.push(file);
  const db = new Database(file);
  db.pragma("foreign_keys = ON");
  return db;
}
afterAll(() => {
  for (const file of files) fs.rmSync(file, { force: true });
});

const T = (iso: string) => new Date(iso).toISOString();

/** Data as the previous release wrote it: slots on 3 floors, drivers and staff, bookings. */
function fillPreviousRelease(db: Database.Database): void {
  const slot = db.prepare(
    `INSERT INTO parking_slots (slot_number, floor_number, zone, slot_type, is_available,
       out_of_service, price_per_hour_cents, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const types = ["regular", "handicap", "vip", "electric"];
  for (let floor = 1; floor <= 3; floor++) {
    for (let n = 1; n <= 4; n++) {
      slot.run(
        `${floor}-A-${n}`,
        floor,
        "A",
        types[n - 1],
        1,
        n === 4 && floor === 3 ? 1 : 0,
        300 + n * 50,
        T("2026-10-01T00:00:00Z"),
      );
    }
  }
  const user = db.prepare(
    `INSERT INTO users (username, email, role, password_hash, wallet_balance_cents, created_at)
     VALUES (?, ?, ?, 'x', 0, ?)`,
  );
  user.run("staff", "staff@example.test", "staff", T("2026-10-01T00:00:00Z"));
  user.run("alice", "alice@example.test", "driver", T("2026-10-01T00:00:00Z"));
  user.run("bob", "bob@example.test", "driver", T("2026-10-01T00:00:00Z"));

  const topUp = (userId: number, cents: number, at: string) => {
    const balance =
      (
        db.prepare("SELECT wallet_balance_cents AS b FROM users WHERE id = ?").get(userId) as {
          b: number;
        }
      ).b + cents;
    db.prepare("UPDATE users SET wallet_balance_cents = ? WHERE id = ?").run(balance, userId);
    db.prepare(
      `INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, created_at)
       VALUES (?, 'top_up', ?, ?, ?)`,
    ).run(userId, cents, balance, T(at));
  };
  topUp(2, 10_000, "2026-11-01T08:00:00Z");
  topUp(3, 20_000, "2026-11-01T08:00:00Z");

  let tx = 0;
  const book = (userId: number, slotId: number, start: string, hours: number, status: string) => {
    const cents = 400 * hours;
    const end = new Date(new Date(start).getTime() + hours * 3_600_000).toISOString();
    const refunded = status === "cancelled";
    const r = db
      .prepare(
        `INSERT INTO reservations (user_id, slot_id, start_time, end_time, duration_hours,
           total_amount_cents, payment_status, status, hourly_cents, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        userId,
        slotId,
        T(start),
        end,
        hours,
        cents,
        refunded ? "refunded" : "completed",
        status,
        JSON.stringify(Array(hours).fill(400)),
        T(start),
      );
    const reservationId = Number(r.lastInsertRowid);
    const p = db
      .prepare(
        `INSERT INTO payments (reservation_id, user_id, amount_cents, transaction_id, payment_status, payment_date)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        reservationId,
        userId,
        cents,
        `TXN-UPGRADE-${String(++tx).padStart(8, "0")}`,
        refunded ? "refunded" : "completed",
        T(start),
      );
    const paymentId = Number(p.lastInsertRowid);
    const charge = (kind: string, amount: number) => {
      const balance =
        (
          db.prepare("SELECT wallet_balance_cents AS b FROM users WHERE id = ?").get(userId) as {
            b: number;
          }
        ).b + amount;
      db.prepare("UPDATE users SET wallet_balance_cents = ? WHERE id = ?").run(balance, userId);
      db.prepare(
        `INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, payment_id, reservation_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(userId, kind, amount, balance, paymentId, reservationId, T(start));
    };
    charge("charge", -cents);
    if (refunded) {
      charge("refund", cents);
      return;
    }
    for (let h = 0; h < hours; h++) {
      const at = new Date(new Date(start).getTime() + h * 3_600_000);
      db.prepare(
        `INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
         VALUES (?, ?, ?, 1, 400)
         ON CONFLICT (slot_id, date, hour) DO UPDATE SET
           occupancy_count = occupancy_count + 1, revenue_cents = revenue_cents + 400`,
      ).run(slotId, at.toISOString().slice(0, 10), at.getUTCHours());
    }
    if (status === "active")
      db.prepare("UPDATE parking_slots SET is_available = false WHERE id = ?").run(slotId);
  };
  book(2, 1, "2026-11-02T09:00:00Z", 3, "completed");
  book(3, 2, "2026-11-02T10:00:00Z", 2, "completed");
  book(2, 5, "2026-11-03T07:00:00Z", 1, "cancelled");
  book(3, 6, "2026-12-05T06:00:00Z", 24, "active");
  book(2, 7, "2026-12-20T09:00:00Z", 2, "upcoming");
  db.prepare(
    "INSERT INTO pricing_rules (id, rules, updated_at, updated_by_id) VALUES (1, ?, ?, 1)",
  ).run(
    JSON.stringify({
      enabled: true,
      occupancyTiers: [],
      hourOfWeek: [],
      slotTypes: { vip: 1.5 },
      maxMultiplier: 2,
    }),
    T("2026-11-01T00:00:00Z"),
  );
}

type Row = Record<string, unknown>;
const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[];

function contents(db: Database.Database) {
  return {
    users: all(db, "SELECT id, username, role, wallet_balance_cents FROM users ORDER BY id"),
    slots: all(
      db,
      `SELECT id, slot_number, floor_number, zone, slot_type, is_available, out_of_service,
         price_per_hour_cents FROM parking_slots ORDER BY id`,
    ),
    // The previous release's columns (later releases add more).
    reservations: all(
      db,
      `SELECT id, user_id, slot_id, start_time, end_time, duration_hours, total_amount_cents,
         payment_status, status, idempotency_key, hourly_cents, created_at
       FROM reservations ORDER BY id`,
    ),
    payments: all(
      db,
      `SELECT id, reservation_id, user_id, amount_cents, payment_method, transaction_id,
         payment_status, payment_date FROM payments ORDER BY id`,
    ),
    ledger: all(
      db,
      `SELECT id, user_id, kind, amount_cents, balance_after_cents, payment_id, reservation_id,
         created_at FROM wallet_transactions ORDER BY id`,
    ),
    utilization: all(
      db,
      "SELECT slot_id, date, hour, occupancy_count, revenue_cents FROM utilization_stats ORDER BY id",
    ),
  };
}

function expectRollupsEqualRecompute(db: Database.Database): void {
  for (const table of ROLLUP_TABLES) {
    const { columns, key, select } = ROLLUPS[table];
    const values = columns.filter((c) => !(key as readonly string[]).includes(c));
    const nonZero = values.map((c) => `${c} <> 0`).join(" OR ");
    const order = key.map((_, i) => i + 1).join(", ");
    const stored = all(
      db,
      `SELECT ${columns.join(", ")} FROM ${table} WHERE ${nonZero} ORDER BY ${order}`,
    );
    const recomputed = all(
      db,
      `SELECT ${columns.join(", ")} FROM (${select("sqlite")}) x WHERE ${nonZero} ORDER BY ${order}`,
    );
    expect(stored, table).toEqual(recomputed);
    if (table !== "analytics_hourly_type") expect(stored.length, table).toBeGreaterThan(0);
  }
}

describe("upgrading a database of the previous release", () => {
  const names = migrationNames();
  const previous = names.filter((name) => name < FIRST_NEW);
  const current = names.filter((name) => name >= FIRST_NEW);

  it("keeps every row, moves everything into one location, and the roll-ups stay right", () => {
    expect(previous.length).toBeGreaterThan(0);
    expect(current[0]).toBe(FIRST_NEW);
    const db = freshDatabase();
    apply(db, previous);
    fillPreviousRelease(db);
    const before = contents(db);
    apply(db, current);

    expect(contents(db)).toEqual(before);
    const locations = all(db, "SELECT id, slug, name, time_zone FROM locations");
    expect(locations).toEqual([{ id: 1, slug: "main", name: "Main garage", time_zone: "UTC" }]);
    expect(all(db, "SELECT DISTINCT location_id FROM parking_slots")).toEqual([{ location_id: 1 }]);
    expect(all(db, "SELECT user_id, location_id FROM staff_locations")).toEqual([
      { user_id: 1, location_id: 1 },
    ]);
    const rules = all(db, "SELECT location_id, rules FROM pricing_rules");
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ location_id: 1 });
    expect(JSON.parse(String(rules[0]!.rules))).toMatchObject({ slotTypes: { vip: 1.5 } });
    // Wallets equal their ledgers.
    expect(
      all(
        db,
        `SELECT u.id FROM users u WHERE u.wallet_balance_cents <>
           (SELECT COALESCE(SUM(amount_cents), 0) FROM wallet_transactions w WHERE w.user_id = u.id)`,
      ),
    ).toEqual([]);
    expectRollupsEqualRecompute(db);

    // The triggers of the redefined tables still keep the roll-ups: a booking after the
    // upgrade moves them exactly as a recomputation says.
    db.prepare(
      `INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
       VALUES (3, '2026-12-06', 10, 1, 450)`,
    ).run();
    db.prepare("UPDATE parking_slots SET out_of_service = true WHERE id = 4").run();
    expectRollupsEqualRecompute(db);
    // Slot numbers are unique per location now, not across the network.
    db.prepare(
      "INSERT INTO locations (slug, name, address, time_zone) VALUES ('second', 'Second', '', 'Europe/London')",
    ).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO parking_slots (location_id, slot_number, floor_number, zone, slot_type, price_per_hour_cents)
           VALUES (2, '1-A-1', 1, 'A', 'regular', 300)`,
        )
        .run(),
    ).not.toThrow();
    expect(() =>
      db
        .prepare(
          `INSERT INTO parking_slots (location_id, slot_number, floor_number, zone, slot_type, price_per_hour_cents)
           VALUES (1, '1-A-1', 1, 'A', 'regular', 300)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it("creates no location in a database that holds no data", () => {
    const db = freshDatabase();
    apply(db, names);
    expect(all(db, "SELECT * FROM locations")).toEqual([]);
    db.close();
  });
});
