// Group commit for booking. Requests that arrive while a booking transaction is running
// (or in the same tick) are decided and written together in ONE transaction:
//   read the state (lib/reservations/state.ts) → decide (lib/reservations/decide.ts, pure)
//   → write the accepted plans (lib/reservations/write.ts, set-based, guarded)
// so a busy server sends a dozen statements per group instead of a dozen per request
// (each Prisma statement costs ~0.7 ms of CPU). A request that finds the slot held by a
// reservation the expiry sweep has not reached runs the sweep in the same transaction
// first, then the group is read and decided again.
//
// Each request still gets its own exact answer, the one it would get alone after the
// requests before it. On PostgreSQL with several servers the group first locks the slots
// and wallets it books, so other bookings of them wait; when the write still finds that
// another writer changed what was read (a guard's row count, or a unique index, disagrees:
// a vehicle deleted, a reservation extended, a drive-up at the gate), the group rolls back and each request is decided again alone, in order, on a fresh read;
// alone, that repeats up to MAX_ATTEMPTS times before the request is refused as busy.
// Any other error is not expected: in a group it is logged and each request is decided
// alone, so the request that causes it fails with it and the others are unaffected;
// alone it goes to the caller. A database too busy to start a transaction (SERVICE_BUSY)
// is everyone's answer at once.
// On SQLite the other workers of a multi-process server send their bookings here, to
// worker 0 (lib/reservations/forwarding.ts): one queue for the machine.
import "server-only";
import { isUniqueViolation } from "@/lib/db/errors";
import { transaction } from "@/lib/db/client";
import { lockRows } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors";
import { advanceReservations } from "@/lib/reservations/expiry";
import { forwardBooking, forwardsBookings } from "@/lib/reservations/forwarding";
import { readBookingState } from "@/lib/reservations/state";
import { writePlans, type Guard } from "@/lib/reservations/write";
import {
  decide,
  type BookingRequest,
  type Decision,
  type Outcome,
  type ReserveResult,
} from "@/lib/reservations/decide";

/** Most requests in one transaction (bounds statement size and the group's latency). */
const MAX_GROUP = 64;
/** Attempts of a request alone while other writers keep changing what it read. */
const MAX_ATTEMPTS = 5;

type Pending = {
  request: BookingRequest;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
};

// On globalThis: the app bundle's routes and its instrumentation (which books what other
// workers forward) may each have a copy of this module, and a process has one queue.
const shared = ((globalThis as { [k: symbol]: unknown })[
  Symbol.for("smart-parking.booking-queue")
] ??= { queue: [], running: false }) as { queue: Pending[]; running: boolean };
const queue = shared.queue;

/** Books through the machine's group commit; resolves with this request's own outcome. */
export async function book(request: BookingRequest): Promise<Outcome> {
  if (forwardsBookings()) {
    const outcome = await forwardBooking(request);
    if (outcome !== null) return outcome;
  }
  return bookHere(request);
}

/** Books through this process's group commit. */
export function bookHere(request: BookingRequest): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    queue.push({ request, resolve, reject });
    if (!shared.running) {
      shared.running = true;
      // Let the requests that arrived in this tick join the first group.
      setImmediate(drain);
    }
  });
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const group: Pending[] = [];
    // The group is taken once its transaction may write (on SQLite, after the write lock,
    // which another worker process may hold for a while): the requests that arrived while
    // it waited join this group instead of waiting for the next one.
    const take = () => {
      if (group.length === 0) group.push(...queue.splice(0, MAX_GROUP));
      return group;
    };
    try {
      await settleGroup(take);
    } catch (error) {
      // A bug in settling itself: every caller still left waiting gets it (the route
      // logs it and answers 500), and the queue keeps going for the requests behind.
      for (const pending of take()) pending.reject(error);
    }
  }
  shared.running = false;
}

async function settleGroup(take: () => Pending[]): Promise<void> {
  let attempt: Attempt;
  try {
    attempt = await commit(() => take().map((p) => p.request));
  } catch (error) {
    // Also when the transaction never started (SERVICE_BUSY): the group is taken now.
    const group = take();
    if (error instanceof AppError || group.length === 1) {
      for (const pending of group) pending.reject(error);
      return;
    }
    console.error(
      `A booking group of ${group.length} requests failed; deciding each request alone.`,
      error,
    );
    for (const pending of group) await settleAlone(pending, 0);
    return;
  }
  const group = take();
  if (attempt.kind === "conflict") {
    // Another writer changed what the group read: each request again, on a fresh read.
    // A group of one has had its first attempt.
    const tried = group.length === 1 ? 1 : 0;
    for (const pending of group) await settleAlone(pending, tried);
    return;
  }
  group.forEach((pending, i) => pending.resolve(attempt.outcomes[i]!));
}

async function settleAlone(pending: Pending, tried: number): Promise<void> {
  for (let attempts = tried + 1; ; attempts++) {
    let attempt: Attempt;
    try {
      attempt = await commit(() => [pending.request]);
    } catch (error) {
      return pending.reject(error);
    }
    if (attempt.kind === "done") return pending.resolve(attempt.outcomes[0]!);
    if (attempts >= MAX_ATTEMPTS) {
      // A unique index refused the write each time: the slot's one active reservation (or
      // the key) belongs to someone else. Else other bookings of the slot kept winning.
      const reason = attempt.cause === "unique_index" ? "slot_taken" : "slot_busy";
      return pending.resolve({ ok: false, refusal: { reason } });
    }
  }
}

type Attempt =
  { kind: "done"; outcomes: Outcome[] } | { kind: "conflict"; cause: Guard | "unique_index" };

/** Rolls the transaction back: Prisma does so only when the callback throws. */
class GuardFailed extends Error {
  constructor(readonly guard: Guard) {
    super(`the ${guard} guard failed`);
  }
}

/**
 * One transaction: read, decide, write. A conflict comes back as a value. `requestsOf` is
 * called once the transaction has begun (again, with the same answer, if it is retried).
 */
async function commit(requestsOf: () => readonly BookingRequest[]): Promise<Attempt> {
  try {
    return await transaction(async (tx) => {
      const requests = requestsOf();
      // The slots and wallets the guards check stay as read until the write: another
      // server's booking of the same wallet waits here instead of failing our guard, which
      // could otherwise starve a request into "busy" (PostgreSQL; SQLite holds the database).
      await lockRows(tx, "parking_slots", [...new Set(requests.map((r) => r.slotId))]);
      await lockRows(tx, "users", [...new Set(requests.map((r) => r.ownerId))]);
      let sweptAt: Date | null = null;
      let state = await readBookingState(tx, requests, sweptAt);
      let decisions = decide(state, requests);
      for (let sweep = sweepDue(decisions); sweep !== null; sweep = sweepDue(decisions)) {
        await advanceReservations(tx, sweep);
        sweptAt = sweep;
        state = await readBookingState(tx, requests, sweptAt);
        decisions = decide(state, requests);
      }
      const plans = decisions.flatMap((d) => (d.kind === "accept" ? [d.plan] : []));
      const written = await writePlans(tx, state, plans);
      if (!written.ok) throw new GuardFailed(written.guard);
      return { kind: "done", outcomes: outcomesOf(decisions, written.results) };
    });
  } catch (error) {
    if (error instanceof GuardFailed) return { kind: "conflict", cause: error.guard };
    if (isUniqueViolation(error)) return { kind: "conflict", cause: "unique_index" };
    throw error;
  }
}

/**
 * The earliest `now` a decision waits for the sweep at, or null. decide() asks only for a
 * `now` later than the sweep already run, so the loop above ends.
 */
function sweepDue(decisions: readonly Decision[]): Date | null {
  let earliest: Date | null = null;
  for (const d of decisions) {
    if (d.kind === "sweep_first" && (earliest === null || d.now < earliest)) earliest = d.now;
  }
  return earliest;
}

/** Each request's outcome, given the results of the accepted plans in decision order. */
function outcomesOf(decisions: readonly Decision[], results: readonly ReserveResult[]): Outcome[] {
  const byIndex = new Map<number, ReserveResult>();
  let next = 0;
  decisions.forEach((d, i) => {
    if (d.kind === "accept") byIndex.set(i, results[next++]!);
  });
  return decisions.map((d, i): Outcome => {
    switch (d.kind) {
      case "accept":
        return { ok: true, result: byIndex.get(i)! };
      case "same_as":
        return { ok: true, result: byIndex.get(d.index)! };
      case "replay":
        return { ok: true, result: d.result };
      case "refuse":
        return { ok: false, refusal: d.refusal };
      case "sweep_first":
        throw new Error(`request ${i} was left waiting for a sweep`);
    }
  });
}
