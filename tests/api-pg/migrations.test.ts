// prisma/postgres/migrations build exactly the schema derived from prisma/schema.prisma,
// plus the two hand-written guards: the database the servers run on (migrated by
// `prisma migrate deploy`) is compared, table by table, with a scratch database built
// from `prisma migrate diff --from-empty` of the derived schema.
import { afterAll, describe, expect, inject, it } from "vitest";
import { dropDatabase, pgPool, type PgPool } from "../setup/pg";
import { pgSchemaPath, schemaDiffSql } from "@/prisma/postgres/sync";

const migratedUrl = inject("pgDatabaseUrl");
const scratchName = `parking_schema_${process.pid}`;
const admin = pgPool(process.env.PG_TEST_URL!);
// Hand-written SQL Prisma's schema cannot express: one partial unique index, two CHECKs.
const GUARD_INDEXES = ["uq_reservations_one_active_per_slot"];
const GUARD_CONSTRAINTS = ["users_outstanding_non_negative", "users_wallet_non_negative"];
const GUARDS = [...GUARD_INDEXES, ...GUARD_CONSTRAINTS];

afterAll(async () => {
  await dropDatabase(admin, scratchName);
  await admin.end();
});

/** Columns, indexes and constraints of the public schema, in a comparable form. */
async function describeSchema(database: PgPool) {
  const columns = await database.query(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
      datetime_precision
    FROM information_schema.columns WHERE table_schema = 'public'
      AND table_name <> '_prisma_migrations'
    ORDER BY table_name, column_name`);
  const indexes = await database.query(`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
      AND tablename <> '_prisma_migrations' ORDER BY indexname`);
  const constraints = await database.query(`
    SELECT c.conname, pg_get_constraintdef(c.oid) AS definition
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'
    ORDER BY c.conname`);
  const enums = await database.query(`
    SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY t.typname`);
  return {
    columns: columns.rows,
    indexes: indexes.rows,
    constraints: constraints.rows,
    enums: enums.rows,
  };
}

describe("PostgreSQL migrations", () => {
  it("build exactly the derived schema plus the hand-written guards", async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${scratchName}`);
    await admin.query(`CREATE DATABASE ${scratchName}`);
    const scratchUrl = new URL(process.env.PG_TEST_URL!);
    scratchUrl.pathname = `/${scratchName}`;
    const scratch = pgPool(scratchUrl.toString());
    const migrated = pgPool(migratedUrl);
    try {
      await scratch.query(schemaDiffSql(null, pgSchemaPath));
      const expected = await describeSchema(scratch);
      const actual = await describeSchema(migrated);
      const isGuard = (row: Record<string, unknown>) =>
        GUARDS.includes(String(row.indexname ?? row.conname));
      expect(actual.indexes.filter(isGuard).map((r) => r.indexname)).toEqual(GUARD_INDEXES);
      expect(
        actual.constraints
          .filter(isGuard)
          .map((r) => r.conname)
          .sort(),
      ).toEqual(GUARD_CONSTRAINTS);
      expect({
        ...actual,
        indexes: actual.indexes.filter((r) => !isGuard(r)),
        constraints: actual.constraints.filter((r) => !isGuard(r)),
      }).toEqual(expected);
    } finally {
      await scratch.end();
      await migrated.end();
    }
  });
});
