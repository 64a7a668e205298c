// What the in-memory read models (the slot model, the session cache) need to know about
// the database: versions that move whenever a read may return something new.
// - `committedHere`: transactions this process committed. lib/db/client.ts's transaction()
//   moves it right after each commit (every write goes through it), never for a rollback.
// - the database's own version, for commits by anyone, read synchronously where free:
//   - SQLite (registered by sqlite-adapter.ts): `PRAGMA data_version` of the app's reader
//     connection moves for every commit by another connection, this process's writer
//     included; the writer's moves only for other processes' commits;
//   - PostgreSQL (pg-adapter.ts): `pg_current_snapshot()` as text, one tiny query. A
//     snapshot decides exactly which transactions' writes a READ COMMITTED statement sees:
//     it changes when a transaction that writes gets its id and when one ends, so two
//     equal snapshots see the same data, also across app servers (it also moves for
//     writes to other tables, which only costs an extra reload).
// Before the database's first connection is open neither exists; then the token moves
// every `staleAfterMs`.

type Versions = {
  /** Moves with every commit, by this process or another (may need a query). */
  everyCommit: () => number | string | Promise<number | string>;
  /** Moves with other processes' commits; only where it can be read for free (SQLite). */
  otherProcesses: (() => number) | null;
};

const globalForChanges = globalThis as unknown as {
  dbChanges?: { committedHere: number; versions: Versions | null };
};
const state = (globalForChanges.dbChanges ??= { committedHere: 0, versions: null });

export function registerDatabaseVersions(versions: Versions): void {
  state.versions = versions;
}

/** Called by transaction() after a commit: this process changed the database. */
export function noteCommitted(): void {
  state.committedHere++;
}

/** A token that changes whenever a read may see something new; awaits a query on PostgreSQL. */
export async function changeToken(staleAfterMs: number): Promise<string> {
  const version = state.versions
    ? await state.versions.everyCommit()
    : `t${Math.floor(Date.now() / staleAfterMs)}`;
  return `${state.committedHere}:${version}`;
}

/**
 * A version that moves when another process commits, where it is free to read (SQLite's
 * data_version of the writer), else null (PostgreSQL; or no connection yet).
 */
export function externalVersionNow(): number | null {
  return state.versions?.otherProcesses?.() ?? null;
}
