// Wallet top-ups. Every balance change writes a ledger row in the same transaction, so a
// balance always equals the sum of its ledger amounts.
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { toWalletTransactionDto, type WalletTransactionDto } from "@/lib/dto";
import { isStaffActingForAnother, recordAudit } from "@/lib/audit/service";
import { MAX_TOP_UP_CENTS } from "@/lib/validation/limits";
import { settleDebt } from "@/lib/wallet/debt";

export async function topUpWallet(
  actor: Actor,
  input: { amountCents: number; userId?: number },
  now: Date = new Date(),
): Promise<{ userId: number; walletBalanceCents: number }> {
  const userId = resolveTargetUserId(actor, input.userId);
  if (
    !Number.isInteger(input.amountCents) ||
    input.amountCents < 1 ||
    input.amountCents > MAX_TOP_UP_CENTS
  ) {
    throw new AppError("VALIDATION_ERROR", `A top-up is 1 to ${MAX_TOP_UP_CENTS} cents.`);
  }
  return transaction(async (tx) => {
    const credited = await tx.user.updateMany({
      where: { id: userId },
      data: { walletBalanceCents: { increment: input.amountCents } },
    });
    if (credited.count !== 1) throw new AppError("NOT_FOUND", `User ${userId} does not exist.`);
    const { walletBalanceCents: creditedBalance } = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { walletBalanceCents: true },
    });
    await tx.walletTransaction.create({
      data: {
        userId,
        kind: "top_up",
        amountCents: input.amountCents,
        balanceAfterCents: creditedBalance,
        createdAt: now,
      },
    });
    const walletBalanceCents = creditedBalance - (await settleDebt(tx, userId, now));
    if (isStaffActingForAnother(actor, userId)) {
      await recordAudit(
        tx,
        actor,
        {
          action: "wallet_top_up",
          target: { type: "user", id: userId },
          before: { walletBalanceCents: creditedBalance - input.amountCents },
          after: { walletBalanceCents, amountCents: input.amountCents },
        },
        now,
      );
    }
    return { userId, walletBalanceCents };
  });
}

/** A user's ledger, newest first. Drivers read their own; staff anyone's. */
export async function listWalletTransactions(
  actor: Actor,
  filter: { userId?: number; limit: number; offset: number },
): Promise<{ transactions: WalletTransactionDto[]; total: number }> {
  const userId = resolveTargetUserId(actor, filter.userId);
  const where = { userId };
  const [rows, total] = await Promise.all([
    db.walletTransaction.findMany({
      where,
      orderBy: { id: "desc" },
      take: filter.limit,
      skip: filter.offset,
    }),
    db.walletTransaction.count({ where }),
  ]);
  return { transactions: rows.map(toWalletTransactionDto), total };
}
