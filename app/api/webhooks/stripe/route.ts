// POST /api/webhooks/stripe — Stripe's payment events, verified by their signature over the
// raw body; no session. 200 once handled (also for a repeated or out-of-order event, so
// Stripe stops retrying); 400 for a bad, missing or stale signature, changing nothing.
import { handleStripeWebhook } from "@/lib/payments/stripe-webhook";
import { apiRoute, json } from "@/app/api/_lib/handler";

export const POST = apiRoute("public", async (request) => {
  const result = await handleStripeWebhook(
    await request.text(),
    request.headers.get("stripe-signature"),
  );
  return json({ received: true, result });
});
