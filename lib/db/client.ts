// The one Prisma client of the process. DATABASE_URL picks the database:
// - `file:…` (the default): SQLite over better-sqlite3, one connection (sqlite-adapter.ts);
// - `postgresql://…`: PostgreSQL over adapter-pg with a pool of PG_POOL_MAX connections
//   (pg-adapter.ts), for several app servers sharing one database (docs/scaling-out.md).
// Prisma fixes the provider when it generates a client, so each database has its own
// generated client, from prisma/schema.prisma and from the schema derived from it
// (prisma/postgres/schema.prisma, checked by a test to stay identical in models). Their
// model APIs are therefore the same, and the PostgreSQL one is typed as the SQLite one.
// Cached on globalThis so that dev-server reloads do not open the database again.
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client.ts";
import { env } from "@/lib/env";
import { createSqliteAdapterFactory } from "@/lib/db/sqlite-adapter";
import { createPgAdapterFactory, isPostgresUrl } from "@/lib/db/pg-adapter";

export type { Prisma } from "@/lib/generated/prisma/client.ts";

function createClient(): PrismaClient {
  const { DATABASE_URL, PG_POOL_MAX } = env();
  if (isPostgresUrl(DATABASE_URL)) {
    const client = new PgPrismaClient({
      adapter: createPgAdapterFactory(DATABASE_URL, { poolMax: PG_POOL_MAX }),
    });
    return client as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: createSqliteAdapterFactory(DATABASE_URL) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db = (globalForPrisma.prisma ??= createClient());

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Runs `work` in one interactive transaction. All writes go through here: on SQLite the
 * adapter has a single connection, so a write outside a transaction could land inside
 * another request's open transaction and share its fate. On PostgreSQL each transaction
 * has its own pooled connection (READ COMMITTED, the default).
 */
export function transaction<T>(
  work: (tx: Tx) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  // Transactions queue on the adapter's lock (SQLite) or for a pooled connection
  // (PostgreSQL); under a burst of requests the wait can exceed Prisma's 2 s default
  // even though each one takes milliseconds. Bulk loads (the seed) may ask for longer.
  return db.$transaction(work, { maxWait: 15_000, timeout: options.timeoutMs ?? 15_000 });
}
