// Direct wallet top-ups: staff at the desk (cash) for anyone, themselves included, named
// in the ledger row; a driver's own only with the demo provider. Every balance change
// writes a ledger row in the same transaction, so a balance equals its ledger.
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { toWalletTransactionDto, type WalletTransactionDto } from "@/lib/dto";
import { isStaffActingForAnother, recordAudit } from "@/lib/audit/service";
import { MAX_TOP_UP_CENTS } from "@/lib/validation/limits";
import { isStaffRole } from "@/lib/auth/roles";
import { creditWallet } from "@/lib/wallet/credit";
import { driverMayTopUpDirectly } from "@/lib/payments/provider";
import { pageAndTotal } from "@/lib/db/pages";

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
  const staff = isStaffRole(actor.role);
  if (!staff && !driverMayTopUpDirectly()) {
    throw new AppError(
      "FORBIDDEN",
      "Money enters a wallet through a card payment (POST /api/top-ups) or at the desk.",
    );
  }
  return transaction(async (tx) => {
    const { walletBalanceCents, debtPaidCents } = await creditWallet(
      tx,
      { userId, amountCents: input.amountCents, actorId: staff ? actor.id : undefined },
      now,
    );
    if (isStaffActingForAnother(actor, userId)) {
      await recordAudit(
        tx,
        actor,
        {
          action: "wallet_top_up",
          target: { type: "user", id: userId },
          before: { walletBalanceCents: walletBalanceCents + debtPaidCents - input.amountCents },
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
  const { rows, total } = await pageAndTotal(
    filter,
    () =>
      db.walletTransaction.findMany({
        where,
        orderBy: { id: "desc" },
        take: filter.limit,
        skip: filter.offset,
      }),
    () => db.walletTransaction.count({ where }),
  );
  return { transactions: rows.map(toWalletTransactionDto), total };
}
