// The app server's processes (server/main.ts): `npm start` runs one worker process per CPU
// (WEB_CONCURRENCY overrides), forked by a primary process that shares the port between
// them. What a worker needs to know about that, in one place:
// - which worker it is (WORKER_INDEX_ENV, set by the primary; a replacement of a dead
//   worker gets the index of the one it replaces), so work that must run once per machine
//   runs on worker 0 only (runsScheduledWork);
// - whether the primary arbitrates the SQLite write lock between the workers
//   (lib/db/machine-write-lock.ts): only when that primary is ours, i.e. the index is set;
// - which worker books for all of them on SQLite (lib/reservations/forwarding.ts): worker 0.
// A process started on its own (WEB_CONCURRENCY=1, a script, a test) is worker 0 of one.

export const WORKER_INDEX_ENV = "SMART_PARKING_WORKER_INDEX";

/** Messages between the primary and its workers carry this type. */
export const WRITE_LOCK_MESSAGE = "smart-parking:write-lock";
export const LISTENING_MESSAGE = "listening";
/** A connection the primary hands to a worker (server/connection-dispatcher.ts)… */
export const CONNECTION_MESSAGE = "smart-parking:connection";
/** …and the worker's answer that it took it: it may be handed the next. */
export const CONNECTION_TAKEN_MESSAGE = "smart-parking:connection-taken";

function hasType(message: unknown, type: string): boolean {
  return (
    typeof message === "object" && message !== null && "type" in message && message.type === type
  );
}

/** A worker's word that it serves (every worker) or a server's that it listens (the primary's). */
export function isListeningMessage(message: unknown): boolean {
  return hasType(message, LISTENING_MESSAGE);
}

export function isConnectionMessage(message: unknown): boolean {
  return hasType(message, CONNECTION_MESSAGE);
}

export function isConnectionTakenMessage(message: unknown): boolean {
  return hasType(message, CONNECTION_TAKEN_MESSAGE);
}

/** A booking another worker books for this one, relayed by the primary (server/booking-relay.ts). */
export const BOOKING_MESSAGE = "smart-parking:booking";

export type BookingMessage =
  /** A worker to the primary, the primary to worker 0: book `request` (encoded). */
  | { type: typeof BOOKING_MESSAGE; op: "book"; id: number; request: unknown }
  /** Worker 0 to the primary, the primary to the asking worker: its answer. */
  | { type: typeof BOOKING_MESSAGE; op: "answer"; id: number; answer: unknown }
  /**
   * Not booked there: worker 0 is not serving (starting, replaced, shutting down) or it
   * exited with the request in its hands (`lost`: booked or not, it will not commit now).
   */
  | { type: typeof BOOKING_MESSAGE; op: "declined" | "lost"; id: number }
  /**
   * Worker 0 to the primary: it books for the others from now on. Not its "listening":
   * the app's start-up (instrumentation.ts) may still be running when it serves.
   */
  | { type: typeof BOOKING_MESSAGE; op: "serving"; id: 0 };

export function isBookingMessage(message: unknown): message is BookingMessage {
  if (!hasType(message, BOOKING_MESSAGE)) return false;
  const m = message as { op?: unknown; id?: unknown };
  return (
    (m.op === "book" ||
      m.op === "answer" ||
      m.op === "declined" ||
      m.op === "lost" ||
      m.op === "serving") &&
    typeof m.id === "number"
  );
}

export type WriteLockMessage = {
  type: typeof WRITE_LOCK_MESSAGE;
  op: "acquire" | "granted" | "release";
  id: number;
};

export function isWriteLockMessage(message: unknown): message is WriteLockMessage {
  if (!hasType(message, WRITE_LOCK_MESSAGE)) return false;
  const m = message as Partial<WriteLockMessage>;
  return (
    (m.op === "acquire" || m.op === "granted" || m.op === "release") && typeof m.id === "number"
  );
}

/** This process's worker index, or null when it was not forked by our primary. */
export function workerIndex(): number | null {
  const value = process.env[WORKER_INDEX_ENV];
  return value === undefined || !/^\d+$/.test(value) ? null : Number(value);
}

/** The worker that does what runs once per machine: scheduled work, and booking on SQLite. */
export const LEAD_WORKER_INDEX = 0;

/** Scheduled work (the expiry timer) runs once per machine: on worker 0, or alone. */
export function runsScheduledWork(): boolean {
  return (workerIndex() ?? LEAD_WORKER_INDEX) === LEAD_WORKER_INDEX;
}

const MAX_WORKERS = 256;

/** WEB_CONCURRENCY as a worker count: unset or empty means one per CPU. */
export function workerCount(value: string | undefined, cpus: number): number {
  if (value === undefined || value.trim() === "") return Math.max(1, cpus);
  const count = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || count < 1 || count > MAX_WORKERS) {
    throw new Error(
      `WEB_CONCURRENCY must be a whole number of processes from 1 to ${MAX_WORKERS}; got "${value}".`,
    );
  }
  return count;
}

/**
 * `npm run dev`: the same server in front of Next.js's development server (hot reload), in
 * one process: the edge's page policy and location choice apply there too.
 */
export function isDevelopmentServer(): boolean {
  return process.env.NODE_ENV === "development";
}
