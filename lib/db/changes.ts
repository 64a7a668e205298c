// What the in-memory read models (lib/slots/model.ts) need to know about the database: a
// token that changes whenever what a read would return may have changed. It combines
// - `localWrites`, a counter of write statements, commits and rollbacks sent by this
//   process (every adapter's connections are wrapped by trackLocalWrites), so this
//   process never reads its own stale data;
// - `externalVersion`, which moves when ANOTHER process commits:
//   - SQLite: `PRAGMA data_version` of the app's connection (sqlite-adapter.ts), read
//     synchronously in microseconds;
//   - PostgreSQL: `pg_current_snapshot()` as text (pg-adapter.ts), one tiny query. A
//     snapshot (xmin, xmax, in-progress ids) decides exactly which transactions' writes a
//     READ COMMITTED statement sees: it changes when any transaction that writes gets its
//     id (xmax) and when one ends (it leaves the in-progress list or moves xmin). So two
//     equal snapshots see the same data, and a changed table always moves the token:
//     no staleness, also across app servers. It moves for writes to other tables and
//     databases of the same server too, which only costs an extra reload.
// Null until the database's first connection is open; then lib/slots/model.ts falls back
// to moving the token every STALE_AFTER_MS.
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";

export type ChangeTracker = {
  localWrites: number;
  externalVersion: (() => number | string | Promise<number | string>) | null;
  /** The same, where it can be read synchronously and for free (SQLite); else null. */
  externalVersionSync?: (() => number) | null;
};

const globalForChanges = globalThis as unknown as { dbChanges?: ChangeTracker };
export const changeTracker: ChangeTracker = (globalForChanges.dbChanges ??= {
  localWrites: 0,
  externalVersion: null,
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

/** Wraps an app connection so that every write, commit and rollback is counted. */
export function trackLocalWrites(adapter: SqlDriverAdapter): SqlDriverAdapter {
  countWrites(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeScript = async (script: string) => {
    changeTracker.localWrites++;
    await executeScript(script);
    changeTracker.localWrites++;
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => countWrites(await startTransaction(...args));
  return adapter;
}

/** The current token; awaits one query on PostgreSQL. */
export async function changeToken(staleAfterMs: number): Promise<string> {
  const external = changeTracker.externalVersion;
  const other = external ? await external() : `t${Math.floor(Date.now() / staleAfterMs)}`;
  return `${changeTracker.localWrites}:${other}`;
}

/**
 * The external version when it can be read synchronously (SQLite's data_version), else
 * null (PostgreSQL needs a query; or no connection yet).
 */
export function externalVersionNow(): number | null {
  return changeTracker.externalVersionSync?.() ?? null;
}
