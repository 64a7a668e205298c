// Values read from the database and kept in memory until the database's change token
// (lib/db/changes.ts) moves: after every commit of this process, and with every commit by
// anyone (SQLite's data_version, read for free; PostgreSQL's pg_current_snapshot(), one
// tiny query instead of the value's own). A value is tagged with the token read BEFORE its
// query, so a write that lands while it loads moves the token and the next caller reloads:
// a caller is only ever served a value read at its own token or later. Concurrent callers
// at one token share one load; a failed load is not kept.
import "server-only";
import { changeToken } from "@/lib/db/changes";

/** Only before the database's first connection opens, when it cannot tell us of writers. */
const STALE_AFTER_MS = 1_000;

/** Most keys one keyed value holds per token (a busy server's signed-in users, roughly). */
const MAX_KEYS = 2_000;

type Entry = { token: string; values: Map<string | number, Promise<unknown>> };

// On globalThis so that dev-server reloads keep one cache per process.
const globalForCaches = globalThis as unknown as { versionCaches?: Map<string, Entry> };
const entries = (globalForCaches.versionCaches ??= new Map());

/**
 * `load` memoized per change token under `name` (unique per value). Callers share the
 * value: they must never mutate it.
 */
export function perDataVersion<T>(
  name: string,
  load: (token: string) => Promise<T>,
): () => Promise<T> {
  const keyed = perDataVersionKeyed(name, (_key: "", token) => load(token));
  return () => keyed("");
}

/**
 * perDataVersion for a value per key (a user's row by id): all keys are dropped together
 * when the token moves, and all of them when MAX_KEYS are held (a bound, not an LRU: the
 * next commit empties it anyway).
 */
export function perDataVersionKeyed<K extends string | number, T>(
  name: string,
  load: (key: K, token: string) => Promise<T>,
): (key: K) => Promise<T> {
  return async (key) => {
    const token = await changeToken(STALE_AFTER_MS);
    let entry = entries.get(name);
    if (entry?.token !== token || entry.values.size >= MAX_KEYS) {
      entry = { token, values: new Map() };
      entries.set(name, entry);
    }
    const cached = entry.values.get(key);
    if (cached) return cached as Promise<T>;
    const value = load(key, token);
    const values = entry.values;
    values.set(key, value);
    value.catch(() => {
      if (values.get(key) === value) values.delete(key);
    });
    return value;
  };
}
