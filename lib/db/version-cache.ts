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

type Entry = { token: string; value: Promise<unknown> };

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
  return async () => {
    const token = await changeToken(STALE_AFTER_MS);
    const cached = entries.get(name);
    if (cached?.token === token) return cached.value as Promise<T>;
    const entry: Entry = { token, value: load(token) };
    entries.set(name, entry);
    entry.value.catch(() => {
      if (entries.get(name) === entry) entries.delete(name);
    });
    return entry.value as Promise<T>;
  };
}
