// Debt: what an account owes after an exit bill its wallet could not cover. The rule that
// owing blocks new bookings (reserve, extend, drive-up) lives here once, and so does
// settling it from the wallet after a credit.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Whether an account's debt blocks it from starting or growing a booking. */
export function owesMoney(user: { outstandingCents: number }): boolean {
  return user.outstandingCents > 0;
}

/** The contract's answer to a booking by an account that owes money. */
export function outstandingBalanceError(outstandingCents: number): AppError {
  return new AppError(
    "OUTSTANDING_BALANCE",
    "This account owes money from an earlier stay; top up the wallet to settle it first.",
    { outstandingCents },
  );
}

/**
 * After any credit to a wallet, in the credit's transaction: the wallet pays what the
 * account owes first. A `debt_payment` ledger row of −min(outstanding, balance), a debt
 * entry of −the same (naming that ledger row), and outstanding less the same. Returns the
 * amount settled (0 when nothing is owed or the wallet is empty).
 */
export async function settleDebt(tx: Tx, userId: number, now: Date): Promise<number> {
  // A no-op update: it reads the row and, on PostgreSQL, holds it until the commit, so
  // the amounts below cannot move underneath.
  const user = await tx.user.update({
    where: { id: userId },
    data: { outstandingCents: { increment: 0 } },
    select: { walletBalanceCents: true, outstandingCents: true },
  });
  const amount = Math.min(user.outstandingCents, user.walletBalanceCents);
  if (amount <= 0) return 0;
  const after = await tx.user.update({
    where: { id: userId },
    data: {
      walletBalanceCents: { decrement: amount },
      outstandingCents: { decrement: amount },
    },
    select: { walletBalanceCents: true, outstandingCents: true },
  });
  const ledger = await tx.walletTransaction.create({
    data: {
      userId,
      kind: "debt_payment",
      amountCents: -amount,
      balanceAfterCents: after.walletBalanceCents,
      createdAt: now,
    },
  });
  await tx.debtEntry.create({
    data: {
      userId,
      amountCents: -amount,
      balanceAfterCents: after.outstandingCents,
      walletTransactionId: ledger.id,
      createdAt: now,
    },
  });
  return amount;
}
