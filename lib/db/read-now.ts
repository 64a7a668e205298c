// Reads answered at once, without Prisma's client, where the driver can: on SQLite a
// read-only statement on the app's reader connection (sqlite-connections.ts), prepared
// once and run synchronously: a few microseconds of JavaScript against ~0.2 ms for the
// same statement through Prisma. For the hottest per-request reads only (the session
// lookup); on PostgreSQL, or before the first connection is open, there is no such reader
// and the caller reads through Prisma with the same Prisma.sql query.
import type { Prisma } from "@/lib/generated/prisma/client.ts";

/**
 * Runs a read-only statement (`?` placeholders) with its values: rows as objects, or null
 * when it cannot (its connection closed).
 */
export type ImmediateReader = (sql: string, values: readonly unknown[]) => unknown[] | null;

const globalForReads = globalThis as unknown as { immediateReader?: ImmediateReader | null };

export function registerImmediateReader(reader: ImmediateReader | null): void {
  globalForReads.immediateReader = reader;
}

/**
 * The rows of `query` as the last commit has them, or null when only Prisma can read
 * (then the caller awaits `db.$queryRaw(query)`: the same statement, the same rows).
 */
export function readNow<T>(query: Prisma.Sql): T[] | null {
  const reader = globalForReads.immediateReader;
  return (reader?.(query.sql, query.values) as T[] | null | undefined) ?? null;
}
