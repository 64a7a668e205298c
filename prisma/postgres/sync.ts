// `npm run db:pg:sync [-- --check]`: keeps the PostgreSQL schema and migrations in
// prisma/postgres in step with prisma/schema.prisma, the one source of truth.
// 1. Derives the PostgreSQL schema from prisma/schema.prisma (derive.ts).
// 2. When it differs from the checked-in prisma/postgres/schema.prisma, writes the SQL
//    between the two (`prisma migrate diff --from-schema-datamodel old
//    --to-schema-datamodel new`: no database needed) as a new migration named after the
//    newest SQLite migration, then the new schema, then regenerates the PostgreSQL client.
//    Prisma's JS schema engine connects to PostgreSQL for this (PG_TEST_URL or a
//    postgresql:// DATABASE_URL) but reads and writes nothing there.
// With --check nothing is written: it exits 1 when the checked-in schema is not what the
// source derives (tests/unit/db/pg-schema.test.ts runs the same check, and the `pg` test
// project proves on a real server that the migrations build exactly that schema).
// Hand-written guards (what Prisma's schema language cannot say) are not derived: a
// SQLite migration that adds one needs its PostgreSQL counterpart added by hand to the
// new migration here (see 0001_init: partial unique index, CHECK on wallet balance, and
// …_analytics_rollups: the roll-up triggers as plpgsql functions).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { derivePostgresSchema } from "./derive";

export const root = path.resolve(import.meta.dirname, "../..");
export const sqliteSchemaPath = path.join(root, "prisma", "schema.prisma");
export const pgSchemaPath = path.join(root, "prisma", "postgres", "schema.prisma");
export const pgMigrationsDir = path.join(root, "prisma", "postgres", "migrations");
const sqliteMigrationsDir = path.join(root, "prisma", "migrations");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

function postgresUrl(): string {
  const url = [process.env.PG_TEST_URL, process.env.DATABASE_URL].find((u) =>
    /^postgres(ql)?:\/\//.test(u ?? ""),
  );
  if (!url) {
    throw new Error(
      "db:pg:sync needs a PostgreSQL server to run Prisma's schema engine against: set DATABASE_URL or PG_TEST_URL to postgresql://…",
    );
  }
  return url;
}

export function derivedSchema(): string {
  return derivePostgresSchema(fs.readFileSync(sqliteSchemaPath, "utf8"));
}

/** `prisma migrate diff … --script` between two schema files (or from empty). */
export function schemaDiffSql(from: string | null, toPath: string): string {
  return execFileSync(
    prismaBin,
    [
      "migrate",
      "diff",
      ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
      "--to-schema-datamodel",
      toPath,
      "--script",
    ],
    {
      cwd: root,
      // The JS schema engine opens a connection even for a datamodel-to-datamodel diff
      // (it reads nothing from the database).
      env: { ...process.env, DATABASE_URL: postgresUrl() },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

const hasStatements = (sql: string) =>
  sql.split("\n").some((line) => line.trim() !== "" && !line.trim().startsWith("--"));

/**
 * Semicolons in comments of PostgreSQL migrations (a convention: adapter-pg 6.19's own
 * executeScript split at every semicolon. The app's migration adapter now splits with
 * lib/db/sql-script.ts, which knows comments, strings and $$ bodies, so function bodies
 * are fine). Lists the offending lines.
 */
export function semicolonsInComments(): string[] {
  const problems: string[] = [];
  for (const name of fs.readdirSync(pgMigrationsDir)) {
    const file = path.join(pgMigrationsDir, name, "migration.sql");
    if (!fs.existsSync(file)) continue;
    fs.readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (/--.*;/.test(line)) problems.push(`${name}/migration.sql:${i + 1}: ${line}`);
      });
  }
  return problems;
}

function newestSqliteMigration(): string {
  const names = fs
    .readdirSync(sqliteMigrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const newest = names.at(-1);
  if (!newest) throw new Error("prisma/migrations has no migrations");
  return newest;
}

function main() {
  const check = process.argv.includes("--check");
  const derived = derivedSchema();
  const current = fs.existsSync(pgSchemaPath) ? fs.readFileSync(pgSchemaPath, "utf8") : null;
  const badComments = semicolonsInComments();
  if (badComments.length > 0) {
    console.error(`Semicolons in comments of PostgreSQL migrations:\n${badComments.join("\n")}`);
    process.exit(1);
  }
  if (derived === current) {
    console.log("prisma/postgres agrees with prisma/schema.prisma: nothing to do.");
    return;
  }
  if (check) {
    console.error(
      "prisma/postgres/schema.prisma is not what prisma/schema.prisma derives: run `npm run db:pg:sync`.",
    );
    process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pg-sync-"));
  try {
    const next = path.join(tmp, "schema.prisma");
    fs.writeFileSync(next, derived);
    const sql = schemaDiffSql(current === null ? null : pgSchemaPath, next);
    if (hasStatements(sql)) {
      const base = newestSqliteMigration();
      let name = base;
      for (let n = 2; fs.existsSync(path.join(pgMigrationsDir, name)); n++) name = `${base}_${n}`;
      fs.mkdirSync(path.join(pgMigrationsDir, name), { recursive: true });
      fs.writeFileSync(path.join(pgMigrationsDir, name, "migration.sql"), sql);
      console.log(`Wrote prisma/postgres/migrations/${name}/migration.sql`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(pgSchemaPath, derived);
  console.log("Wrote prisma/postgres/schema.prisma");
  // A postgresql:// DATABASE_URL makes prisma.config.ts pick prisma/postgres.
  execFileSync(prismaBin, ["generate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: postgresUrl() },
    stdio: "inherit",
  });
}

if (import.meta.url === `file://${process.argv[1]}`) main();
