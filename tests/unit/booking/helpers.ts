// Times and invariant checks for the booking domain tests; the data builders are the unit
// tests' one set (tests/unit/builders.ts).
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { HOUR_MS, expectConsistentDatabase } from "../builders";

export const DAY_MS = 24 * HOUR_MS;
export const at = (base: Date, offsetMs: number) => new Date(base.getTime() + offsetMs);

/**
 * The money and occupancy invariants (expectConsistentDatabase), and for booking ahead and
 * cancelling: no slot holds two overlapping upcoming/active reservations, and every
 * cancelled reservation has exactly one refund row for its full amount and a refunded
 * payment.
 */
export async function expectConsistent(): Promise<void> {
  await expectConsistentDatabase();
  const problems: string[] = [];
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
