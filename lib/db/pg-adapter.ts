// The PostgreSQL driver adapter shared by the app (lib/db/client.ts) and the Prisma CLI
// (prisma.config.ts): Prisma's adapter-pg over a node-postgres pool.
// - Every pooled connection runs with TimeZone=UTC. adapter-pg sends DateTime parameters
//   as zone-less 'YYYY-MM-DD HH:MM:SS.mmm' text, which PostgreSQL reads in the session's
//   zone; UTC makes that the instant Prisma meant on timestamptz columns, and makes
//   ::date of a timestamptz the UTC calendar date (the analytics rely on it too, but say
//   so explicitly, lib/db/dialect.ts).
// - For the CLI only (`forMigrations`), result columns of PostgreSQL's internal `name`
//   type (OID 19, what the catalog queries of the schema engine return) are reported as
//   text (OID 25): adapter-pg 6.19 cannot map `name` and the JS schema engine would fail
//   on `prisma migrate deploy` / `diff` otherwise. The same for the internal one-byte
//   `"char"` type (OID 18, e.g. pg_constraint.contype).
// - For the CLI only, a migration file is split into statements by lib/db/sql-script.ts,
//   which knows strings, comments and $$-quoted function bodies: adapter-pg 6.19's own
//   executeScript splits at every semicolon and would cut a plpgsql body apart.
// - The URL is parsed into discrete settings (host, database, …) rather than passed as
//   connectionString: adapter-pg's shadow database (used by `prisma migrate diff
//   --from-migrations`, prisma/postgres/sync.ts) is `{ ...config, database: shadow }`,
//   and a connectionString would override that `database` and replay the migrations
//   into the real database.
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { registerDatabaseVersions } from "./changes";
import { splitSqlStatements } from "./sql-script";
import { parseIntoClientConfig } from "pg-connection-string";
import type { Client as PgClient } from "pg";

const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

/** Connections per app-server process (PG_POOL_MAX); the default suits 2–4 servers. */
export const DEFAULT_POOL_MAX = 10;

export function isPostgresUrl(databaseUrl: string): boolean {
  return /^postgres(ql)?:\/\//.test(databaseUrl);
}

type QueryResult = { fields?: { dataTypeID: number }[] };
type QueryCallback = (error: unknown, result?: QueryResult | QueryResult[]) => void;
type PgClientClass = new (config?: unknown) => {
  query(...args: unknown[]): unknown;
};

function nameColumnsAsText(result: QueryResult | QueryResult[] | undefined) {
  for (const each of Array.isArray(result) ? result : result ? [result] : []) {
    for (const field of each.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
      }
    }
  }
  return result;
}

/** A pg.Client whose results never report the `name` type (see the header). */
function nameAsTextClient(): typeof PgClient {
  // Only Client's public query() is overridden, for every one of its call forms.
  const pg = createRequire(import.meta.url)("pg") as { Client: PgClientClass };
  // The override takes every call form of query() (one rest parameter), which TypeScript
  // cannot match against pg's overloads: the class is a Client in all but its signature.
  return class NameAsTextClient extends pg.Client {
    query(...args: unknown[]): unknown {
      const last = args.length - 1;
      const callback = args[last];
      if (typeof callback === "function") {
        args[last] = ((error, result) =>
          (callback as QueryCallback)(error, nameColumnsAsText(result))) as QueryCallback;
        return super.query(...args);
      }
      const pending = super.query(...args);
      return pending instanceof Promise
        ? pending.then((result: QueryResult) => nameColumnsAsText(result))
        : pending;
    }
  } as unknown as typeof PgClient;
}

/** Runs executeScript statement by statement, split as PostgreSQL parses (see the header). */
function statementWiseScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    for (const sql of splitSqlStatements(script)) {
      // executeRaw maps driver errors the way executeScript does.
      await adapter.executeRaw({ sql, args: [], argTypes: [] });
    }
  };
  return adapter;
}

export function createPgAdapterFactory(
  databaseUrl: string,
  options: { forMigrations?: boolean; poolMax?: number } = {},
): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg({
    ...parseIntoClientConfig(databaseUrl),
    max: options.poolMax ?? DEFAULT_POOL_MAX,
    options: "-c TimeZone=UTC",
    ...(options.forMigrations ? { Client: nameAsTextClient() } : {}),
  });
  if (options.forMigrations) {
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => statementWiseScripts(await inner.connect()),
      connectToShadowDb: async () => statementWiseScripts(await inner.connectToShadowDb()),
    };
  }
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      // Every server's commits (lib/db/changes.ts): one tiny query on a pooled connection.
      registerDatabaseVersions({
        everyCommit: async () => {
          const result = await adapter.queryRaw({
            sql: "SELECT pg_current_snapshot()::text AS snapshot",
            args: [],
            argTypes: [],
          });
          return String(result.rows[0]?.[0]);
        },
        otherProcesses: null,
      });
      return adapter;
    },
    connectToShadowDb: () => inner.connectToShadowDb(),
  };
}
