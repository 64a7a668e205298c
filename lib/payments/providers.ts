// Picks the configured payment provider. Stripe's SDK loads only when it is the one in use.
import { demoProvider } from "@/lib/payments/demo";
import { configuredProviderName, type PaymentProvider } from "@/lib/payments/provider";

export async function paymentProvider(): Promise<PaymentProvider> {
  if (configuredProviderName() === "demo") return demoProvider;
  const { stripeProvider } = await import("@/lib/payments/stripe");
  return stripeProvider();
}
