// Card payments through Stripe Checkout: the card is entered on Stripe's own page, so our
// pages load no Stripe.js (their CSP allows no third-party script) and no card data
// reaches this server. A top-up is one Checkout Session; its webhook events settle it.
import Stripe from "stripe";
import { env } from "@/lib/env";
import type { PaymentProvider, PaymentRequest, PaymentStart } from "@/lib/payments/provider";

let client: Stripe | undefined;

/** The SDK client, pointed at STRIPE_API_BASE when set (a Stripe-compatible test server). */
export function stripeClient(): Stripe {
  if (client) return client;
  const settings = env();
  const base = settings.STRIPE_API_BASE ? new URL(settings.STRIPE_API_BASE) : undefined;
  client = new Stripe(settings.STRIPE_SECRET_KEY ?? "", {
    maxNetworkRetries: 1,
    timeout: 15_000,
    telemetry: false,
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === "http:" ? 80 : 443),
      protocol: base.protocol === "http:" ? "http" : "https",
    }),
  });
  return client;
}

async function startCheckout(request: PaymentRequest): Promise<PaymentStart> {
  const returnTo = new URL(request.returnUrl);
  returnTo.searchParams.set("topUpId", String(request.topUpId));
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: String(request.topUpId),
      metadata: { topUpId: String(request.topUpId), userId: String(request.userId) },
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

export function stripeProvider(): PaymentProvider {
  return { name: "stripe", instant: false, start: startCheckout };
}
