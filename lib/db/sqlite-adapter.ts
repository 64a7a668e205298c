// The SQLite driver adapter shared by the app (lib/db/client.ts) and the Prisma CLI
// (prisma.config.ts). It builds on Prisma's better-sqlite3 adapter:
// - the app gets a writer and a reader connection (sqlite-connections.ts);
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
import { registerDatabaseVersions } from "./changes";
import { registerImmediateReader } from "./read-now";
import { ReadWriteSqliteAdapter } from "./sqlite-connections";

export const DEFAULT_DATABASE_URL = "file:./data/parking.db";

/**
 * How long a connection that is not the app's writer (the reader, the CLI, scripts) lets
 * SQLite wait for a lock. The app's writer waits without blocking instead
 * (sqlite-connections.ts).
 */
export const BUSY_TIMEOUT_MS = 10_000;

// WAL lets readers run while one writer commits; NORMAL sync is durable across app
// crashes in WAL mode and nearly doubles write throughput; foreign keys are per connection.
// Switching a file to WAL takes an exclusive lock, so every connection waits for it, the
// writer too: worker processes opening a rollback-journal file at once (a restored
// backup) would otherwise fail their start with SQLITE_BUSY.
const connectionPragmas = (busyTimeoutMs: number) => `
  PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  PRAGMA foreign_keys = ON;
  PRAGMA busy_timeout = ${busyTimeoutMs};
`;

export function databaseFilePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

function ensureDatabaseDirectory(databaseUrl: string): void {
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
 * The app's adapter: a writer and a read-only reader connection (sqlite-connections.ts),
 * registering their data_version with lib/db/changes.ts. `forMigrations` (the Prisma CLI)
 * gets one plain connection, so migration scripts run exactly as written (a table
 * redefinition turns foreign keys off, which only works outside a transaction).
 */
export function createSqliteAdapterFactory(
  databaseUrl: string = DEFAULT_DATABASE_URL,
  options: { forMigrations?: boolean } = {},
): SqlMigrationAwareDriverAdapterFactory {
  ensureDatabaseDirectory(databaseUrl);
  const writer = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 0 });
  const reader = new PrismaBetterSQLite3({
    url: databaseUrl,
    timeout: BUSY_TIMEOUT_MS,
    readonly: true,
  });
  return {
    provider: writer.provider,
    adapterName: writer.adapterName,
    async connect() {
      if (options.forMigrations) {
        const adapter = await new PrismaBetterSQLite3({
          url: databaseUrl,
          timeout: BUSY_TIMEOUT_MS,
        }).connect();
        await adapter.executeScript(connectionPragmas(BUSY_TIMEOUT_MS));
        return adapter;
      }
      // The writer first: it creates the file and switches it to WAL, which the read-only
      // connection cannot do.
      const writing = await writer.connect();
      await writing.executeScript(connectionPragmas(0));
      const reading = await reader.connect();
      await reading.executeScript(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
      const adapter = new ReadWriteSqliteAdapter(reading, writing);
      registerDatabaseVersions({
        everyCommit: () => adapter.readerDataVersion(),
        otherProcesses: () => adapter.writerDataVersion(),
      });
      registerImmediateReader((sql, values) => adapter.readNow(sql, values));
      return adapter;
    },
    async connectToShadowDb() {
      return runScriptsAsScripts(await writer.connectToShadowDb());
    },
  };
}
