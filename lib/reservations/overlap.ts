// When two reservations' windows clash: the one rule the reserve decision (decide.ts), the
// reads it decides over (state.ts) and the slot search for a window (lib/slots/queries.ts)
// share. Windows are half-open, [start, end): one ending at 10:00 and one starting at
// 10:00 do not overlap.
import type { Prisma } from "@/lib/generated/prisma/client.ts";

/** The statuses whose window holds a slot. */
export const HOLDING_STATUSES = ["upcoming", "active"] as const;

type Window = { start: number; end: number };

/** Whether two windows (epoch milliseconds) overlap. */
export function windowsOverlap(a: Window, b: Window): boolean {
  return a.start < b.end && a.end > b.start;
}

/** The same rule over the table: reservations whose held window overlaps [from, to). */
export function holdingOverlapWhere(from: Date, to: Date) {
  return {
    status: { in: [...HOLDING_STATUSES] },
    startTime: { lt: to },
    endTime: { gt: from },
  } satisfies Prisma.ReservationWhereInput;
}
