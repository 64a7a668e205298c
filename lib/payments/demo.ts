// The demo provider: every top-up succeeds at once. Its money is labelled demo money in
// the UI; lib/env.ts keeps it out of production unless ALLOW_DEMO_PAYMENTS=1.
import type { PaymentProvider } from "@/lib/payments/provider";

export const demoProvider: PaymentProvider = {
  name: "demo",
  instant: true,
  start: ({ topUpId }) => Promise.resolve({ providerRef: `demo_${topUpId}` }),
};
