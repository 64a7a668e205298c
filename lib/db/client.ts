// The one Prisma client of the process. DATABASE_URL picks the database:
// - `file:…` (the default): SQLite over better-sqlite3, a writer and a reader connection
//   (sqlite-adapter.ts, sqlite-connections.ts);
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

import { Prisma } from "@/lib/generated/prisma/client.ts";
import { AppError } from "@/lib/errors";
import { noteCommitted } from "@/lib/db/changes";

export type { Prisma };

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

/** How long a write keeps retrying while the database is busy (another process's lock). */
const TRANSACTION_DEADLINE_MS = 10_000;

/**
 * Errors after which running the whole transaction again may succeed: the database was
 * busy (P1008: SQLite's lock held elsewhere past the adapter's own wait), PostgreSQL
 * reported a serialization failure (P2034) or broke a deadlock by aborting this
 * transaction. All roll the transaction back.
 */
function isRetryable(error: unknown): boolean {
  if (isDeadlock(error)) return true;
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    (error.code === "P1008" || error.code === "P2034")
  );
}

/** SQLSTATE of PostgreSQL's deadlock_detected. */
const DEADLOCK_DETECTED = "40P01";

/**
 * adapter-pg 6.19 does not map deadlock_detected to a Prisma code: a raw statement fails
 * with P2010 carrying the driver adapter's error in `meta`, a model query with that error
 * itself. Either way its cause holds the SQLSTATE.
 */
function isDeadlock(error: unknown): boolean {
  const adapterError =
    error instanceof Prisma.PrismaClientKnownRequestError ? error.meta?.driverAdapterError : error;
  const cause = (adapterError as { cause?: { originalCode?: unknown } } | null | undefined)?.cause;
  return cause?.originalCode === DEADLOCK_DETECTED;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in one interactive transaction. All writes go through here. On SQLite it
 * runs on the process's writer connection and starts with BEGIN IMMEDIATE (it holds the
 * write lock from its first statement; reads outside transactions use another
 * connection and never see it before it commits). On PostgreSQL each transaction has its
 * own pooled connection (READ COMMITTED, the default). A transaction refused because the
 * database is busy runs again after a pause, until TRANSACTION_DEADLINE_MS; then the
 * caller gets SERVICE_BUSY (503), never an internal error. `work` must therefore have no
 * effect outside the transaction. After the commit the in-memory read models are told
 * (lib/db/changes.ts).
 */
export async function transaction<T>(
  work: (tx: Tx) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + TRANSACTION_DEADLINE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      // Transactions queue for the writer (SQLite) or for a pooled connection
      // (PostgreSQL); under a burst of requests the wait can exceed Prisma's 2 s default
      // even though each one takes milliseconds. Bulk loads (the seed) may ask for longer.
      const result = await db.$transaction(work, {
        maxWait: 15_000,
        timeout: options.timeoutMs ?? 15_000,
      });
      noteCommitted();
      return result;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (Date.now() >= deadline) {
        throw new AppError(
          "SERVICE_BUSY",
          "The database is busy with other work. Please try again in a moment.",
        );
      }
      const pause = Math.min(100, 5 * 2 ** attempt);
      await sleep(pause / 2 + Math.random() * pause);
    }
  }
}
