// Upgrading a PostgreSQL database of the release before locations: its migrations and
// data, then this release's migrations (as `prisma migrate deploy` would run them). Every
// row survives, everything moves into one location, wallets equal their ledgers, and the
// roll-ups equal a recomputation, also after a write through the regenerated triggers.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { dropDatabase, pgPool } from "../setup/pg";
import { ROLLUPS, ROLLUP_TABLES } from "@/lib/analytics/rollups";
import {
  FIRST_NEW_MIGRATION,
  PRESERVED_QUERIES,
  migrationsOf,
  numbered,
  previousReleaseData,
} from "../upgrade/previous-release";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/postgres/migrations");
const scratchName = `parking_upgrade_${process.pid}`;
const admin = pgPool(process.env.PG_TEST_URL!);

afterAll(async () => {
  // The test's pool has ended, but its sessions leave the server a moment later; a forced
  // drop before then terminates them, and a terminated client still ending throws an
  // uncaught error into the test run. Wait for them first (FORCE stays the backstop).
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { rows } = await admin.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = $1",
      [scratchName],
    );
    if (Number(rows[0]?.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await dropDatabase(admin, scratchName);
  await admin.end();
});

describe("upgrading a PostgreSQL database of the previous release", () => {
  it("keeps every row, moves everything into one location, and the roll-ups stay right", async () => {
    await dropDatabase(admin, scratchName);
    await admin.query(`CREATE DATABASE ${scratchName}`);
    const url = new URL(process.env.PG_TEST_URL!);
    url.pathname = `/${scratchName}`;
    const db = pgPool(url.toString(), { bigintAsNumber: true });
    try {
      const { previous, current } = migrationsOf(MIGRATIONS);
      expect(current[0]).toBe(FIRST_NEW_MIGRATION);
      const apply = async (names: string[]) => {
        for (const name of names) {
          await db.query(fs.readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
        }
      };
      await apply(previous);
      for (const { sql, params } of previousReleaseData()) await db.query(numbered(sql), params);
      const read = async () =>
        Object.fromEntries(
          await Promise.all(
            Object.entries(PRESERVED_QUERIES).map(
              async ([name, sql]) => [name, (await db.query(sql)).rows] as const,
            ),
          ),
        );
      const before = await read();
      expect(before.walletsOffLedger).toEqual([]);
      expect(before.reservations).toHaveLength(5);
      await apply(current);
      expect(await read()).toEqual(before);

      const locations = await db.query("SELECT id, slug, name, time_zone FROM locations");
      expect(locations.rows).toEqual([
        { id: 1, slug: "main", name: "Main garage", time_zone: "UTC" },
      ]);
      const slotLocations = await db.query("SELECT DISTINCT location_id FROM parking_slots");
      expect(slotLocations.rows).toEqual([{ location_id: 1 }]);
      const staff = await db.query("SELECT user_id, location_id FROM staff_locations");
      expect(staff.rows).toEqual([{ user_id: 1, location_id: 1 }]);
      const rules = await db.query<{ location_id: number }>(
        "SELECT location_id FROM pricing_rules",
      );
      expect(rules.rows).toEqual([{ location_id: 1 }]);

      const expectRollupsEqualRecompute = async () => {
        for (const table of ROLLUP_TABLES) {
          const { columns, key, select } = ROLLUPS[table];
          const values = columns.filter((c) => !(key as readonly string[]).includes(c));
          const nonZero = values.map((c) => `${c} <> 0`).join(" OR ");
          const order = key.map((_, i) => i + 1).join(", ");
          const list = columns.join(", ");
          const stored = await db.query(
            `SELECT ${list} FROM ${table} WHERE ${nonZero} ORDER BY ${order}`,
          );
          const recomputed = await db.query(
            `SELECT ${list} FROM (${select("postgres")}) x WHERE ${nonZero} ORDER BY ${order}`,
          );
          // SUM() of integers is numeric (a string here): compare the measures as numbers.
          const normalize = (rows: Record<string, unknown>[]) =>
            rows.map((row) => ({
              ...row,
              ...Object.fromEntries(values.map((c) => [c, Number(row[c])])),
            }));
          expect(normalize(stored.rows), table).toEqual(normalize(recomputed.rows));
          expect(stored.rows.length, table).toBeGreaterThan(0);
        }
      };
      await expectRollupsEqualRecompute();
      await db.query(
        `INSERT INTO utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)
         VALUES (3, '2026-12-06', 10, 1, 450)`,
      );
      await db.query("UPDATE parking_slots SET out_of_service = true WHERE id = 4");
      await expectRollupsEqualRecompute();
    } finally {
      await db.end();
    }
  });
});
