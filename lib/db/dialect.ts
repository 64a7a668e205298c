// The one place where SQL differs between SQLite and PostgreSQL. Everything else in the
// raw SQL of lib/ is written to run unchanged on both: INSERT … ON CONFLICT … DO UPDATE
// with `excluded`, RETURNING, CASE instead of summing booleans, `= true/false` for
// booleans, CAST(? AS INTEGER) where a parameter's type cannot be inferred from a column,
// text dates ('YYYY-MM-DD') compared as strings.
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";
import { isPostgresUrl } from "@/lib/db/pg-adapter";
import type { Tx } from "@/lib/db/client";

export type Dialect = "sqlite" | "postgres";

export function dialect(): Dialect {
  return isPostgresUrl(env().DATABASE_URL) ? "postgres" : "sqlite";
}

/** The UTC calendar date of a timestamp column, as 'YYYY-MM-DD' text. */
export function utcDateOf(column: Prisma.Sql): Prisma.Sql {
  return dialect() === "postgres"
    ? Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : Prisma.sql`date(${column})`;
}

/** utcDateOf for SQL built as text (a column reference, no parameters). */
export function utcDateSql(column: string, of: Dialect = dialect()): string {
  return of === "postgres"
    ? // timestamptz → text in UTC whatever the session's zone (ours is UTC anyway).
      `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : // Prisma stores SQLite DateTime as ISO-8601 text, which date() reads.
      `date(${column})`;
}

/** The UTC hour (0..23) of a timestamp column, as an integer, for SQL built as text. */
export function utcHourSql(column: string, of: Dialect = dialect()): string {
  return of === "postgres"
    ? `CAST(EXTRACT(HOUR FROM ${column} AT TIME ZONE 'UTC') AS INTEGER)`
    : `CAST(strftime('%H', ${column}) AS INTEGER)`;
}

/**
 * After rows were inserted with explicit ids (the seed, bench data): on PostgreSQL, move
 * each table's id sequence past its highest id, or the next insert would collide. SQLite
 * continues after the highest rowid by itself.
 */
export async function syncIdSequences(tx: Tx, tables: readonly string[]): Promise<void> {
  if (dialect() !== "postgres") return;
  for (const table of tables) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
    await tx.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
    );
  }
}

/** Tables whose rows a transaction locks before it reads what its guarded writes rest on. */
export type LockedTable = "parking_slots" | "users";

/**
 * Locks these rows until the transaction ends, in id order (every caller locks in id
 * order, and parking_slots before users, so two such transactions never wait on each
 * other in a circle). On PostgreSQL (READ COMMITTED) a row read afterwards then stays as
 * read until this transaction writes it: another app server's transaction waits instead
 * of changing it in between. SQLite's writer transaction holds the whole database from its
 * first statement: nothing to do there.
 */
export async function lockRows(tx: Tx, table: LockedTable, ids: readonly number[]): Promise<void> {
  if (dialect() !== "postgres" || ids.length === 0) return;
  await tx.$queryRaw`SELECT id FROM ${Prisma.raw(table)}
    WHERE id IN (${Prisma.join([...ids].sort((a, b) => a - b))}) ORDER BY id FOR UPDATE`;
}
