// The roll-up triggers and refill SQL in the migrations are what lib/analytics/rollups.ts
// generates (`npm run db:rollups`): the newest migration of each dialect that carries the
// markers holds exactly the generated text between them, so the one definition and the
// database cannot drift apart.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLLUP_MARKERS, rollupMigrationSql } from "@/lib/analytics/rollups";
import type { Dialect } from "@/lib/db/dialect";

const MIGRATIONS: Record<Dialect, string> = {
  sqlite: path.join(process.cwd(), "prisma/migrations"),
  postgres: path.join(process.cwd(), "prisma/postgres/migrations"),
};

function migrationsOf(d: Dialect): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS[d], { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      sql: readFileSync(path.join(MIGRATIONS[d], name, "migration.sql"), "utf8"),
    }));
}

/** The text from the begin marker through the end marker; null without the markers. */
function between(sql: string, [begin, end]: readonly [string, string]): string | null {
  const from = sql.indexOf(begin);
  if (from < 0) return null;
  expect(sql.indexOf(begin, from + 1), `${begin} appears once`).toBe(-1);
  const to = sql.indexOf(end, from);
  expect(to, `${end} follows ${begin}`).toBeGreaterThan(from);
  return sql.slice(from, to + end.length);
}

describe.each(["sqlite", "postgres"] as const)("%s migrations", (d) => {
  const marked = migrationsOf(d).filter((m) => m.sql.includes(ROLLUP_MARKERS.create[0]));
  const newest = marked.at(-1);

  it("carry the generated roll-up SQL in their newest marked migration", () => {
    expect(newest, "a migration with the roll-up markers").toBeDefined();
    const generated = rollupMigrationSql(d);
    expect(between(newest!.sql, ROLLUP_MARKERS.create), newest!.name).toBe(generated.create);
    expect(between(newest!.sql, ROLLUP_MARKERS.drop), newest!.name).toBe(generated.drop);
  });

  it("drop the old triggers before creating the new ones", () => {
    const sql = newest!.sql;
    expect(sql.indexOf(ROLLUP_MARKERS.drop[0])).toBeLessThan(sql.indexOf(ROLLUP_MARKERS.create[0]));
  });
});
