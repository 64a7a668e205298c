// Crediting a wallet: the ways money enters an account (staff desk top-ups, demo top-ups,
// a provider's confirmed payment; refunds of a booking). Runs inside the caller's transaction, so the
// balance, its ledger row, the debt it pays and whatever the caller settles commit together.
import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/db/client";
import { settleDebt } from "@/lib/wallet/debt";

export type Credit = {
  userId: number;
  amountCents: number;
  /** The provider top-up this settles (at most one credit each: a unique ledger column). */
  topUpId?: number;
  /** The staff member who took the money at the desk. */
  actorId?: number;
};

/**
 * Adds `amountCents` to the wallet and writes its `top_up` ledger row; then the wallet pays
 * what the account owes first (settleDebt). The balance after both, and the debt paid.
 */
export async function creditWallet(
  tx: Tx,
  credit: Credit,
  now: Date,
): Promise<{ walletBalanceCents: number; debtPaidCents: number }> {
  const credited = await tx.user.updateMany({
    where: { id: credit.userId },
    data: { walletBalanceCents: { increment: credit.amountCents } },
  });
  if (credited.count !== 1) {
    throw new AppError("NOT_FOUND", `User ${credit.userId} does not exist.`);
  }
  const { walletBalanceCents } = await tx.user.findUniqueOrThrow({
    where: { id: credit.userId },
    select: { walletBalanceCents: true },
  });
  await tx.walletTransaction.create({
    data: {
      userId: credit.userId,
      kind: "top_up",
      amountCents: credit.amountCents,
      balanceAfterCents: walletBalanceCents,
      topUpId: credit.topUpId ?? null,
      actorId: credit.actorId ?? null,
      createdAt: now,
    },
  });
  const debtPaidCents = await settleDebt(tx, credit.userId, now);
  return { walletBalanceCents: walletBalanceCents - debtPaidCents, debtPaidCents };
}

/**
 * Gives a booking's money back to its owner's wallet (a cancellation, a no-show's half):
 * the `refund` ledger row naming the reservation (and its payment), then, like any money
 * entering a wallet, it pays what the account owes first. The balance after both.
 */
export async function refundToWallet(
  tx: Tx,
  refund: { userId: number; amountCents: number; reservationId: number; paymentId?: number },
  now: Date,
): Promise<number> {
  const owner = await tx.user.update({
    where: { id: refund.userId },
    data: { walletBalanceCents: { increment: refund.amountCents } },
    select: { walletBalanceCents: true },
  });
  await tx.walletTransaction.create({
    data: {
      userId: refund.userId,
      kind: "refund",
      amountCents: refund.amountCents,
      balanceAfterCents: owner.walletBalanceCents,
      paymentId: refund.paymentId ?? null,
      reservationId: refund.reservationId,
      createdAt: now,
    },
  });
  return owner.walletBalanceCents - (await settleDebt(tx, refund.userId, now));
}
