// One booking queue per machine on SQLite. The workers of a multi-process server
// (lib/processes.ts) share one database file with one writer at a time: when each worker
// ran its own group commit (lib/reservations/batch.ts), the groups were half the size, took
// turns at the machine's write lock, and each found its page cache emptied by the other's
// commit. So the other workers send their bookings to worker 0 over the IPC channel
// (relayed by the primary, server/booking-relay.ts), which books them in its own groups
// and sends back each request's outcome.
//
// Forwarding never decides anything: worker 0 runs the same group commit, and the database
// (the transaction, its guards and unique indexes) decides as it does for any writer. When
// worker 0 does not take a request (starting, being replaced, shutting down) the asking
// worker books it itself. When worker 0 exits with the request in its hands, its
// transaction either committed or is gone with it: a request with an Idempotency-Key is
// then decided here (a replay if it was booked), one without is answered 503, since
// deciding it again could book it twice.
// Nor does a keyed request wait on worker 0 longer than a write waits for the lock
// (KEYED_WAIT_MS): past that (worker 0 stopped, or far behind) it is answered 503, to be
// sent again with its key. That is safe: worker 0 decides the first before the resent one
// (one queue, in order), which then finds the first's booking, or is decided afresh if
// the first was refused (a refusal is not kept). Deciding it here instead is not: a
// refusal here could be followed by a booking there, for a client told it failed. One
// without a key waits for worker 0's answer, however long: a 503 could not tell its
// client whether the booking was made.
// On PostgreSQL every worker books itself: its transactions run side by side.
import "server-only";
import { dialect } from "@/lib/db/dialect";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";
import { onShutdown } from "@/lib/shutdown";
import {
  BOOKING_MESSAGE,
  isBookingMessage,
  LEAD_WORKER_INDEX,
  workerIndex,
  type BookingMessage,
} from "@/lib/processes";
import type { BookingRequest, Outcome } from "@/lib/reservations/decide";

/** A request as it crosses the channel: its dates as epoch milliseconds. */
type EncodedRequest =
  | (Omit<Extract<BookingRequest, { kind: "reserve" }>, "now" | "startTime"> & {
      now: number;
      startTime: number | null;
    })
  | (Omit<Extract<BookingRequest, { kind: "extend" }>, "now"> & { now: number });

/** Worker 0's answer: the outcome, or the error booking threw (null: not an AppError). */
type Answer =
  { outcome: Outcome } | { error: { code: ErrorCode; message: string; details?: unknown } | null };

function encodeRequest(request: BookingRequest): EncodedRequest {
  return request.kind === "reserve"
    ? { ...request, now: request.now.getTime(), startTime: request.startTime?.getTime() ?? null }
    : { ...request, now: request.now.getTime() };
}

function decodeRequest(encoded: EncodedRequest): BookingRequest {
  return encoded.kind === "reserve"
    ? {
        ...encoded,
        now: new Date(encoded.now),
        startTime: encoded.startTime === null ? undefined : new Date(encoded.startTime),
      }
    : { ...encoded, now: new Date(encoded.now) };
}

/** How long a keyed request waits for worker 0's answer (as long as a write waits for the lock). */
const KEYED_WAIT_MS = 10_000;

type Waiter = { resolve: (answer: Answer | "declined" | "lost" | "late") => void };
type Serving = { accepting: boolean; inFlight: Set<Promise<void>> };

// On globalThis: the server entry and the app bundle each have a copy of this module.
const shared = ((globalThis as { [k: symbol]: unknown })[
  Symbol.for("smart-parking.booking-forwarding")
] ??= {
  nextId: 0,
  waiting: new Map<number, Waiter>(),
  listening: false,
  serving: null,
}) as { nextId: number; waiting: Map<number, Waiter>; listening: boolean; serving: Serving | null };

function send(message: BookingMessage): boolean {
  if (!process.connected || typeof process.send !== "function") return false;
  // An error (the channel closing as the primary goes) reaches the callback, not the process.
  process.send(message, undefined, undefined, () => {});
  return true;
}

/** Whether this process sends its bookings to worker 0: another worker of ours, on SQLite. */
export function forwardsBookings(): boolean {
  const index = workerIndex();
  return (
    index !== null && index !== LEAD_WORKER_INDEX && process.connected && dialect() === "sqlite"
  );
}

function listenForAnswers(): void {
  if (shared.listening) return;
  shared.listening = true;
  process.on("message", (message: unknown) => {
    if (!isBookingMessage(message) || message.op === "book" || message.op === "serving") return;
    const waiter = shared.waiting.get(message.id);
    shared.waiting.delete(message.id);
    if (!waiter) return;
    if (message.op === "answer") waiter.resolve(message.answer as Answer);
    else waiter.resolve(message.op);
  });
  // The primary is gone, and with it the way back: worker 0 may still commit.
  process.on("disconnect", () => {
    for (const waiter of shared.waiting.values()) waiter.resolve("lost");
    shared.waiting.clear();
  });
}

/**
 * Books `request` on worker 0: its outcome, or null when this worker is to book it itself
 * (worker 0 did not take it, or it exited and the request has an Idempotency-Key). A keyed
 * request worker 0 does not answer within KEYED_WAIT_MS is answered SERVICE_BUSY.
 */
export async function forwardBooking(request: BookingRequest): Promise<Outcome | null> {
  listenForAnswers();
  const id = ++shared.nextId;
  let waiter!: Waiter;
  const answered = new Promise<Answer | "declined" | "lost" | "late">((resolve) => {
    waiter = { resolve };
    shared.waiting.set(id, waiter);
  });
  if (!send({ type: BOOKING_MESSAGE, op: "book", id, request: encodeRequest(request) })) {
    shared.waiting.delete(id);
    return null;
  }
  let late: ReturnType<typeof setTimeout> | undefined;
  if (request.idempotency !== null) {
    late = setTimeout(() => {
      // Worker 0's answer, should it come, then finds nobody waiting.
      shared.waiting.delete(id);
      waiter.resolve("late");
    }, KEYED_WAIT_MS);
  }
  const answer = await answered;
  clearTimeout(late);
  if (answer === "declined") return null;
  if (answer === "late") {
    throw new AppError(
      "SERVICE_BUSY",
      "The booking is taking longer than usual. Send it again with the same " +
        "Idempotency-Key: it is made at most once.",
    );
  }
  if (answer === "lost") {
    if (request.idempotency !== null) return null;
    throw new AppError(
      "SERVICE_BUSY",
      "The server restarted while booking; the booking may have been made. Check your " +
        "reservations before you book again, or send an Idempotency-Key to retry safely.",
    );
  }
  if ("outcome" in answer) return answer.outcome;
  if (answer.error === null) throw new Error("booking on worker 0 failed (see its log)");
  throw new AppError(answer.error.code, answer.error.message, answer.error.details);
}

/**
 * On worker 0: books what the other workers forward with `bookHere`, from now until the
 * server shuts down; at shutdown it takes no more and finishes those it has (before the
 * database closes: hooks run last registered first).
 */
export function serveForwardedBookings(bookHere: (request: BookingRequest) => Promise<Outcome>) {
  if (workerIndex() !== LEAD_WORKER_INDEX || !process.connected || dialect() !== "sqlite") return;
  if (shared.serving) return;
  const serving: Serving = { accepting: true, inFlight: new Set() };
  shared.serving = serving;
  process.on("message", (message: unknown) => {
    if (!isBookingMessage(message) || message.op !== "book") return;
    const { id } = message;
    if (!serving.accepting) {
      send({ type: BOOKING_MESSAGE, op: "declined", id });
      return;
    }
    const work = bookHere(decodeRequest(message.request as EncodedRequest)).then(
      (outcome): Answer => ({ outcome }),
      (error: unknown): Answer => {
        if (error instanceof AppError) {
          return { error: { code: error.code, message: error.message, details: error.details } };
        }
        logger.error({ err: error }, "a booking forwarded by another worker failed");
        return { error: null };
      },
    );
    const done = work.then((answer) => {
      send({ type: BOOKING_MESSAGE, op: "answer", id, answer });
    });
    serving.inFlight.add(done);
    void done.finally(() => serving.inFlight.delete(done));
  });
  send({ type: BOOKING_MESSAGE, op: "serving", id: 0 });
  logger.info("booking for the other workers");
  onShutdown("finish the bookings other workers forwarded", async () => {
    serving.accepting = false;
    await Promise.all(serving.inFlight);
  });
}
