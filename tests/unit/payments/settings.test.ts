// Which payment provider a server runs with, checked at start: demo money never reaches a
// production server unless someone allowed it (npm start does, when no provider is set).
import { describe, expect, it } from "vitest";
import { paymentSettings } from "@/lib/env";

const base = {
  NODE_ENV: "production",
  PAYMENT_PROVIDER: undefined,
  ALLOW_DEMO_PAYMENTS: "0",
  STRIPE_SECRET_KEY: undefined,
  STRIPE_WEBHOOK_SECRET: undefined,
} as const;

describe("paymentSettings", () => {
  it("refuses demo money in production, named or by default, unless allowed", () => {
    expect(() => paymentSettings(base)).toThrow(/Demo payments are refused/);
    expect(() => paymentSettings({ ...base, PAYMENT_PROVIDER: "demo" })).toThrow(/refused/);
    expect(paymentSettings({ ...base, ALLOW_DEMO_PAYMENTS: "1" })).toEqual({
      PAYMENT_PROVIDER: "demo",
      ALLOW_DEMO_PAYMENTS: true,
    });
  });

  it("runs demo money outside production without asking", () => {
    for (const NODE_ENV of ["development", "test"] as const) {
      expect(paymentSettings({ ...base, NODE_ENV }).PAYMENT_PROVIDER).toBe("demo");
    }
  });

  it("needs both Stripe secrets for stripe", () => {
    const stripe = { ...base, PAYMENT_PROVIDER: "stripe" } as const;
    expect(() => paymentSettings({ ...stripe, STRIPE_SECRET_KEY: "sk_test_x" })).toThrow(
      /STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET/,
    );
    expect(
      paymentSettings({
        ...stripe,
        STRIPE_SECRET_KEY: "sk_test_x",
        STRIPE_WEBHOOK_SECRET: "whsec_x",
      }).PAYMENT_PROVIDER,
    ).toBe("stripe");
  });
});
