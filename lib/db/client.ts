// The one Prisma client of the process, over better-sqlite3 (see sqlite-adapter.ts).
// Cached on globalThis so that dev-server reloads do not open the database again.
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";
import { createSqliteAdapterFactory } from "@/lib/db/sqlite-adapter";

export type { Prisma } from "@/lib/generated/prisma/client.ts";

function createClient() {
  return new PrismaClient({ adapter: createSqliteAdapterFactory(env().DATABASE_URL) });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

export const db = (globalForPrisma.prisma ??= createClient());

export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Runs `work` in one interactive transaction. All writes go through here: the adapter
 * has a single connection, so a write outside a transaction could land inside another
 * request's open transaction and share its fate.
 */
export function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  // Transactions queue on the adapter's lock; under a burst of requests the wait can
  // exceed Prisma's 2 s default even though each one takes milliseconds.
  return db.$transaction(work, { maxWait: 15_000, timeout: 15_000 });
}
