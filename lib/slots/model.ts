// The hot read model: every parking slot, held in memory, so the availability summary,
// the slot search and the dashboard answer without a query per request. A garage network
// has a few thousand slots (one row each, ~200 bytes), so the whole table fits easily.
//
// Freshness: the copy is tagged with a change token (lib/db/changes.ts) and re-read when
// the token moves. The token moves after every commit of this process (transaction())
// and, read on every request, with every commit by anyone: SQLite's data_version of the
// reader connection (microseconds), PostgreSQL's pg_current_snapshot() (one tiny query).
// The copy is loaded outside any transaction, so on SQLite by the reader connection: it
// never holds an open transaction's uncommitted writes, and a rollback moves nothing
// because it changed nothing. Until the database's first connection is open, the token
// also moves every STALE_AFTER_MS.
import "server-only";
import { db } from "@/lib/db/client";
import { changeToken as currentChangeToken } from "@/lib/db/changes";
import type { ParkingSlot } from "@/lib/generated/prisma/client.ts";

/** Only when the database cannot tell us about other writers (see above). */
const STALE_AFTER_MS = 1_000;

export type SlotSnapshot = {
  /** Every slot, by floor and then slot number. Never mutate. */
  slots: readonly ParkingSlot[];
  token: string;
};

function changeToken(): Promise<string> {
  return currentChangeToken(STALE_AFTER_MS);
}

const globalForModel = globalThis as unknown as {
  slotSnapshot?: SlotSnapshot;
  slotSnapshotLoading?: { token: string; promise: Promise<SlotSnapshot> };
};

/**
 * The slots as the database has them now (as of this call). Callers sweep expired
 * reservations first, as they did before they queried: the sweep's writes move the token.
 * Concurrent callers that find the copy stale share one reload.
 */
export async function slotSnapshot(): Promise<SlotSnapshot> {
  const token = await changeToken();
  const cached = globalForModel.slotSnapshot;
  if (cached?.token === token) return cached;
  const loading = globalForModel.slotSnapshotLoading;
  if (loading?.token === token) return loading.promise;
  // Tagged with the token read BEFORE the query: a write that lands while it runs moves
  // the token, and the next caller reloads.
  const promise = db.parkingSlot
    .findMany({ orderBy: [{ floorNumber: "asc" }, { slotNumber: "asc" }] })
    .then((slots) => {
      const snapshot = { slots, token };
      globalForModel.slotSnapshot = snapshot;
      return snapshot;
    })
    .finally(() => {
      if (globalForModel.slotSnapshotLoading?.promise === promise) {
        globalForModel.slotSnapshotLoading = undefined;
      }
    });
  globalForModel.slotSnapshotLoading = { token, promise };
  return promise;
}

/** SQLite's default (BINARY) text order, which is what ORDER BY on a TEXT column gives. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const derivedValues = new WeakMap<SlotSnapshot, Map<string, unknown>>();

/**
 * A value computed from a snapshot (a sort order, the availability counts), computed once
 * per snapshot and dropped with it. `compute` must depend on the slots alone.
 */
export function derived<T>(
  snapshot: SlotSnapshot,
  key: string,
  compute: (slots: readonly ParkingSlot[]) => T,
): T {
  let values = derivedValues.get(snapshot);
  if (!values) derivedValues.set(snapshot, (values = new Map()));
  if (!values.has(key)) values.set(key, compute(snapshot.slots));
  return values.get(key) as T;
}
