// The order of slot numbers and zones everywhere they are listed: SQLite's default (BINARY)
// text order, which is what ORDER BY on a TEXT column gives, so the in-memory model, the
// API's lists and the floor map agree. Safe for the browser (no server imports).

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `slots` in slot-number order. */
export function inNumberOrder<S extends { slotNumber: string }>(slots: readonly S[]): S[] {
  return [...slots].sort((a, b) => compareText(a.slotNumber, b.slotNumber));
}
