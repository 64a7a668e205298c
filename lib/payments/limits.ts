// Top-up limits: per top-up, and per account and UTC day, counting pending and succeeded
// top-ups (a failed or expired one gives its amount back). An account is capped lower
// until its first paid top-up succeeds: one through a real provider, not demo money.
import type { Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type TopUpLimits = {
  maxCents: number;
  dailyMaxCents: number;
  newAccountDailyMaxCents: number;
};

export function configuredTopUpLimits(): TopUpLimits {
  const settings = env();
  return {
    maxCents: settings.TOP_UP_MAX_CENTS,
    dailyMaxCents: settings.TOP_UP_DAILY_MAX_CENTS,
    newAccountDailyMaxCents: settings.TOP_UP_NEW_ACCOUNT_DAILY_MAX_CENTS,
  };
}

/** The UTC calendar day, 'YYYY-MM-DD', a top-up made at `now` counts against. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function checkTopUpAmount(amountCents: number, limits: TopUpLimits): void {
  if (!Number.isInteger(amountCents) || amountCents < 1 || amountCents > limits.maxCents) {
    const message = `A top-up is 1 to ${limits.maxCents} cents.`;
    throw new AppError("VALIDATION_ERROR", message, [{ path: "amountCents", message }]);
  }
}

/**
 * Counts `amountCents` against the account's limit for `day`, or refuses. The day's row
 * is created if missing and then raised only while it stays within the limit: one
 * conditional update decides, so parallel top-ups cannot both pass.
 */
export async function reserveDailyAmount(
  tx: Tx,
  topUp: { userId: number; day: string; amountCents: number },
  limits: TopUpLimits,
): Promise<void> {
  const paid = await tx.topUp.count({
    where: { userId: topUp.userId, status: "succeeded", provider: { not: "demo" } },
  });
  const limit =
    paid > 0
      ? limits.dailyMaxCents
      : Math.min(limits.dailyMaxCents, limits.newAccountDailyMaxCents);
  await tx.$executeRaw`INSERT INTO top_up_days (user_id, day, used_cents) VALUES (${topUp.userId}, ${topUp.day}, 0) ON CONFLICT (user_id, day) DO NOTHING`;
  const raised = await tx.topUpDay.updateMany({
    where: { userId: topUp.userId, day: topUp.day, usedCents: { lte: limit - topUp.amountCents } },
    data: { usedCents: { increment: topUp.amountCents } },
  });
  if (raised.count !== 1) {
    const row = await tx.topUpDay.findUnique({
      where: { userId_day: { userId: topUp.userId, day: topUp.day } },
    });
    const left = Math.max(0, limit - (row?.usedCents ?? 0));
    const message =
      (paid > 0
        ? `Top-ups are limited to ${limit} cents per account and UTC day`
        : `Until its first paid top-up an account may top up ${limit} cents per UTC day`) +
      `; ${left} cents are left today.`;
    throw new AppError("VALIDATION_ERROR", message, [{ path: "amountCents", message }]);
  }
}

/** Gives a failed or expired top-up's amount back to its day. */
export async function releaseDailyAmount(
  tx: Tx,
  topUp: { userId: number; day: string; amountCents: number },
): Promise<void> {
  await tx.topUpDay.updateMany({
    where: { userId: topUp.userId, day: topUp.day, usedCents: { gte: topUp.amountCents } },
    data: { usedCents: { decrement: topUp.amountCents } },
  });
}
