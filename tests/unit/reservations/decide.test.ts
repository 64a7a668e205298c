// The reserve decision as a pure function: a state as a transaction would have read it and
// one request, one decision. No database, no clock. (Groups: decide-group.test.ts.)
import { describe, expect, it } from "vitest";
import {
  decide,
  START_TIME_GRACE_MS,
  type BookingState,
  type ReserveRequest,
} from "@/lib/reservations/decide";
import {
  DAY,
  DRIVER,
  HOUR,
  NOW,
  OTHER_DRIVER,
  SLOT,
  at,
  planOf,
  refusal,
  reserve,
  slot,
  state,
  window,
} from "./decide-fixtures";

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
      vehicleId: null,
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
