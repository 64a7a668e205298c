// A booking state and requests as decide() takes them, for the table-driven tests of the
// decision (decide.test.ts, decide-group.test.ts). Plain values: no database, no clock.
import { expect } from "vitest";
import type {
  BookedWindow,
  BookingState,
  Decision,
  ExtendPlan,
  ExtendRequest,
  ReservePlan,
  ReserveRequest,
  SlotState,
} from "@/lib/reservations/decide";
import type { Reservation } from "@/lib/generated/prisma/client.ts";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
// A Monday, 09:15 UTC.
export const NOW = new Date("2031-03-10T09:15:00.000Z");
export const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

export const LOCATION = 1;
export const OTHER_LOCATION = 2;
export const SLOT = 1;
export const OTHER_SLOT = 2;
export const DRIVER = 10;
export const OTHER_DRIVER = 11;

export function slot(id: number, overrides: Partial<SlotState> = {}): SlotState {
  return {
    id,
    locationId: LOCATION,
    slotNumber: `1-A-${id}`,
    pricePerHourCents: 300,
    slotType: "regular",
    outOfService: false,
    isAvailable: true,
    lockVersion: 7,
    ...overrides,
  };
}

export function window(
  status: BookedWindow["status"],
  fromMs: number,
  hours: number,
  reservationId = 100,
): BookedWindow {
  const start = NOW.getTime() + fromMs;
  return { reservationId, status, start, end: start + hours * HOUR };
}

/** `rules`: the fixture location's rules, or rules by location. */
export function state(
  overrides: Partial<Omit<BookingState, "rules">> & {
    rules?: PricingRules | ReadonlyMap<number, PricingRules>;
  } = {},
): BookingState {
  const { rules = DEFAULT_PRICING_RULES, ...rest } = overrides;
  return {
    slots: new Map([
      [SLOT, slot(SLOT)],
      [OTHER_SLOT, slot(OTHER_SLOT, { pricePerHourCents: 500 })],
    ]),
    windows: new Map(),
    balances: new Map([
      [DRIVER, 5000],
      [OTHER_DRIVER, 5000],
    ]),
    rules: rules instanceof Map ? rules : new Map([[LOCATION, rules as PricingRules]]),
    occupancy: null,
    stored: new Map(),
    sweptAt: null,
    debts: new Map(),
    vehicles: new Map(),
    targets: new Map(),
    ...rest,
  };
}

export function reserve(overrides: Partial<ReserveRequest> = {}): ReserveRequest {
  return {
    kind: "reserve",
    ownerId: DRIVER,
    slotId: SLOT,
    durationHours: 2,
    startTime: undefined,
    expectedTotalCents: undefined,
    vehicleId: undefined,
    now: NOW,
    idempotency: null,
    ...overrides,
  };
}

export const keyed = (key: string, fingerprint = `body-of-${key}`) => ({
  idempotency: { key, fingerprint },
});

/** The plan of an accepted decision (fails the test on anything else). */
export function planOf(decision: Decision | undefined): ReservePlan {
  expect(decision?.kind).toBe("accept");
  const plan = (decision as Extract<Decision, { kind: "accept" }>).plan;
  expect(plan.kind).toBe("reserve");
  return plan as ReservePlan;
}

export const refusal = (decision: Decision | undefined) =>
  decision?.kind === "refuse" ? decision.refusal : decision;

/** A stored reservation as an extend request's target (booked, active from an hour ago). */
export function target(overrides: Partial<Reservation> = {}): Reservation {
  return {
    id: 100,
    userId: DRIVER,
    slotId: SLOT,
    startTime: at(-HOUR),
    endTime: at(HOUR),
    durationHours: 2,
    totalAmountCents: 600,
    paymentStatus: "completed",
    status: "active",
    idempotencyKey: null,
    idempotencyRequest: null,
    hourlyCents: "[300,300]",
    kind: "booked",
    vehicleId: null,
    checkedInAt: null,
    checkedOutAt: null,
    createdAt: at(-HOUR),
    ...overrides,
  };
}

export function extend(overrides: Partial<ExtendRequest> = {}): ExtendRequest {
  return {
    kind: "extend",
    ownerId: DRIVER,
    reservationId: 100,
    slotId: SLOT,
    hours: 1,
    expectedTotalCents: undefined,
    now: NOW,
    idempotency: null,
    auditedActor: null,
    ...overrides,
  };
}

/** The plan of an accepted extension (fails the test on anything else). */
export function extendPlanOf(decision: Decision | undefined): ExtendPlan {
  expect(decision?.kind).toBe("accept");
  const plan = (decision as Extract<Decision, { kind: "accept" }>).plan;
  expect(plan.kind).toBe("extend");
  return plan as ExtendPlan;
}
