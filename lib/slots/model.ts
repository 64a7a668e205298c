// The hot read model: every parking slot, held in memory, so the availability summary,
// the slot search and the dashboard answer without a query per request. A garage network
// has a few thousand slots (one row each, ~200 bytes), so the whole table fits easily.
//
// Freshness: the copy is kept per change token (lib/db/version-cache.ts), re-read when a
// commit by this process or anyone else moves it. The copy is loaded outside any
// transaction, so on SQLite by the reader connection: it never holds an open transaction's
// uncommitted writes, and a rollback moves nothing because it changed nothing.
import "server-only";
import { db } from "@/lib/db/client";
import { perDataVersion } from "@/lib/db/version-cache";
import type { ParkingSlot } from "@/lib/generated/prisma/client.ts";

export type SlotSnapshot = {
  /** Every slot, by floor and then slot number. Never mutate. */
  slots: readonly ParkingSlot[];
  token: string;
};

/**
 * The slots as the database has them now (as of this call). Callers sweep expired
 * reservations first, as they did before they queried: the sweep's writes move the token.
 * Concurrent callers that find the copy stale share one reload.
 */
export const slotSnapshot: () => Promise<SlotSnapshot> = perDataVersion("slots", (token) =>
  db.parkingSlot
    .findMany({ orderBy: [{ floorNumber: "asc" }, { slotNumber: "asc" }] })
    .then((slots) => ({ slots, token })),
);

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

type Family = { values: Map<string, { value: unknown; weight: number }>; weight: number };

const families = new WeakMap<SlotSnapshot, Map<string, Family>>();

/**
 * Like derived, for a family of values with many possible keys (the matches of each search
 * filter): the family's values kept per snapshot weigh at most `budget` together (`weigh`:
 * a list's length, say), the least recently used dropped first, so that a stream of
 * distinct keys cannot grow it. The value just computed is kept even when it alone is over.
 */
export function derivedAmong<T>(
  snapshot: SlotSnapshot,
  name: string,
  key: string,
  { budget, weigh }: { budget: number; weigh: (value: T) => number },
  compute: (slots: readonly ParkingSlot[]) => T,
): T {
  let byName = families.get(snapshot);
  if (!byName) families.set(snapshot, (byName = new Map()));
  let family = byName.get(name);
  if (!family) byName.set(name, (family = { values: new Map(), weight: 0 }));
  const kept = family.values.get(key);
  if (kept) {
    // Most recently used last: a Map keeps insertion order.
    family.values.delete(key);
    family.values.set(key, kept);
    return kept.value as T;
  }
  const value = compute(snapshot.slots);
  const weight = weigh(value);
  family.values.set(key, { value, weight });
  family.weight += weight;
  for (const [oldest, { weight: dropped }] of family.values) {
    if (family.weight <= budget || oldest === key) break;
    family.values.delete(oldest);
    family.weight -= dropped;
  }
  return value;
}
