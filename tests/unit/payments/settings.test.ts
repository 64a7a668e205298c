// Which payment provider a server runs with: demo money never reaches a production server
// unless someone allowed it (npm start does, when no provider is set).
import { describe, expect, it } from "vitest";
import { demoPaymentsRefusal, paymentSettings } from "@/lib/env";

const base = {
  PAYMENT_PROVIDER: undefined,
  ALLOW_DEMO_PAYMENTS: "0",
  STRIPE_SECRET_KEY: undefined,
  STRIPE_WEBHOOK_SECRET: undefined,
} as const;

describe("payment settings", () => {
  it("refuses demo money on a production server, named or by default, unless allowed", () => {
    for (const PAYMENT_PROVIDER of [undefined, "demo"] as const) {
      const settings = paymentSettings({ ...base, PAYMENT_PROVIDER });
      expect(settings.PAYMENT_PROVIDER).toBe("demo");
      expect(demoPaymentsRefusal({ ...settings, NODE_ENV: "production" })).toMatch(
        /Demo payments are refused/,
      );
    }
    const allowed = paymentSettings({ ...base, ALLOW_DEMO_PAYMENTS: "1" });
    expect(demoPaymentsRefusal({ ...allowed, NODE_ENV: "production" })).toBeNull();
  });

  it("runs demo money outside production without asking", () => {
    const settings = paymentSettings(base);
    for (const NODE_ENV of ["development", "test"] as const) {
      expect(demoPaymentsRefusal({ ...settings, NODE_ENV })).toBeNull();
    }
  });

  it("needs both Stripe secrets for stripe, which production runs without a flag", () => {
    const stripe = { ...base, PAYMENT_PROVIDER: "stripe" } as const;
    expect(() => paymentSettings({ ...stripe, STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(
      /STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/,
    );
    const settings = paymentSettings({
      ...stripe,
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
    });
    expect(settings.PAYMENT_PROVIDER).toBe("stripe");
    expect(demoPaymentsRefusal({ ...settings, NODE_ENV: "production" })).toBeNull();
  });
});
