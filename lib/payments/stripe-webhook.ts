// Stripe's webhook: verify the signature over the raw body (STRIPE_WEBHOOK_SECRET, with
// the SDK's default five-minute tolerance for the timestamp), then settle the top-up the
// event is about. Checkout Session events settle it; payment_intent.succeeded does too
// (the intent carries the top-up id), whichever arrives first.
import Stripe from "stripe";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  applyPaymentEvent,
  type PaymentEventInput,
  type PaymentOutcome,
  type SettleResult,
} from "@/lib/payments/settle";

function topUpIdOf(value: string | null | undefined): number | null {
  return value && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

const SESSION_OUTCOMES: Partial<Record<Stripe.Event.Type, PaymentOutcome>> = {
  "checkout.session.async_payment_succeeded": "succeeded",
  "checkout.session.async_payment_failed": "failed",
  "checkout.session.expired": "expired",
};

/** The domain's view of a verified Stripe event. */
export function toPaymentEvent(event: Stripe.Event): PaymentEventInput {
  const base = { provider: "stripe" as const, eventId: event.id, type: event.type };
  if (event.type.startsWith("checkout.session.")) {
    const session = event.data.object as Stripe.Checkout.Session;
    // A completed session is paid unless its payment method settles later (async events).
    const outcome =
      event.type === "checkout.session.completed"
        ? session.payment_status === "paid"
          ? "succeeded"
          : null
        : (SESSION_OUTCOMES[event.type] ?? null);
    return {
      ...base,
      topUpId: topUpIdOf(session.client_reference_id ?? session.metadata?.topUpId),
      providerRef: session.id,
      amountCents: session.amount_total,
      outcome,
    };
  }
  if (event.type === "payment_intent.succeeded") {
    const intent = event.data.object;
    return {
      ...base,
      topUpId: topUpIdOf(intent.metadata?.topUpId),
      providerRef: null,
      amountCents: intent.amount_received,
      outcome: "succeeded",
    };
  }
  // Anything else (a declined card the driver may retry on the same page, say) settles nothing.
  return { ...base, topUpId: null, providerRef: null, amountCents: null, outcome: null };
}

function configuredWebhookSecret(): string {
  const settings = env();
  if (settings.PAYMENT_PROVIDER !== "stripe" || !settings.STRIPE_WEBHOOK_SECRET) {
    throw new AppError("NOT_FOUND", "Card payments are not configured here.");
  }
  return settings.STRIPE_WEBHOOK_SECRET;
}

/** Verifies and applies one delivery; `secret` defaults to STRIPE_WEBHOOK_SECRET. */
export async function handleStripeWebhook(
  payload: string,
  signature: string | null,
  options: { secret?: string; now?: Date } = {},
): Promise<SettleResult> {
  const secret = options.secret ?? configuredWebhookSecret();
  if (!signature) throw new AppError("VALIDATION_ERROR", "The Stripe-Signature header is missing.");
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(payload, signature, secret);
  } catch {
    throw new AppError("VALIDATION_ERROR", "The webhook signature does not verify.");
  }
  return applyPaymentEvent(toPaymentEvent(event), options.now);
}
