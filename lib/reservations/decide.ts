// The reserve decision, once: a pure function (no clock, no database) from the state a
// transaction read (lib/reservations/state.ts) and a group of requests, in arrival order,
// to one decision per request: a plan to write (lib/reservations/write.ts) or a refusal.
// Every request is decided exactly as if it had run alone after the ones before it: they
// share the slots' windows, the wallets and the occupancy the price depends on, so an
// earlier acceptance is seen by every later request of the group. The one-request path is
// a group of one. A new way to book (extending a stay, drive-up at the gate) is one more
// request kind, plan kind and case below.
import type { ReserveResult } from "@/lib/api-schemas/parking";
import { quotePrice, type QuoteHour } from "@/lib/pricing/quote";
import { occupancyRate, withBooking, type OccupancyByLocation } from "@/lib/pricing/occupancy";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import { MAX_BOOKING_AHEAD_DAYS } from "@/lib/validation/limits";
import type { SlotType } from "@/lib/dto";
import { windowsOverlap } from "@/lib/reservations/overlap";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/**
 * A start this far in the past still means "now": a time picker has minute precision and
 * the request takes a moment to arrive. Earlier than that is a 400.
 */
export const START_TIME_GRACE_MS = 5 * 60_000;

export type { ReserveResult };

/** A reserve request, its owner resolved and its clock fixed (`now`). */
export type ReserveRequest = {
  kind: "reserve";
  ownerId: number;
  slotId: number;
  /** A whole number of hours in range (checked before a request gets here). */
  durationHours: number;
  /** As asked: undefined means now (resolveStart says what it means). */
  startTime: Date | undefined;
  expectedTotalCents: number | undefined;
  now: Date;
  /** The Idempotency-Key and the canonical request it stands for. */
  idempotency: { key: string; fingerprint: string } | null;
};

/** Every way to book; extending a stay and drive-up join as more kinds. */
export type BookingRequest = ReserveRequest;

export type SlotState = {
  id: number;
  locationId: number;
  slotNumber: string;
  pricePerHourCents: number;
  slotType: SlotType;
  outOfService: boolean;
  isAvailable: boolean;
  lockVersion: number;
};

/** An upcoming or active reservation's window (ms), as stored. */
export type BookedWindow = {
  /** Null for one accepted earlier in the group being decided. */
  reservationId: number | null;
  status: "upcoming" | "active";
  start: number;
  end: number;
};

/** A reservation made earlier with an Idempotency-Key: what it was asked and answered. */
export type StoredReservation = {
  slotId: number;
  durationHours: number;
  /** Null on rows stored before requests were fingerprinted (slot and duration only). */
  fingerprint: string | null;
  result: ReserveResult;
};

export type BookingState = {
  /** The requested slots that exist. */
  slots: ReadonlyMap<number, SlotState>;
  /** By slot: every upcoming or active window that may overlap a requested one. */
  windows: ReadonlyMap<number, readonly BookedWindow[]>;
  /** Wallet balances of the owners that exist. */
  balances: ReadonlyMap<number, number>;
  /** Each location's rules, by location id; a location without rules prices as listed. */
  rules: ReadonlyMap<number, PricingRules>;
  /** What the occupancy tiers need; null when no rules have any (never consulted). */
  occupancy: OccupancyByLocation | null;
  /** Reservations made with the requests' Idempotency-Keys, by idempotencyScope. */
  stored: ReadonlyMap<string, StoredReservation>;
  /** The `now` (ms) of the expiry sweep this transaction ran before reading, if any. */
  sweptAt: number | null;
};

export type ReservePlan = {
  kind: "reserve";
  ownerId: number;
  slot: SlotState;
  startTime: Date;
  endTime: Date;
  durationHours: number;
  /** Active when it starts now (it takes the slot), else upcoming. */
  status: "active" | "upcoming";
  totalCents: number;
  hourlyCents: number[];
  /** The owner's balance after this charge (and the group's earlier ones). */
  balanceAfterCents: number;
  createdAt: Date;
  idempotency: { key: string; fingerprint: string } | null;
};

export type BookingPlan = ReservePlan;

export type Refusal =
  | { reason: "start_in_past" }
  | { reason: "start_too_far_ahead" }
  | { reason: "slot_not_found"; slotId: number }
  | { reason: "out_of_service" }
  | { reason: "window_taken" }
  | { reason: "slot_taken" }
  /** Set by the group commit when other writers kept winning (never by decide). */
  | { reason: "slot_busy" }
  | {
      reason: "price_changed";
      expectedTotalCents: number;
      totalCents: number;
      breakdown: QuoteHour[];
    }
  | { reason: "owner_not_found"; userId: number }
  | { reason: "insufficient_funds"; walletBalanceCents: number; requiredCents: number }
  | { reason: "idempotency_key_reused" };

export type Decision =
  | { kind: "accept"; plan: BookingPlan }
  | { kind: "refuse"; refusal: Refusal }
  /** The stored answer for its Idempotency-Key: nothing to write. */
  | { kind: "replay"; result: ReserveResult }
  /** The same key and request as request `index` of this group, which was accepted. */
  | { kind: "same_as"; index: number }
  /** Undecided: a reservation may be due for the expiry sweep at `now`; sweep, read, decide. */
  | { kind: "sweep_first"; now: Date };

/** Where an Idempotency-Key is unique: per owning user. */
export const idempotencyScope = (ownerId: number, key: string) => `${ownerId} ${key}`;

/** When a reservation starts: now when omitted or within the grace; else as asked. */
export function resolveStart(
  requested: Date | undefined,
  now: Date,
): { ok: true; start: Date } | { ok: false; refusal: Refusal } {
  if (requested === undefined) return { ok: true, start: now };
  const at = requested.getTime();
  if (Number.isNaN(at) || at < now.getTime() - START_TIME_GRACE_MS) {
    return { ok: false, refusal: { reason: "start_in_past" } };
  }
  if (at > now.getTime() + MAX_BOOKING_AHEAD_DAYS * DAY_MS) {
    return { ok: false, refusal: { reason: "start_too_far_ahead" } };
  }
  return { ok: true, start: at <= now.getTime() ? now : requested };
}

/** What the group has decided so far, on top of the state read. */
type Working = {
  windows: Map<number, BookedWindow[]>;
  balances: Map<number, number>;
  occupancy: OccupancyByLocation | null;
  /** Slots taken by an accepted request that starts now. */
  takenNow: Set<number>;
  /** Accepted requests with an Idempotency-Key: where in the group, and their fingerprint. */
  keys: Map<string, { index: number; fingerprint: string }>;
};

/** Decides each request in order; see the top of this file. */
export function decide(state: BookingState, requests: readonly BookingRequest[]): Decision[] {
  const working: Working = {
    windows: new Map([...state.windows].map(([slotId, list]) => [slotId, [...list]])),
    balances: new Map(state.balances),
    occupancy: state.occupancy,
    takenNow: new Set(),
    keys: new Map(),
  };
  return requests.map((request, index) => {
    switch (request.kind) {
      case "reserve":
        return decideReserve(state, working, request, index);
    }
  });
}

const refuse = (refusal: Refusal): Decision => ({ kind: "refuse", refusal });

function decideReserve(
  state: BookingState,
  working: Working,
  request: ReserveRequest,
  index: number,
): Decision {
  const { ownerId, slotId, durationHours, now } = request;
  if (request.idempotency) {
    const scope = idempotencyScope(ownerId, request.idempotency.key);
    const earlier = working.keys.get(scope);
    if (earlier) {
      return earlier.fingerprint === request.idempotency.fingerprint
        ? { kind: "same_as", index: earlier.index }
        : refuse({ reason: "idempotency_key_reused" });
    }
    const stored = state.stored.get(scope);
    if (stored) {
      return isSameRequest(stored, request)
        ? { kind: "replay", result: stored.result }
        : refuse({ reason: "idempotency_key_reused" });
    }
  }
  const resolved = resolveStart(request.startTime, now);
  if (!resolved.ok) return refuse(resolved.refusal);
  const startTime = resolved.start;
  const start = startTime.getTime();
  const end = start + durationHours * HOUR_MS;

  const slot = state.slots.get(slotId);
  if (!slot) return refuse({ reason: "slot_not_found", slotId });
  if (slot.outOfService) return refuse({ reason: "out_of_service" });
  const windows = working.windows.get(slotId) ?? [];
  // An active reservation whose time is up no longer holds anything (the sweep has just
  // not reached it yet).
  const clash = windows.some(
    (w) => windowsOverlap(w, { start, end }) && !(w.status === "active" && w.end <= now.getTime()),
  );
  if (clash) return refuse({ reason: "window_taken" });

  // Each location prices by its own occupancy.
  const occupancy = working.occupancy?.get(slot.locationId);
  const quote = quotePrice(
    { pricePerHourCents: slot.pricePerHourCents, type: slot.slotType },
    startTime,
    durationHours,
    state.rules.get(slot.locationId) ?? DEFAULT_PRICING_RULES,
    occupancy ? (hourStart) => occupancyRate(occupancy, now, hourStart) : () => 0,
  );
  if (request.expectedTotalCents !== undefined && request.expectedTotalCents !== quote.totalCents) {
    return refuse({
      reason: "price_changed",
      expectedTotalCents: request.expectedTotalCents,
      totalCents: quote.totalCents,
      breakdown: quote.breakdown,
    });
  }

  const startsNow = start === now.getTime();
  if (startsNow && (!slot.isAvailable || working.takenNow.has(slotId))) {
    // No window overlaps, yet the slot is held: by a reservation that has run out (or it
    // was freed by one that should have started). The sweep would change this answer,
    // unless this group took it or the sweep already ran for this moment.
    const sweepMayFree =
      !working.takenNow.has(slotId) && (state.sweptAt === null || now.getTime() > state.sweptAt);
    return sweepMayFree ? { kind: "sweep_first", now } : refuse({ reason: "slot_taken" });
  }

  const balance = working.balances.get(ownerId);
  if (balance === undefined) return refuse({ reason: "owner_not_found", userId: ownerId });
  if (balance < quote.totalCents) {
    return refuse({
      reason: "insufficient_funds",
      walletBalanceCents: balance,
      requiredCents: quote.totalCents,
    });
  }

  const status = startsNow ? "active" : "upcoming";
  working.balances.set(ownerId, balance - quote.totalCents);
  working.windows.set(slotId, [...windows, { reservationId: null, status, start, end }]);
  if (startsNow) working.takenNow.add(slotId);
  if (occupancy && working.occupancy) {
    working.occupancy = new Map(working.occupancy).set(
      slot.locationId,
      withBooking(occupancy, slotId, startTime, durationHours),
    );
  }
  if (request.idempotency) {
    working.keys.set(idempotencyScope(ownerId, request.idempotency.key), {
      index,
      fingerprint: request.idempotency.fingerprint,
    });
  }
  return {
    kind: "accept",
    plan: {
      kind: "reserve",
      ownerId,
      slot,
      startTime,
      endTime: new Date(end),
      durationHours,
      status,
      totalCents: quote.totalCents,
      hourlyCents: quote.breakdown.map((h) => h.cents),
      balanceAfterCents: balance - quote.totalCents,
      createdAt: now,
      idempotency: request.idempotency,
    },
  };
}

function isSameRequest(stored: StoredReservation, request: ReserveRequest): boolean {
  if (stored.fingerprint !== null) return stored.fingerprint === request.idempotency?.fingerprint;
  // Stored before booking ahead existed: those requests had slot and duration only.
  return (
    stored.slotId === request.slotId &&
    stored.durationHours === request.durationHours &&
    request.startTime === undefined &&
    request.expectedTotalCents === undefined
  );
}
