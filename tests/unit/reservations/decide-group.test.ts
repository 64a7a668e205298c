// The reserve decision for a group of requests in arrival order: each decided as if alone
// after the ones before it, sharing windows, wallets, Idempotency-Keys and the occupancy
// that prices them. No database, no clock.
import { describe, expect, it } from "vitest";
import {
  decide,
  idempotencyScope,
  type ReserveResult,
  type SlotState,
} from "@/lib/reservations/decide";
import { DEFAULT_PRICING_RULES, type PricingRules } from "@/lib/validation/pricing";
import type { OccupancySnapshot } from "@/lib/pricing/occupancy";
import {
  DRIVER,
  HOUR,
  LOCATION,
  OTHER_LOCATION,
  NOW,
  OTHER_DRIVER,
  OTHER_SLOT,
  SLOT,
  at,
  keyed,
  planOf,
  refusal,
  reserve,
  slot,
  state,
  window,
} from "./decide-fixtures";

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

  it("prices each slot by its own location's rules; a location without rules as listed", () => {
    const slots = new Map([
      [SLOT, slot(SLOT, { pricePerHourCents: 400 })],
      [OTHER_SLOT, slot(OTHER_SLOT, { locationId: OTHER_LOCATION, pricePerHourCents: 400 })],
    ]);
    const decisions = decide(state({ rules: new Map([[LOCATION, TIERS]]), slots }), [
      reserve(),
      reserve({ slotId: OTHER_SLOT, ownerId: OTHER_DRIVER }),
    ]);
    // Monday 09:15: ×2 at the location with rules; the other charges the listed price.
    expect(planOf(decisions[0]).hourlyCents).toEqual([800, 400]);
    expect(planOf(decisions[1]).hourlyCents).toEqual([400, 400]);
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
