// Driver top-ups through a payment provider: a pending top-up, counted against the
// limits, that the provider settles. Demo money settles with the top-up itself; a card
// payment only on the provider's verified webhook (lib/payments/settle.ts).
import type { TopUp } from "@/lib/generated/prisma/client.ts";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import type { TopUpDto } from "@/lib/api-schemas/top-ups";
import { creditWallet } from "@/lib/wallet/credit";
import type { PaymentProvider } from "@/lib/payments/provider";
import { paymentProvider } from "@/lib/payments/providers";
import {
  checkTopUpAmount,
  configuredTopUpLimits,
  releaseDailyAmount,
  reserveDailyAmount,
  utcDay,
  type TopUpLimits,
} from "@/lib/payments/limits";
import { pageAndTotal } from "@/lib/db/pages";
import { HOUR_MS } from "@/lib/time";

export function toTopUpDto(topUp: TopUp): TopUpDto {
  return {
    id: topUp.id,
    userId: topUp.userId,
    amountCents: topUp.amountCents,
    status: topUp.status,
    provider: topUp.provider,
    providerRef: topUp.providerRef,
    createdAt: topUp.createdAt.toISOString(),
    completedAt: topUp.completedAt?.toISOString() ?? null,
  };
}

export type TopUpStarted = { topUp: TopUpDto; checkoutUrl?: string; clientSecret?: string };

export type TopUpOptions = { now?: Date; provider?: PaymentProvider; limits?: TopUpLimits };

/**
 * Starts a top-up of the caller's own wallet. Staff credit other wallets at the desk
 * (POST /api/add-balance), so naming anyone else is refused, for staff too.
 */
export async function createTopUp(
  actor: Actor,
  input: { amountCents: number; userId?: number; returnUrl: string },
  options: TopUpOptions = {},
): Promise<TopUpStarted> {
  const now = options.now ?? new Date();
  const provider = options.provider ?? (await paymentProvider());
  const limits = options.limits ?? configuredTopUpLimits();
  if (resolveTargetUserId(actor, input.userId) !== actor.id) {
    throw new AppError(
      "FORBIDDEN",
      "A top-up is for your own wallet; staff credit others at the desk (POST /api/add-balance).",
    );
  }
  checkTopUpAmount(input.amountCents, limits);
  const day = utcDay(now);
  const pending = await transaction(async (tx) => {
    const owner = { userId: actor.id, day, amountCents: input.amountCents };
    await reserveDailyAmount(tx, owner, limits);
    const topUp = await tx.topUp.create({
      data: { ...owner, provider: provider.name, status: "pending", createdAt: now },
    });
    if (!provider.instant) return topUp;
    const { providerRef } = await provider.start({
      topUpId: topUp.id,
      ...owner,
      returnUrl: input.returnUrl,
    });
    await creditWallet(tx, { ...owner, topUpId: topUp.id }, now);
    return tx.topUp.update({
      where: { id: topUp.id },
      data: { status: "succeeded", providerRef, completedAt: now },
    });
  });
  if (provider.instant) return { topUp: toTopUpDto(pending) };

  let started;
  try {
    started = await provider.start({
      topUpId: pending.id,
      userId: pending.userId,
      amountCents: pending.amountCents,
      returnUrl: input.returnUrl,
    });
  } catch {
    // The provider may have created the payment before the answer was lost, so the top-up
    // stays pending: its webhook (matched by the top-up id the payment carries) settles it.
    throw new AppError(
      "PAYMENT_PROVIDER_UNAVAILABLE",
      "The payment provider did not answer; nothing was charged yet. Try again in a moment.",
      { topUpId: pending.id },
    );
  }
  // Conditional: a top-up expired meanwhile (expireUnstartedTopUps) is not offered for payment.
  const saved = await db.topUp.updateMany({
    where: { id: pending.id, status: "pending" },
    data: { providerRef: started.providerRef },
  });
  if (saved.count !== 1) {
    throw new AppError(
      "PAYMENT_PROVIDER_UNAVAILABLE",
      "The payment provider answered too late; nothing was charged. Try again.",
      { topUpId: pending.id },
    );
  }
  return {
    topUp: toTopUpDto({ ...pending, providerRef: started.providerRef }),
    ...(started.checkoutUrl ? { checkoutUrl: started.checkoutUrl } : {}),
    ...(started.clientSecret ? { clientSecret: started.clientSecret } : {}),
  };
}

/**
 * How long a top-up whose payment the provider never confirmed starting may stay pending:
 * far past a start's timeout (lib/payments/stripe.ts), so a start still under way is never
 * expired under it.
 */
export const UNSTARTED_TOP_UP_LIFETIME_MS = HOUR_MS;

/**
 * Expires the top-ups the provider never answered the start of (no reference): nobody was
 * given a way to pay them, so no event of the provider settles them. Each gives its amount
 * back to its day's limit, exactly once (the status moves only from pending). Started ones
 * are left to the provider's events: a Checkout session never paid sends its own expiry.
 * Returns how many it expired.
 */
export async function expireUnstartedTopUps(now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - UNSTARTED_TOP_UP_LIFETIME_MS);
  const candidates = await db.topUp.findMany({
    where: { status: "pending", providerRef: null, createdAt: { lt: cutoff } },
    select: { id: true, userId: true, day: true, amountCents: true },
    orderBy: { id: "asc" },
  });
  let expired = 0;
  for (const topUp of candidates) {
    const moved = await transaction(async (tx) => {
      const { count } = await tx.topUp.updateMany({
        where: { id: topUp.id, status: "pending", providerRef: null },
        data: { status: "expired", completedAt: now },
      });
      if (count === 1) await releaseDailyAmount(tx, topUp);
      return count;
    });
    expired += moved;
  }
  return expired;
}

/** A user's top-ups, newest first. Drivers read their own; staff anyone's. */
export async function listTopUps(
  actor: Actor,
  filter: { userId?: number; limit: number; offset: number },
): Promise<{ topUps: TopUpDto[]; total: number }> {
  const userId = resolveTargetUserId(actor, filter.userId);
  const { rows, total } = await pageAndTotal(
    filter,
    () =>
      db.topUp.findMany({
        where: { userId },
        orderBy: { id: "desc" },
        take: filter.limit,
        skip: filter.offset,
      }),
    () => db.topUp.count({ where: { userId } }),
  );
  return { topUps: rows.map(toTopUpDto), total };
}
