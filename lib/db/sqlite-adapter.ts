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
import { changeTracker, trackLocalWrites } from "./changes";

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

/** Wraps the app's connection: writes are counted, and `PRAGMA data_version` tells of others'. */
function trackSqliteChanges(adapter: SqlDriverAdapter): SqlDriverAdapter {
  trackLocalWrites(adapter);
  // The better-sqlite3 handle underneath (a public field of Prisma's adapter): the
  // pragma is read straight from it, synchronously, without a round through Prisma.
  // It changes when ANOTHER connection (another process) commits.
  const raw = (adapter as unknown as { client?: { pragma(sql: string, o: object): unknown } })
    .client;
  if (raw && typeof raw.pragma === "function") {
    const dataVersion = () =>
      Number(raw.pragma("data_version", { simple: true }) as number | bigint);
    changeTracker.externalVersion = dataVersion;
    changeTracker.externalVersionSync = dataVersion;
  }
  return adapter;
}

type RawStatement = {
  readonly reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  columns(): unknown[];
  raw(on?: boolean): RawStatement;
};
type RawDatabase = { prepare(sql: string): RawStatement };

/** How many distinct SQL texts keep their prepared statement (IN lists vary in length). */
const PREPARED_STATEMENTS_KEPT = 1000;

/**
 * Prisma's adapter prepares every statement anew (~3 % of a reserve's CPU, profiled), while
 * an app sends the same few SQL texts again and again: the adapter's handle is wrapped so
 * that prepare() reuses the statement of a text seen before. better-sqlite3's bind() works
 * once per statement, so what the adapter gets back passes its arguments on every call
 * instead. The adapter only runs statements to completion (run, all), never iterates, so
 * one statement is never used twice at once.
 */
function reusePreparedStatements(adapter: SqlDriverAdapter): void {
  const holder = adapter as unknown as { client?: RawDatabase };
  const database = holder.client;
  if (!database || typeof database.prepare !== "function") return;
  const statements = new Map<string, RawStatement>();
  const prepared = (sql: string): RawStatement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > PREPARED_STATEMENTS_KEPT) {
        statements.delete(statements.keys().next().value as string);
      }
    }
    return statement;
  };
  const reusable = (statement: RawStatement) => ({
    reader: statement.reader,
    run: (...params: unknown[]) => statement.run(...params),
    bind: (params: unknown[]) => ({
      reader: statement.reader,
      run: () => statement.run(params),
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(params) }),
    }),
  });
  // Transactions are made from the adapter's handle, so they share the statements.
  holder.client = new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => reusable(prepared(sql));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
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
      reusePreparedStatements(adapter);
      return trackSqliteChanges(adapter);
    },
    async connectToShadowDb() {
      return runScriptsAsScripts(await inner.connectToShadowDb());
    },
  };
}
