// The reserve decision as a pure function: a state as a transaction would have read it, a
// group of requests in arrival order, one decision per request. No database, no clock.
import { describe, expect, it } from "vitest";
import {
  decide,
  idempotencyScope,
  START_TIME_GRACE_MS,
  type BookedWindow,
  type BookingState,
  type Decision,
  type ReservePlan,
  type ReserveRequest,
  type ReserveResult,
  type SlotState,
} from "@/lib/reservations/decide";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import type { OccupancySnapshot } from "@/lib/pricing/occupancy";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A Monday, 09:15 UTC.
const NOW = new Date("2031-03-10T09:15:00.000Z");
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

const SLOT = 1;
const OTHER_SLOT = 2;
const DRIVER = 10;
const OTHER_DRIVER = 11;

function slot(id: number, overrides: Partial<SlotState> = {}): SlotState {
  return {
    id,
    slotNumber: `1-A-${id}`,
    pricePerHourCents: 300,
    slotType: "regular",
    outOfService: false,
    isAvailable: true,
    lockVersion: 7,
    ...overrides,
  };
}

function window(
  status: BookedWindow["status"],
  fromMs: number,
  hours: number,
  reservationId = 100,
): BookedWindow {
  const start = NOW.getTime() + fromMs;
  return { reservationId, status, start, end: start + hours * HOUR };
}

function state(overrides: Partial<BookingState> = {}): BookingState {
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
    rules: DEFAULT_PRICING_RULES,
    occupancy: null,
    stored: new Map(),
    sweptAt: null,
    ...overrides,
  };
}

function reserve(overrides: Partial<ReserveRequest> = {}): ReserveRequest {
  return {
    kind: "reserve",
    ownerId: DRIVER,
    slotId: SLOT,
    durationHours: 2,
    startTime: undefined,
    expectedTotalCents: undefined,
    now: NOW,
    idempotency: null,
    ...overrides,
  };
}

const keyed = (key: string, fingerprint = `body-of-${key}`) => ({
  idempotency: { key, fingerprint },
});

/** The plan of an accepted decision (fails the test on anything else). */
function planOf(decision: Decision | undefined): ReservePlan {
  expect(decision?.kind).toBe("accept");
  return (decision as Extract<Decision, { kind: "accept" }>).plan;
}

const refusal = (decision: Decision | undefined) =>
  decision?.kind === "refuse" ? decision.refusal : decision;

describe("decide: acceptances", () => {
  it("a reservation that starts now: active, priced by the hour, paid from the wallet", () => {
    const [decision] = decide(state(), [reserve()]);
    expect(planOf(decision)).toEqual({
      kind: "reserve",
      ownerId: DRIVER,
      slot: slot(SLOT),
      startTime: NOW,
      endTime: at(2 * HOUR),
      durationHours: 2,
      status: "active",
      totalCents: 600,
      hourlyCents: [300, 300],
      balanceAfterCents: 4400,
      createdAt: NOW,
      idempotency: null,
    });
  });

  it.each([
    ["omitted", undefined, NOW, "active"],
    ["a moment ago (within the grace)", at(-START_TIME_GRACE_MS), NOW, "active"],
    ["now exactly", NOW, NOW, "active"],
    ["an hour ahead", at(HOUR), at(HOUR), "upcoming"],
    ["30 days ahead", at(30 * DAY), at(30 * DAY), "upcoming"],
  ] as const)("a start %s", (_name, startTime, expectedStart, status) => {
    const plan = planOf(decide(state(), [reserve({ startTime })])[0]);
    expect(plan.startTime).toEqual(expectedStart);
    expect(plan.status).toBe(status);
  });

  it("a window back to back with a booked one, and one over a reservation whose time is up", () => {
    const windows = new Map([
      [SLOT, [window("upcoming", 3 * HOUR, 1), window("active", -3 * HOUR, 2, 101)]],
    ]);
    // The active one ended an hour ago (not swept yet); it holds nothing.
    const decisions = decide(state({ windows }), [
      reserve({ startTime: at(HOUR), durationHours: 2 }),
      reserve({ startTime: at(4 * HOUR), durationHours: 1 }),
    ]);
    expect(decisions.map((d) => d.kind)).toEqual(["accept", "accept"]);
  });

  it("a wallet that exactly covers the price", () => {
    const plan = planOf(decide(state({ balances: new Map([[DRIVER, 600]]) }), [reserve()])[0]);
    expect(plan.balanceAfterCents).toBe(0);
  });
});

describe("decide: refusals", () => {
  const cases: [string, Partial<BookingState>, Partial<ReserveRequest>, unknown][] = [
    [
      "a start before the grace",
      {},
      { startTime: at(-START_TIME_GRACE_MS - 1) },
      { reason: "start_in_past" },
    ],
    [
      "a start that is not a date",
      {},
      { startTime: new Date(Number.NaN) },
      { reason: "start_in_past" },
    ],
    [
      "a start beyond 30 days",
      {},
      { startTime: at(30 * DAY + 1) },
      { reason: "start_too_far_ahead" },
    ],
    ["an unknown slot", {}, { slotId: 99 }, { reason: "slot_not_found", slotId: 99 }],
    [
      "a slot out of service",
      { slots: new Map([[SLOT, slot(SLOT, { outOfService: true })]]) },
      {},
      { reason: "out_of_service" },
    ],
    [
      "a window over a running reservation",
      {
        windows: new Map([[SLOT, [window("active", -HOUR, 2)]]]),
        slots: new Map([[SLOT, slot(SLOT, { isAvailable: false })]]),
      },
      {},
      { reason: "window_taken" },
    ],
    [
      "a window over part of a booking ahead",
      { windows: new Map([[SLOT, [window("upcoming", 5 * HOUR, 2)]]]) },
      { startTime: at(6 * HOUR) },
      { reason: "window_taken" },
    ],
    [
      "a window inside a booking ahead",
      { windows: new Map([[SLOT, [window("upcoming", 5 * HOUR, 4)]]]) },
      { startTime: at(6 * HOUR), durationHours: 1 },
      { reason: "window_taken" },
    ],
    [
      "a slot held although nothing overlaps, after the sweep ran for this moment",
      { slots: new Map([[SLOT, slot(SLOT, { isAvailable: false })]]), sweptAt: NOW.getTime() },
      {},
      { reason: "slot_taken" },
    ],
    [
      "a price that moved since the quote",
      {},
      { expectedTotalCents: 500 },
      {
        reason: "price_changed",
        expectedTotalCents: 500,
        totalCents: 600,
        breakdown: [
          { hourStart: NOW.toISOString(), baseCents: 300, multiplier: 1, cents: 300 },
          { hourStart: at(HOUR).toISOString(), baseCents: 300, multiplier: 1, cents: 300 },
        ],
      },
    ],
    ["an owner who does not exist", {}, { ownerId: 77 }, { reason: "owner_not_found", userId: 77 }],
    [
      "a wallet one cent short",
      { balances: new Map([[DRIVER, 599]]) },
      {},
      { reason: "insufficient_funds", walletBalanceCents: 599, requiredCents: 600 },
    ],
  ];

  it.each(cases)("%s", (_name, stateOverrides, requestOverrides, expected) => {
    const [decision] = decide(state(stateOverrides), [reserve(requestOverrides)]);
    expect(refusal(decision)).toEqual(expected);
  });

  it("checks in the order a single request always did: slot, window, price, slot free, wallet", () => {
    const broke = new Map([[DRIVER, 0]]);
    const closed = new Map([[SLOT, slot(SLOT, { outOfService: true })]]);
    const taken = new Map([[SLOT, [window("active", -HOUR, 2)]]]);
    const expectReason = (s: Partial<BookingState>, r: Partial<ReserveRequest>, reason: string) =>
      expect(decide(state({ balances: broke, ...s }), [reserve(r)])[0]).toMatchObject({
        refusal: { reason },
      });
    expectReason({ slots: closed, windows: taken }, { expectedTotalCents: 1 }, "out_of_service");
    expectReason({ windows: taken }, { expectedTotalCents: 1 }, "window_taken");
    expectReason({}, { expectedTotalCents: 1 }, "price_changed");
    expectReason({}, {}, "insufficient_funds");
  });
});

describe("decide: the expiry sweep", () => {
  const held = new Map([[SLOT, slot(SLOT, { isAvailable: false })]]);

  it("asks for it when a slot is held although no live reservation overlaps", () => {
    // e.g. an active reservation whose end has passed still holds is_available.
    const windows = new Map([[SLOT, [window("active", -2 * HOUR, 1)]]]);
    expect(decide(state({ slots: held, windows }), [reserve()])).toEqual([
      { kind: "sweep_first", now: NOW },
    ]);
  });

  it("asks again only for a request later than the sweep that ran", () => {
    const later = at(1000);
    const decisions = decide(state({ slots: held, sweptAt: NOW.getTime() }), [
      reserve(),
      reserve({ ownerId: OTHER_DRIVER, now: later, startTime: undefined }),
    ]);
    expect(decisions).toEqual([
      { kind: "refuse", refusal: { reason: "slot_taken" } },
      { kind: "sweep_first", now: later },
    ]);
  });

  it("does not ask for a booking ahead: it does not need the slot now", () => {
    const [decision] = decide(state({ slots: held }), [reserve({ startTime: at(3 * HOUR) })]);
    expect(planOf(decision).status).toBe("upcoming");
  });
});

describe("decide: a group, in arrival order", () => {
  it("two requests for one slot and overlapping windows: the first wins", () => {
    const first = reserve({ ownerId: DRIVER });
    const second = reserve({ ownerId: OTHER_DRIVER, startTime: at(HOUR) });
    const decisions = decide(state(), [first, second]);
    expect(planOf(decisions[0]).ownerId).toBe(DRIVER);
    expect(refusal(decisions[1])).toEqual({ reason: "window_taken" });
    const reversed = decide(state(), [second, first]);
    expect(planOf(reversed[0]).ownerId).toBe(OTHER_DRIVER);
    expect(refusal(reversed[1])).toEqual({ reason: "window_taken" });
  });

  it("two requests that start now on one slot: the second finds it booked", () => {
    const decisions = decide(state(), [reserve(), reserve({ ownerId: OTHER_DRIVER })]);
    expect(decisions.map((d) => d.kind)).toEqual(["accept", "refuse"]);
    expect(refusal(decisions[1])).toEqual({ reason: "window_taken" });
  });

  it("back-to-back windows on one slot within the group both go through", () => {
    const decisions = decide(state(), [
      reserve({ startTime: at(2 * HOUR), durationHours: 1 }),
      reserve({ ownerId: OTHER_DRIVER }),
      reserve({ startTime: at(3 * HOUR), durationHours: 1 }),
    ]);
    expect(decisions.map((d) => planOf(d).status)).toEqual(["upcoming", "active", "upcoming"]);
  });

  it("shares a wallet: each request sees the balance the earlier ones left", () => {
    const decisions = decide(state({ balances: new Map([[DRIVER, 1000]]) }), [
      reserve({ slotId: SLOT, durationHours: 1 }),
      reserve({ slotId: OTHER_SLOT, durationHours: 1 }),
      reserve({ slotId: SLOT, durationHours: 1, startTime: at(5 * HOUR) }),
      reserve({ slotId: OTHER_SLOT, durationHours: 1, startTime: at(5 * HOUR) }),
    ]);
    expect(decisions.slice(0, 2).map((d) => planOf(d).balanceAfterCents)).toEqual([700, 200]);
    expect(refusal(decisions[2])).toEqual({
      reason: "insufficient_funds",
      walletBalanceCents: 200,
      requiredCents: 300,
    });
    expect(refusal(decisions[3])).toEqual({
      reason: "insufficient_funds",
      walletBalanceCents: 200,
      requiredCents: 500,
    });
  });

  it("a refused request changes nothing for the ones after it", () => {
    const decisions = decide(state({ balances: new Map([[DRIVER, 700]]) }), [
      reserve({ slotId: OTHER_SLOT, durationHours: 2 }),
      reserve({ slotId: SLOT, durationHours: 2 }),
    ]);
    expect(refusal(decisions[0])).toMatchObject({ reason: "insufficient_funds" });
    expect(planOf(decisions[1]).balanceAfterCents).toBe(100);
  });

  it("leaves the state it was given as it was", () => {
    const given = state({ windows: new Map([[SLOT, [window("upcoming", 5 * HOUR, 1)]]]) });
    const copy = structuredClone(given);
    decide(given, [reserve(), reserve({ ownerId: OTHER_DRIVER, slotId: OTHER_SLOT })]);
    expect(given).toEqual(copy);
  });
});

describe("decide: Idempotency-Keys", () => {
  const result = { walletBalanceCents: 4400 } as ReserveResult;
  const storedFor = (fingerprint: string | null) =>
    new Map([
      [idempotencyScope(DRIVER, "k1"), { slotId: SLOT, durationHours: 2, fingerprint, result }],
    ]);

  it("replays the stored answer for the same key and request, before any other check", () => {
    // The slot is now booked and the wallet empty: the replay is still the first answer.
    const s = state({
      stored: storedFor("body-of-k1"),
      balances: new Map([[DRIVER, 0]]),
      windows: new Map([[SLOT, [window("active", 0, 2)]]]),
    });
    expect(decide(s, [reserve(keyed("k1"))])).toEqual([{ kind: "replay", result }]);
  });

  it("refuses the same key with another request; another owner's key is theirs", () => {
    const s = state({ stored: storedFor("body-of-k1") });
    expect(refusal(decide(s, [reserve(keyed("k1", "another body"))])[0])).toEqual({
      reason: "idempotency_key_reused",
    });
    expect(planOf(decide(s, [reserve({ ownerId: OTHER_DRIVER, ...keyed("k1") })])[0]).ownerId).toBe(
      OTHER_DRIVER,
    );
  });

  it("matches a key stored before requests were fingerprinted by slot and duration", () => {
    const s = state({ stored: storedFor(null) });
    expect(decide(s, [reserve(keyed("k1"))])[0]?.kind).toBe("replay");
    expect(refusal(decide(s, [reserve({ durationHours: 3, ...keyed("k1") })])[0])).toEqual({
      reason: "idempotency_key_reused",
    });
    expect(refusal(decide(s, [reserve({ startTime: NOW, ...keyed("k1") })])[0])).toEqual({
      reason: "idempotency_key_reused",
    });
  });

  it("in one group: a repeat is the same answer, a different body a conflict", () => {
    const decisions = decide(state(), [
      reserve(keyed("k2")),
      reserve(keyed("k2")),
      reserve({ slotId: OTHER_SLOT, ...keyed("k2", "other") }),
    ]);
    expect(decisions[0]?.kind).toBe("accept");
    expect(decisions[1]).toEqual({ kind: "same_as", index: 0 });
    expect(refusal(decisions[2])).toEqual({ reason: "idempotency_key_reused" });
  });

  it("a key whose first request was refused is decided afresh", () => {
    const decisions = decide(state({ balances: new Map([[DRIVER, 600]]) }), [
      reserve({ durationHours: 3, ...keyed("k3") }),
      reserve(keyed("k3")),
    ]);
    expect(refusal(decisions[0])).toMatchObject({ reason: "insufficient_funds" });
    expect(planOf(decisions[1]).idempotency).toEqual({ key: "k3", fingerprint: "body-of-k3" });
  });
});

describe("decide: demand pricing", () => {
  const TIERS: PricingRules = {
    ...DEFAULT_PRICING_RULES,
    enabled: true,
    occupancyTiers: [{ above: 0.85, multiplier: 1.5 }],
    hourOfWeek: [{ days: [1], startHour: 9, endHour: 10, multiplier: 2 }],
    slotTypes: { vip: 1.25 },
  };
  const clockHour = Date.UTC(2031, 2, 10, 9);
  const nextHour = clockHour + HOUR;
  /** 10 slots in service; in the clock hour after now, 8 are booked (SLOT not among them). */
  const occupancy = (bookedSlotHours: string[] = []): OccupancySnapshot => ({
    curves: new Map([[clockHour, Array.from({ length: 168 }, () => 0)]]),
    booked: new Map([[nextHour, 8]]),
    bookedSlotHours: new Set(bookedSlotHours),
    inService: 10,
  });
  const tenSlots = new Map(
    Array.from({ length: 10 }, (_, i) => [i + 1, slot(i + 1)] as [number, SlotState]),
  );

  it("prices hour by hour with the rules (hour of week, slot type, cap)", () => {
    const slots = new Map([[SLOT, slot(SLOT, { slotType: "vip", pricePerHourCents: 400 })]]);
    const plan = planOf(decide(state({ rules: TIERS, slots }), [reserve()])[0]);
    // 09:15 is in the Monday 09-10 window: ×2 × 1.25 (vip) = 2.5, capped at the rules' ×2;
    // 10:15 is vip only (×1.25).
    expect(plan.hourlyCents).toEqual([800, 500]);
    expect(plan.totalCents).toBe(1300);
  });

  it("an occupancy tier applies once the group's own bookings push the hour above it", () => {
    const at10 = new Date(nextHour);
    const decisions = decide(
      state({ rules: { ...TIERS, hourOfWeek: [] }, occupancy: occupancy(), slots: tenSlots }),
      [
        reserve({ slotId: 1, startTime: at10, durationHours: 1 }),
        // Booked 9 of 10 now: 0.9 > 0.85.
        reserve({ slotId: 2, startTime: at10, durationHours: 1 }),
        reserve({ slotId: 3, startTime: at10, durationHours: 1, expectedTotalCents: 300 }),
      ],
    );
    expect(planOf(decisions[0]).totalCents).toBe(300);
    expect(planOf(decisions[1]).totalCents).toBe(450);
    expect(refusal(decisions[2])).toMatchObject({ reason: "price_changed", totalCents: 450 });
  });

  it("a slot already booked in that hour counts once", () => {
    const at10 = new Date(nextHour);
    const decisions = decide(
      state({
        rules: { ...TIERS, hourOfWeek: [] },
        occupancy: occupancy([`1@${nextHour}`]),
        slots: tenSlots,
        // Slot 1 is booked 10:00-10:10 by someone else; this is 10:10 onwards.
        windows: new Map([[1, [window("upcoming", nextHour - NOW.getTime(), 1 / 6)]]]),
      }),
      [
        reserve({ slotId: 1, startTime: new Date(nextHour + 10 * 60_000), durationHours: 1 }),
        reserve({ slotId: 2, startTime: at10, durationHours: 1 }),
      ],
    );
    // Still 8 of 10 after the first (slot 1 counted already), 9 after the second.
    expect(decisions.map((d) => planOf(d).totalCents)).toEqual([300, 300]);
  });
});
