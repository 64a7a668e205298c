// Times and invariant checks for the booking domain tests; the data builders are the unit
// tests' one set (tests/unit/builders.ts).
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { HOUR_MS } from "../builders";

export const DAY_MS = 24 * HOUR_MS;
export const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

/** Row counts and sums that a refused request must leave as they were. */
export async function snapshot() {
  const [users, slots, reservations, payments, ledger, stats] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, walletBalanceCents: true } }),
    db.parkingSlot.findMany({
      orderBy: { id: "asc" },
      select: { id: true, isAvailable: true, outOfService: true },
    }),
    db.reservation.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
    db.payment.groupBy({
      by: ["paymentStatus"],
      _count: { _all: true },
      orderBy: { paymentStatus: "asc" },
    }),
    db.walletTransaction.count(),
    db.utilizationStat.aggregate({
      _count: { _all: true },
      _sum: { occupancyCount: true, revenueCents: true },
    }),
  ]);
  return { users, slots, reservations, payments, ledger, stats };
}

/**
 * The invariants: every wallet equals its ledger sum (and running balances add up), no
 * slot holds two overlapping upcoming/active reservations or two active ones, is_available
 * is false exactly for slots an active reservation holds, every refunded reservation has
 * exactly one refund row for its full amount and a refunded payment.
 */
export async function expectConsistent(): Promise<void> {
  const problems: string[] = [];
  const users = await db.user.findMany({
    include: { walletTransactions: { orderBy: { id: "asc" } } },
  });
  for (const user of users) {
    let running = 0;
    for (const entry of user.walletTransactions) {
      running += entry.amountCents;
      if (entry.balanceAfterCents !== running) problems.push(`ledger row ${entry.id} off`);
    }
    if (user.walletBalanceCents !== running) {
      problems.push(`wallet ${user.id} is ${user.walletBalanceCents}, ledger ${running}`);
    }
  }
  const live = await db.reservation.findMany({
    where: { status: { in: ["upcoming", "active"] } },
    orderBy: [{ slotId: "asc" }, { startTime: "asc" }],
  });
  for (let i = 1; i < live.length; i++) {
    const [a, b] = [live[i - 1]!, live[i]!];
    if (a.slotId === b.slotId && b.startTime < a.endTime) {
      problems.push(`reservations ${a.id} and ${b.id} overlap on slot ${a.slotId}`);
    }
  }
  const held = new Set(live.filter((r) => r.status === "active").map((r) => r.slotId));
  if (held.size !== live.filter((r) => r.status === "active").length) {
    problems.push("a slot has two active reservations");
  }
  for (const slot of await db.parkingSlot.findMany()) {
    if (slot.isAvailable === held.has(slot.id)) problems.push(`slot ${slot.id} availability`);
  }
  const cancelled = await db.reservation.findMany({
    where: { status: "cancelled" },
    include: { payments: true, walletTransactions: { where: { kind: "refund" } } },
  });
  for (const r of cancelled) {
    const refunds = r.walletTransactions;
    if (refunds.length !== 1 || refunds[0]!.amountCents !== r.totalAmountCents) {
      problems.push(`reservation ${r.id} has ${refunds.length} refunds`);
    }
    if (r.paymentStatus !== "refunded" || r.payments.some((p) => p.paymentStatus !== "refunded")) {
      problems.push(`reservation ${r.id} payment not refunded`);
    }
  }
  expect(problems).toEqual([]);
}
