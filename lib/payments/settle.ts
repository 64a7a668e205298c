// Settling a top-up from a provider's verified event: exactly once per payment. The event
// id is recorded (unique) in the same transaction as the status change and the credit, and
// the status moves only from `pending` (a conditional update), so a repeated, parallel or
// out-of-order event changes nothing more.
import { isUniqueViolation } from "@/lib/db/errors";
import { transaction } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { creditWallet } from "@/lib/wallet/credit";
import { releaseDailyAmount } from "@/lib/payments/limits";
import type { ProviderName } from "@/lib/payments/provider";

export type PaymentOutcome = "succeeded" | "failed" | "expired";

/** A provider's event as the domain needs it; `outcome` null: nothing to settle. */
export type PaymentEventInput = {
  provider: ProviderName;
  eventId: string;
  type: string;
  /** The top-up the payment was created for (carried in the payment's metadata). */
  topUpId: number | null;
  /** The provider's payment id, when the event names it. */
  providerRef: string | null;
  /** What was paid, for a success. */
  amountCents: number | null;
  outcome: PaymentOutcome | null;
};

export type SettleResult = "settled" | "duplicate" | "already_settled" | "ignored";

export async function applyPaymentEvent(
  event: PaymentEventInput,
  now: Date = new Date(),
): Promise<SettleResult> {
  try {
    return await transaction(async (tx) => {
      await tx.paymentEvent.create({
        data: {
          provider: event.provider,
          eventId: event.eventId,
          type: event.type,
          topUpId: event.topUpId,
          receivedAt: now,
        },
      });
      if (!event.outcome || event.topUpId === null) return "ignored";
      const topUp = await tx.topUp.findUnique({ where: { id: event.topUpId } });
      const refDiffers =
        event.providerRef !== null &&
        topUp?.providerRef != null &&
        topUp.providerRef !== event.providerRef;
      const amountDiffers =
        event.outcome === "succeeded" && event.amountCents !== topUp?.amountCents;
      if (!topUp || topUp.provider !== event.provider || refDiffers || amountDiffers) {
        logger.warn({ event, topUpId: topUp?.id }, "Payment event matches no pending top-up");
        return "ignored";
      }
      const moved = await tx.topUp.updateMany({
        where: { id: topUp.id, status: "pending" },
        data: {
          status: event.outcome,
          completedAt: now,
          ...(topUp.providerRef === null &&
            event.providerRef && { providerRef: event.providerRef }),
        },
      });
      if (moved.count !== 1) return "already_settled";
      if (event.outcome === "succeeded") {
        await creditWallet(
          tx,
          { userId: topUp.userId, amountCents: topUp.amountCents, topUpId: topUp.id },
          now,
        );
      } else {
        await releaseDailyAmount(tx, topUp);
      }
      return "settled";
    });
  } catch (error) {
    // The same event id recorded by a delivery that committed first.
    if (isUniqueViolation(error)) {
      return "duplicate";
    }
    throw error;
  }
}
