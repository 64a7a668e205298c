// Extending a stay and owing money, as cases of the one booking decision: a state as a
// transaction would have read it and requests in order. No database, no clock.
import { describe, expect, it } from "vitest";
import { decide, type BookingState, type ExtendRequest } from "@/lib/reservations/decide";
import type { Reservation } from "@/lib/generated/prisma/client.ts";
import {
  DRIVER,
  HOUR,
  NOW,
  OTHER_DRIVER,
  SLOT,
  at,
  extend,
  extendPlanOf,
  planOf,
  refusal,
  reserve,
  slot,
  state,
  target,
  window,
} from "./decide-fixtures";

/** The state with `reservation` as the extend target (and its own window). */
function withTarget(reservation: Reservation, overrides: Partial<BookingState> = {}) {
  return state({
    targets: new Map([[reservation.id, reservation]]),
    windows: new Map([
      [
        SLOT,
        [
          {
            reservationId: reservation.id,
            status: reservation.status === "upcoming" ? "upcoming" : "active",
            start: reservation.startTime.getTime(),
            end: reservation.endTime.getTime(),
          },
        ],
      ],
    ]),
    ...overrides,
  });
}

describe("decide: extend", () => {
  it("a running reservation grows at its end, priced and paid like a booking of those hours", () => {
    const plan = extendPlanOf(decide(withTarget(target()), [extend({ hours: 2 })])[0]);
    expect(plan).toMatchObject({
      kind: "extend",
      ownerId: DRIVER,
      hours: 2,
      endTime: at(3 * HOUR),
      totalCents: 600,
      hourlyCents: [300, 300],
      balanceAfterCents: 4400,
      createdAt: NOW,
    });
    expect(plan.reservation.endTime).toEqual(at(HOUR));
  });

  it("an upcoming reservation grows too", () => {
    const upcoming = target({ status: "upcoming", startTime: at(5 * HOUR), endTime: at(6 * HOUR) });
    const plan = extendPlanOf(decide(withTarget(upcoming), [extend()])[0]);
    expect(plan.endTime).toEqual(at(7 * HOUR));
  });

  it("up to a booking that starts where the added window ends", () => {
    const next = window("upcoming", 2 * HOUR, 2, 200);
    const s = withTarget(target());
    const windows = new Map(s.windows).set(SLOT, [...(s.windows.get(SLOT) ?? []), next]);
    expect(decide({ ...s, windows }, [extend({ hours: 1 })])[0]?.kind).toBe("accept");
    expect(refusal(decide({ ...s, windows }, [extend({ hours: 2 })])[0])).toEqual({
      reason: "not_extendable",
      why: "window_taken",
    });
  });

  const refusals: [
    string,
    Reservation | null,
    Partial<BookingState>,
    Partial<ExtendRequest>,
    unknown,
  ][] = [
    [
      "an unknown reservation",
      null,
      {},
      {},
      { reason: "reservation_not_found", reservationId: 100 },
    ],
    [
      "a completed one",
      target({ status: "completed" }),
      {},
      {},
      { reason: "reservation_not_active" },
    ],
    [
      "a cancelled one",
      target({ status: "cancelled" }),
      {},
      {},
      { reason: "reservation_not_active" },
    ],
    ["a no-show", target({ status: "no_show" }), {}, {}, { reason: "reservation_not_active" }],
    [
      "an active one whose time is up (not swept yet)",
      target({ endTime: NOW }),
      {},
      {},
      { reason: "reservation_not_active" },
    ],
    [
      "one checked out at the gate",
      target({ checkedOutAt: at(-1000) }),
      {},
      {},
      { reason: "reservation_not_active" },
    ],
    [
      "a running drive-up (open-ended)",
      target({ kind: "drive_up" }),
      {},
      {},
      { reason: "not_extendable", why: "drive_up" },
    ],
    [
      "a slot out of service",
      target(),
      { slots: new Map([[SLOT, slot(SLOT, { outOfService: true })]]) },
      {},
      { reason: "not_extendable", why: "out_of_service" },
    ],
    [
      "an owner who owes money",
      target(),
      { debts: new Map([[DRIVER, 250]]) },
      {},
      { reason: "outstanding_balance", outstandingCents: 250 },
    ],
    [
      "a price that moved",
      target(),
      {},
      { expectedTotalCents: 299 },
      { reason: "price_changed", expectedTotalCents: 299, totalCents: 300 },
    ],
    [
      "a wallet that does not cover it",
      target(),
      { balances: new Map([[DRIVER, 299]]) },
      {},
      { reason: "insufficient_funds", walletBalanceCents: 299, requiredCents: 300 },
    ],
  ];
  it.each(refusals)("refuses %s", (_name, reservation, overrides, request, expected) => {
    const s = reservation ? withTarget(reservation, overrides) : state(overrides);
    expect(refusal(decide(s, [extend(request)])[0])).toMatchObject(expected as object);
  });

  it("in a group, a second extension starts where the first ended; a booking of that window loses", () => {
    const next = window("upcoming", 3 * HOUR, 2, 200);
    const s = withTarget(target());
    const windows = new Map(s.windows).set(SLOT, [...(s.windows.get(SLOT) ?? []), next]);
    const [first, second, third] = decide({ ...s, windows }, [
      extend({ hours: 1 }),
      extend({ hours: 1 }),
      extend({ hours: 1 }),
    ]);
    expect(extendPlanOf(first).endTime).toEqual(at(2 * HOUR));
    expect(extendPlanOf(second).endTime).toEqual(at(3 * HOUR));
    expect(extendPlanOf(second).reservation.endTime).toEqual(at(2 * HOUR));
    expect(refusal(third)).toMatchObject({ reason: "not_extendable" });

    const [extended, booked] = decide({ ...s, windows }, [
      extend({ hours: 1 }),
      reserve({ ownerId: OTHER_DRIVER, startTime: at(HOUR), durationHours: 1 }),
    ]);
    expect(extended?.kind).toBe("accept");
    expect(refusal(booked)).toEqual({ reason: "window_taken" });
    const [bookedFirst, extendedLate] = decide({ ...s, windows }, [
      reserve({ ownerId: OTHER_DRIVER, startTime: at(HOUR), durationHours: 1 }),
      extend({ hours: 1 }),
    ]);
    expect(bookedFirst?.kind).toBe("accept");
    expect(refusal(extendedLate)).toMatchObject({ reason: "not_extendable" });
  });
});

describe("decide: debt and vehicles on a new reservation", () => {
  it("an owner who owes money is refused; one who owes nothing is not", () => {
    expect(refusal(decide(state({ debts: new Map([[DRIVER, 1]]) }), [reserve()])[0])).toEqual({
      reason: "outstanding_balance",
      outstandingCents: 1,
    });
    expect(decide(state({ debts: new Map([[DRIVER, 0]]) }), [reserve()])[0]?.kind).toBe("accept");
  });

  it("names the vehicle asked for, else the owner's only one, else none", () => {
    const one = new Map([[7, { id: 7, userId: DRIVER }]]);
    const two = new Map(one).set(8, { id: 8, userId: DRIVER });
    const others = new Map([[9, { id: 9, userId: OTHER_DRIVER }]]);
    expect(planOf(decide(state({ vehicles: one }), [reserve()])[0]).vehicleId).toBe(7);
    expect(planOf(decide(state({ vehicles: two }), [reserve()])[0]).vehicleId).toBeNull();
    expect(planOf(decide(state({ vehicles: two }), [reserve({ vehicleId: 8 })])[0]).vehicleId).toBe(
      8,
    );
    expect(planOf(decide(state({ vehicles: others }), [reserve()])[0]).vehicleId).toBeNull();
    expect(refusal(decide(state({ vehicles: others }), [reserve({ vehicleId: 9 })])[0])).toEqual({
      reason: "vehicle_not_found",
      vehicleId: 9,
    });
    expect(refusal(decide(state(), [reserve({ vehicleId: 5 })])[0])).toEqual({
      reason: "vehicle_not_found",
      vehicleId: 5,
    });
  });
});
