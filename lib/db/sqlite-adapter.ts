// The SQLite driver adapter shared by the app (lib/db/client.ts) and the Prisma CLI
// (prisma.config.ts). It wraps Prisma's better-sqlite3 adapter for two reasons:
// - every connection gets the pragmas that make concurrent use safe and fast;
// - the shadow database used by `prisma migrate diff --from-migrations` receives each
//   migration file as one multi-statement string through executeRaw, which
//   better-sqlite3's prepare() rejects; there we run it as a script instead.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";

export const DEFAULT_DATABASE_URL = "file:./data/parking.db";

/** How long a writer waits for another process's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 10_000;

// WAL lets readers run while one writer commits; NORMAL sync is durable across app
// crashes in WAL mode and nearly doubles write throughput; foreign keys are per connection.
const CONNECTION_PRAGMAS = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
`;

export function databaseFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

export function ensureDatabaseDirectory(databaseUrl: string): void {
  const file = databaseFilePath(databaseUrl);
  if (file === ":memory:") return;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

function runScriptsAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && query.sql.includes(";")) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/**
 * What the in-memory read models (lib/slots/model.ts) need to know about the database:
 * a counter of write statements, commits and rollbacks sent over this process's
 * connection, and SQLite's `PRAGMA data_version`, which changes when ANOTHER connection
 * (another process) commits. Together they change whenever what a read would return may
 * have changed; reading both costs microseconds.
 */
export type ChangeTracker = {
  localWrites: number;
  /** `PRAGMA data_version` of the app's connection; null until it is open. */
  dataVersion: (() => number) | null;
};

const globalForChanges = globalThis as unknown as { sqliteChanges?: ChangeTracker };
export const changeTracker: ChangeTracker = (globalForChanges.sqliteChanges ??= {
  localWrites: 0,
  dataVersion: null,
});

const READ_ONLY_SQL = /^\s*(SELECT|EXPLAIN|PRAGMA\s+data_version)\b/i;

type Queryable = Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">;

/** Counts every statement that may write (anything but a SELECT), COMMIT and ROLLBACK included. */
function countWrites<Q extends Queryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = async (query: SqlQuery) => {
    if (!READ_ONLY_SQL.test(query.sql)) changeTracker.localWrites++;
    try {
      return await queryRaw(query);
    } finally {
      if (!READ_ONLY_SQL.test(query.sql)) changeTracker.localWrites++;
    }
  };
  queryable.executeRaw = async (query: SqlQuery) => {
    if (!READ_ONLY_SQL.test(query.sql)) changeTracker.localWrites++;
    try {
      return await executeRaw(query);
    } finally {
      if (!READ_ONLY_SQL.test(query.sql)) changeTracker.localWrites++;
    }
  };
  return queryable;
}

/** Wraps the app's connection so that every write, commit and rollback is counted. */
function trackChanges(adapter: SqlDriverAdapter): SqlDriverAdapter {
  countWrites(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = async (script: string) => {
    changeTracker.localWrites++;
    await executeScript(script);
    changeTracker.localWrites++;
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => countWrites(await startTransaction(...args));
  // The better-sqlite3 handle underneath (a public field of Prisma's adapter): the
  // pragma is read straight from it, synchronously, without a round through Prisma.
  const raw = (adapter as unknown as { client?: { pragma(sql: string, o: object): unknown } })
    .client;
  if (raw && typeof raw.pragma === "function") {
    changeTracker.dataVersion = () =>
      Number(raw.pragma("data_version", { simple: true }) as number | bigint);
  }
  return adapter;
}

export function createSqliteAdapterFactory(
  databaseUrl: string = DEFAULT_DATABASE_URL,
): SqlMigrationAwareDriverAdapterFactory {
  ensureDatabaseDirectory(databaseUrl);
  const inner = new PrismaBetterSQLite3({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      await adapter.executeScript(CONNECTION_PRAGMAS);
      return trackChanges(adapter);
    },
    async connectToShadowDb() {
      return runScriptsAsScripts(await inner.connectToShadowDb());
    },
  };
}
