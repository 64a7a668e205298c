// Upgrading a database made by the previous release (before locations): its migrations,
// realistic data written at that schema, then this release's migrations. Nothing is lost,
// everything moves into one location, the roll-ups still equal a recomputation and their
// triggers still work. A database with no data gets no location. (PostgreSQL:
// tests/api-pg/upgrade.test.ts.)
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ROLLUPS, ROLLUP_TABLES } from "@/lib/analytics/rollups";
import { projectRoot, testTmpDir } from "../../setup/paths";
import {
  FIRST_NEW_MIGRATION,
  PRESERVED_QUERIES,
  migrationsOf,
  previousReleaseData,
} from "../../upgrade/previous-release";

const MIGRATIONS = path.join(projectRoot, "prisma/migrations");

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

type Row = Record<string, unknown>;
const all = (db: Database.Database, sql: string) => db.prepare(sql).all() as Row[];

function fillPreviousRelease(db: Database.Database): void {
  for (const { sql, params } of previousReleaseData()) db.prepare(sql).run(...params);
}

function contents(db: Database.Database) {
  return Object.fromEntries(
    Object.entries(PRESERVED_QUERIES).map(([name, sql]) => [name, all(db, sql)]),
  );
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
    expect(stored.length, table).toBeGreaterThan(0);
  }
}

describe("upgrading a database of the previous release", () => {
  const { previous, current } = migrationsOf(MIGRATIONS);

  it("keeps every row, moves everything into one location, and the roll-ups stay right", () => {
    expect(previous.length).toBeGreaterThan(0);
    expect(current[0]).toBe(FIRST_NEW_MIGRATION);
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
    expect(all(db, PRESERVED_QUERIES.walletsOffLedger)).toEqual([]);
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
    apply(db, [...previous, ...current]);
    expect(all(db, "SELECT * FROM locations")).toEqual([]);
    db.close();
  });
});
