// The payment-provider interface: what a top-up needs from whoever takes the money.
import { env } from "@/lib/env";

export type ProviderName = "demo" | "stripe";

/** What the browser needs to pay, and the provider's id for the payment. */
export type PaymentStart = { providerRef: string; checkoutUrl?: string; clientSecret?: string };

export type PaymentRequest = {
  topUpId: number;
  userId: number;
  amountCents: number;
  /** Where the provider's payment page sends the driver back (the account page). */
  returnUrl: string;
};

export interface PaymentProvider {
  readonly name: ProviderName;
  /**
   * true: the payment is settled when `start` returns (demo money, no I/O), so the credit
   * commits with the top-up; false: only a verified webhook settles it.
   */
  readonly instant: boolean;
  start(request: PaymentRequest): Promise<PaymentStart>;
}

/** The provider configured for this process (PAYMENT_PROVIDER). */
export function configuredProviderName(): ProviderName {
  return env().PAYMENT_PROVIDER;
}

/**
 * Whether a driver may credit their own wallet without paying (v1's POST /api/add-balance):
 * only while the money is demo money.
 */
export function driverMayTopUpDirectly(): boolean {
  return configuredProviderName() === "demo";
}
