// Card payments through Stripe Checkout: the card is entered on Stripe's own page, so our
// pages load no Stripe.js (their CSP allows no third-party script) and no card data
// reaches this server. A top-up is one Checkout Session; its webhook events settle it.
import Stripe from "stripe";
import { env } from "@/lib/env";
import type { PaymentProvider, PaymentRequest, PaymentStart } from "@/lib/payments/provider";

export type StripeSettings = { secretKey: string; apiBase?: string };

function configuredSettings(): StripeSettings {
  const settings = env();
  return { secretKey: settings.STRIPE_SECRET_KEY ?? "", apiBase: settings.STRIPE_API_BASE };
}

/** An SDK client, pointed at `apiBase` when set (a Stripe-compatible test server). */
function createClient({ secretKey, apiBase }: StripeSettings): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 1,
    timeout: 15_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === "http:" ? 80 : 443),
      protocol: base.protocol === "http:" ? "http" : "https",
    }),
  });
}

async function startCheckout(stripe: Stripe, request: PaymentRequest): Promise<PaymentStart> {
  const returnTo = new URL(request.returnUrl);
  returnTo.searchParams.set("topUpId", String(request.topUpId));
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: String(request.topUpId),
      metadata: { topUpId: String(request.topUpId), userId: String(request.userId) },
      payment_intent_data: { metadata: { topUpId: String(request.topUpId) } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "eur",
            unit_amount: request.amountCents,
            product_data: { name: "Parking wallet top-up" },
          },
        },
      ],
      success_url: returnTo.toString(),
      cancel_url: returnTo.toString(),
    },
    // A retried create returns the same session rather than a second one.
    { idempotencyKey: `top-up-${request.topUpId}` },
  );
  if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL.");
  return { providerRef: session.id, checkoutUrl: session.url };
}

let configured: PaymentProvider | undefined;

/** The Stripe provider; without settings, the configured one (STRIPE_SECRET_KEY, STRIPE_API_BASE). */
export function stripeProvider(settings?: StripeSettings): PaymentProvider {
  if (!settings && configured) return configured;
  const stripe = createClient(settings ?? configuredSettings());
  const provider: PaymentProvider = {
    name: "stripe",
    instant: false,
    start: (request) => startCheckout(stripe, request),
  };
  if (!settings) configured = provider;
  return provider;
}
