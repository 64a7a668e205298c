// The reserve decision, once: a pure function (no clock, no database) from the state a
// transaction read (lib/reservations/state.ts) and a group of requests, in arrival order,
// to one decision per request: a plan to write (lib/reservations/write.ts) or a refusal.
// Every request is decided exactly as if it had run alone after the ones before it: they
// share the slots' windows, the wallets and the occupancy the price depends on, so an
// earlier acceptance is seen by every later request of the group. The one-request path is
// a group of one. Each way to book (a new reservation, extending a stay; drive-up at the
// gate next) is one request kind, plan kind and case below, over the same rules: the
// account must not owe money, the window must be free, the price is quotePrice's and the
// wallet must cover it.
import type { ReserveResult } from "@/lib/api-schemas/parking";
import type { Reservation } from "@/lib/generated/prisma/client.ts";
import { quotePrice, type QuoteHour } from "@/lib/pricing/quote";
import { occupancyRate, withBooking, type OccupancyByLocation } from "@/lib/pricing/occupancy";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import { MAX_BOOKING_AHEAD_DAYS } from "@/lib/validation/limits";
import type { SlotType } from "@/lib/dto";
import { windowsOverlap } from "@/lib/reservations/overlap";
import { owesMoney } from "@/lib/wallet/debt";
import { chooseBookingVehicle, type OwnedVehicle } from "@/lib/vehicles/choice";
import type { Idempotency } from "@/lib/reservations/idempotency";
import type { Actor } from "@/lib/auth/actor";
import { MINUTE_MS, HOUR_MS, DAY_MS } from "@/lib/time";

/**
 * A start this far in the past still means "now": a time picker has minute precision and
 * the request takes a moment to arrive. Earlier than that is a 400.
 */
export const START_TIME_GRACE_MS = 5 * MINUTE_MS;

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
  /** The vehicle asked for; undefined means the owner's only vehicle, else none. */
  vehicleId: number | undefined;
  now: Date;
  /** The Idempotency-Key and the canonical request it stands for. */
  idempotency: Idempotency | null;
};

/** Growing a booked reservation by `hours` at its end, [endTime, endTime + hours). */
export type ExtendRequest = {
  kind: "extend";
  /** The reservation's owner, who pays. */
  ownerId: number;
  reservationId: number;
  /** The reservation's slot (a reservation never changes slot). */
  slotId: number;
  /** A whole number of hours in range (checked before a request gets here). */
  hours: number;
  expectedTotalCents: number | undefined;
  now: Date;
  /** The Idempotency-Key and the canonical request it stands for. */
  idempotency: Idempotency | null;
  /** Staff extending another user's reservation: the extension is audited as theirs. */
  auditedActor: Actor | null;
};

/** Every way to book; drive-up joins as one more kind. */
export type BookingRequest = ReserveRequest | ExtendRequest;

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

/**
 * A reservation or extension made earlier with an Idempotency-Key: what it was asked and
 * answered (`slotId` and `durationHours` are its reservation's).
 */
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
  /** What each owner owes (users.outstanding_cents); owing blocks every new booking. */
  debts: ReadonlyMap<number, number>;
  /** The owners' vehicles and any vehicle a request names. */
  vehicles: ReadonlyMap<number, OwnedVehicle>;
  /** The reservations extend requests name, as stored. */
  targets: ReadonlyMap<number, Reservation>;
  /** Each location's rules, by location id; a location without rules prices as listed. */
  rules: ReadonlyMap<number, PricingRules>;
  /** What the occupancy tiers need; null when no rules have any (never consulted). */
  occupancy: OccupancyByLocation | null;
  /** Reservations and extensions made with the requests' Idempotency-Keys, by idempotencyScope. */
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
  idempotency: Idempotency | null;
  vehicleId: number | null;
};

export type ExtendPlan = {
  kind: "extend";
  ownerId: number;
  slot: SlotState;
  /** The reservation as read; the write is conditional on its end being unchanged. */
  reservation: Reservation;
  /** The new end (the added window is [reservation.endTime, endTime)). */
  endTime: Date;
  hours: number;
  totalCents: number;
  /** What each added hour costs. */
  hourlyCents: number[];
  balanceAfterCents: number;
  createdAt: Date;
  idempotency: Idempotency | null;
  auditedActor: Actor | null;
};

export type BookingPlan = ReservePlan | ExtendPlan;

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
  | { reason: "idempotency_key_reused" }
  | { reason: "vehicle_not_found"; vehicleId: number }
  | { reason: "outstanding_balance"; outstandingCents: number }
  | { reason: "reservation_not_found"; reservationId: number }
  /** Ended, cancelled or a no-show: nothing left to extend. */
  | { reason: "reservation_not_active" }
  /** The added window is taken or the slot is out of service; or a drive-up (open-ended). */
  | { reason: "not_extendable"; why: "window_taken" | "out_of_service" | "drive_up" };

/** A request's answer from the group commit: its result, or why it was refused. */
export type Outcome = { ok: true; result: ReserveResult } | { ok: false; refusal: Refusal };

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
      case "extend":
        return decideExtend(state, working, request, index);
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
  const byKey = keyedDecision(state, working, request);
  if (byKey) return byKey;
  const resolved = resolveStart(request.startTime, now);
  if (!resolved.ok) return refuse(resolved.refusal);
  const startTime = resolved.start;
  const start = startTime.getTime();
  const end = start + durationHours * HOUR_MS;

  const debt = owedBy(state, ownerId);
  if (debt) return refuse(debt);
  const vehicle = chooseBookingVehicle(state.vehicles, ownerId, request.vehicleId);
  if (!vehicle.ok) return refuse({ reason: "vehicle_not_found", vehicleId: vehicle.vehicleId });

  const slot = state.slots.get(slotId);
  if (!slot) return refuse({ reason: "slot_not_found", slotId });
  if (slot.outOfService) return refuse({ reason: "out_of_service" });
  const windows = working.windows.get(slotId) ?? [];
  if (clashes(windows, { start, end }, now)) return refuse({ reason: "window_taken" });

  const quote = quoteFor(state, working, slot, startTime, durationHours, now);
  const priceMoved = priceChanged(request.expectedTotalCents, quote);
  if (priceMoved) return refuse(priceMoved);

  const startsNow = start === now.getTime();
  if (startsNow && (!slot.isAvailable || working.takenNow.has(slotId))) {
    // No window overlaps, yet the slot is held: by a reservation that has run out (or it
    // was freed by one that should have started). The sweep would change this answer,
    // unless this group took it or the sweep already ran for this moment.
    const sweepMayFree =
      !working.takenNow.has(slotId) && (state.sweptAt === null || now.getTime() > state.sweptAt);
    return sweepMayFree ? { kind: "sweep_first", now } : refuse({ reason: "slot_taken" });
  }

  const funds = charge(working, ownerId, quote.totalCents);
  if (!funds.ok) return refuse(funds.refusal);

  const status = startsNow ? "active" : "upcoming";
  working.windows.set(slotId, [...windows, { reservationId: null, status, start, end }]);
  if (startsNow) working.takenNow.add(slotId);
  addOccupancy(working, slot, startTime, durationHours);
  rememberKey(working, request, index);
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
      balanceAfterCents: funds.balanceAfterCents,
      createdAt: now,
      idempotency: request.idempotency,
      vehicleId: vehicle.vehicleId,
    },
  };
}

/**
 * Extending is booking the window [endTime, endTime + hours) on the reservation's own slot
 * for its owner: the same debt, window, price and wallet rules as a new reservation. Only a
 * booked reservation that has not ended can grow; a drive-up is open-ended already.
 */
function decideExtend(
  state: BookingState,
  working: Working,
  request: ExtendRequest,
  index: number,
): Decision {
  const { ownerId, reservationId, hours, now } = request;
  const byKey = keyedDecision(state, working, request);
  if (byKey) return byKey;
  const reservation = state.targets.get(reservationId);
  if (!reservation) return refuse({ reason: "reservation_not_found", reservationId });
  // The group's earlier extensions of the same reservation moved its end.
  const windows = working.windows.get(reservation.slotId) ?? [];
  const own = windows.find((w) => w.reservationId === reservationId);
  const endsAt = own?.end ?? reservation.endTime.getTime();
  const ended =
    (reservation.status !== "upcoming" && reservation.status !== "active") ||
    reservation.checkedOutAt !== null ||
    endsAt <= now.getTime();
  if (ended) return refuse({ reason: "reservation_not_active" });
  if (reservation.kind === "drive_up") {
    return refuse({ reason: "not_extendable", why: "drive_up" });
  }

  const debt = owedBy(state, ownerId);
  if (debt) return refuse(debt);

  const slot = state.slots.get(reservation.slotId);
  if (!slot) return refuse({ reason: "slot_not_found", slotId: reservation.slotId });
  if (slot.outOfService) return refuse({ reason: "not_extendable", why: "out_of_service" });
  const start = endsAt;
  const end = start + hours * HOUR_MS;
  const others = windows.filter((w) => w.reservationId !== reservationId);
  if (clashes(others, { start, end }, now)) {
    return refuse({ reason: "not_extendable", why: "window_taken" });
  }

  const startTime = new Date(start);
  const quote = quoteFor(state, working, slot, startTime, hours, now);
  const priceMoved = priceChanged(request.expectedTotalCents, quote);
  if (priceMoved) return refuse(priceMoved);
  const funds = charge(working, ownerId, quote.totalCents);
  if (!funds.ok) return refuse(funds.refusal);

  working.windows.set(reservation.slotId, [
    ...others,
    {
      reservationId,
      status: reservation.status === "active" ? "active" : "upcoming",
      start: own?.start ?? reservation.startTime.getTime(),
      end,
    },
  ]);
  addOccupancy(working, slot, startTime, hours);
  rememberKey(working, request, index);
  return {
    kind: "accept",
    plan: {
      kind: "extend",
      ownerId,
      slot,
      reservation: { ...reservation, endTime: startTime },
      endTime: new Date(end),
      hours,
      totalCents: quote.totalCents,
      hourlyCents: quote.breakdown.map((h) => h.cents),
      balanceAfterCents: funds.balanceAfterCents,
      createdAt: now,
      idempotency: request.idempotency,
      auditedActor: request.auditedActor,
    },
  };
}

/**
 * The Idempotency-Key's answer, before anything else is decided, or null to decide the
 * request: the key's first request (earlier in this group, or stored) answers again when
 * this request is the same one, and a different request with the key is refused. Keys are
 * scoped to the owner, across reservations and extensions alike.
 */
function keyedDecision(
  state: BookingState,
  working: Working,
  request: BookingRequest,
): Decision | null {
  if (!request.idempotency) return null;
  const scope = idempotencyScope(request.ownerId, request.idempotency.key);
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
  return null;
}

/** An accepted request's key: a later request of the group with it is decided by it. */
function rememberKey(working: Working, request: BookingRequest, index: number): void {
  if (!request.idempotency) return;
  working.keys.set(idempotencyScope(request.ownerId, request.idempotency.key), {
    index,
    fingerprint: request.idempotency.fingerprint,
  });
}

/** Owing money blocks every new booking (lib/wallet/debt.ts holds the rule). */
function owedBy(state: BookingState, ownerId: number): Refusal | null {
  const outstandingCents = state.debts.get(ownerId) ?? 0;
  return owesMoney({ outstandingCents })
    ? { reason: "outstanding_balance", outstandingCents }
    : null;
}

/**
 * Whether a window clashes with one booked. An active reservation whose time is up no
 * longer holds anything (the sweep has just not reached it yet).
 */
function clashes(
  windows: readonly BookedWindow[],
  asked: { start: number; end: number },
  now: Date,
): boolean {
  return windows.some(
    (w) => windowsOverlap(w, asked) && !(w.status === "active" && w.end <= now.getTime()),
  );
}

/** The quote for `hours` from `startTime` on `slot`: each location prices by its own occupancy. */
function quoteFor(
  state: BookingState,
  working: Working,
  slot: SlotState,
  startTime: Date,
  hours: number,
  now: Date,
) {
  const occupancy = working.occupancy?.get(slot.locationId);
  return quotePrice(
    { pricePerHourCents: slot.pricePerHourCents, type: slot.slotType },
    startTime,
    hours,
    state.rules.get(slot.locationId) ?? DEFAULT_PRICING_RULES,
    occupancy ? (hourStart) => occupancyRate(occupancy, now, hourStart) : () => 0,
  );
}

function priceChanged(
  expectedTotalCents: number | undefined,
  quote: { totalCents: number; breakdown: QuoteHour[] },
): Refusal | null {
  if (expectedTotalCents === undefined || expectedTotalCents === quote.totalCents) return null;
  return {
    reason: "price_changed",
    expectedTotalCents,
    totalCents: quote.totalCents,
    breakdown: quote.breakdown,
  };
}

/** Debits the group's view of the owner's wallet, if it covers the amount. */
function charge(
  working: Working,
  ownerId: number,
  amountCents: number,
): { ok: true; balanceAfterCents: number } | { ok: false; refusal: Refusal } {
  const balance = working.balances.get(ownerId);
  if (balance === undefined) {
    return { ok: false, refusal: { reason: "owner_not_found", userId: ownerId } };
  }
  if (balance < amountCents) {
    return {
      ok: false,
      refusal: {
        reason: "insufficient_funds",
        walletBalanceCents: balance,
        requiredCents: amountCents,
      },
    };
  }
  working.balances.set(ownerId, balance - amountCents);
  return { ok: true, balanceAfterCents: balance - amountCents };
}

/** Later requests of the group price by the occupancy this booking adds. */
function addOccupancy(working: Working, slot: SlotState, startTime: Date, hours: number): void {
  const occupancy = working.occupancy?.get(slot.locationId);
  if (!occupancy || !working.occupancy) return;
  working.occupancy = new Map(working.occupancy).set(
    slot.locationId,
    withBooking(occupancy, slot.id, startTime, hours),
  );
}

function isSameRequest(stored: StoredReservation, request: BookingRequest): boolean {
  if (stored.fingerprint !== null) return stored.fingerprint === request.idempotency?.fingerprint;
  // Stored before booking ahead existed: those requests were reserves of slot and duration only.
  return (
    request.kind === "reserve" &&
    stored.slotId === request.slotId &&
    stored.durationHours === request.durationHours &&
    request.startTime === undefined &&
    request.expectedTotalCents === undefined
  );
}
