// Stripe top-ups end to end in the domain: the real provider code and SDK against a
// Stripe-compatible server started here, webhook deliveries signed with the SDK's helper,
// settled on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTopUp } from "@/lib/payments/top-ups";
import { stripeProvider } from "@/lib/payments/stripe";
import { handleStripeWebhook } from "@/lib/payments/stripe-webhook";
import type { PaymentProvider } from "@/lib/payments/provider";
import type { TopUpLimits } from "@/lib/payments/limits";
import { signature, sessionEvent, startStripeFake, type StripeFake } from "../../setup/stripe-fake";
import { createDriver, expectAppError, expectConsistentDatabase, walletOf } from "../builders";

const SECRET = "whsec_test_unit";
const LIMITS: TopUpLimits = {
  maxCents: 100_000,
  dailyMaxCents: 500_000,
  newAccountDailyMaxCents: 20_000,
};
let fake: StripeFake;
let provider: PaymentProvider;

beforeAll(async () => {
  fake = await startStripeFake();
  provider = stripeProvider({ secretKey: "sk_test_unit", apiBase: fake.baseUrl });
});
afterAll(() => fake.close());

async function pendingTopUp(amountCents = 2_500, balanceCents = 0) {
  const driver = await createDriver({ balanceCents });
  const started = await createTopUp(
    driver,
    { amountCents, returnUrl: "http://parking.test/account" },
    { provider, limits: LIMITS },
  );
  const session = fake.sessions.get(started.topUp.providerRef!)!;
  return { driver, started, session };
}

const deliver = (payload: string, header = signature(payload, SECRET)) =>
  handleStripeWebhook(payload, header, { secret: SECRET });

describe("Stripe Checkout top-ups", () => {
  it("creates a pending top-up with a Checkout Session for its amount and the top-up's id", async () => {
    const { started, session } = await pendingTopUp(2_500, 300);
    expect(started.topUp).toMatchObject({
      status: "pending",
      provider: "stripe",
      providerRef: session.id,
    });
    expect(started.checkoutUrl).toBe(session.url);
    expect(session).toMatchObject({
      amount_total: 2_500,
      client_reference_id: String(started.topUp.id),
      currency: "eur",
    });
    expect(session.success_url).toBe(`http://parking.test/account?topUpId=${started.topUp.id}`);
    expect(await walletOf(started.topUp.userId)).toBe(300);
  });

  it("credits once on checkout.session.completed, in the same transaction as the ledger row", async () => {
    const { driver, started, session } = await pendingTopUp(2_500, 300);

    expect(await deliver(sessionEvent("checkout.session.completed", session))).toBe("settled");

    expect(await walletOf(driver.id)).toBe(2_800);
    expect(await db.topUp.findUniqueOrThrow({ where: { id: started.topUp.id } })).toMatchObject({
      status: "succeeded",
    });
    expect(
      await db.walletTransaction.findUniqueOrThrow({ where: { topUpId: started.topUp.id } }),
    ).toMatchObject({ amountCents: 2_500, balanceAfterCents: 2_800 });
    await expectConsistentDatabase();
  });

  it("changes nothing more for the same event again, or a second success with another event id", async () => {
    const { driver, session } = await pendingTopUp();
    const payload = sessionEvent("checkout.session.completed", session);
    expect(await deliver(payload)).toBe("settled");
    expect(await deliver(payload)).toBe("duplicate");
    expect(await deliver(sessionEvent("checkout.session.completed", session))).toBe(
      "already_settled",
    );
    expect(await walletOf(driver.id)).toBe(2_500);
  });

  it("ignores a failure or expiry arriving after the success", async () => {
    const { driver, started, session } = await pendingTopUp();
    await deliver(sessionEvent("checkout.session.completed", session));
    expect(await deliver(sessionEvent("checkout.session.expired", session))).toBe(
      "already_settled",
    );
    expect(await deliver(sessionEvent("checkout.session.async_payment_failed", session))).toBe(
      "already_settled",
    );
    expect(await db.topUp.findUniqueOrThrow({ where: { id: started.topUp.id } })).toMatchObject({
      status: "succeeded",
    });
    expect(await walletOf(driver.id)).toBe(2_500);
  });

  it("never credits an expired top-up, even when a success arrives after it, and gives its day's amount back", async () => {
    const { driver, started, session } = await pendingTopUp(20_000);
    expect(await deliver(sessionEvent("checkout.session.expired", session))).toBe("settled");
    expect(await deliver(sessionEvent("checkout.session.completed", session))).toBe(
      "already_settled",
    );
    expect(await db.topUp.findUniqueOrThrow({ where: { id: started.topUp.id } })).toMatchObject({
      status: "expired",
    });
    expect(await walletOf(driver.id)).toBe(0);
    // The limit counts it no more: a new top-up of the whole new-account cap passes.
    await createTopUp(
      driver,
      { amountCents: 20_000, returnUrl: "http://parking.test/account" },
      { provider, limits: LIMITS },
    );
  });

  it("answers a bad, missing or stale signature with VALIDATION_ERROR and changes nothing", async () => {
    const { driver, session } = await pendingTopUp();
    const payload = sessionEvent("checkout.session.completed", session);
    const events = await db.paymentEvent.count();
    await expectAppError(
      deliver(payload, signature(payload, "whsec_someone_else")),
      "VALIDATION_ERROR",
    );
    await expectAppError(
      handleStripeWebhook(payload, null, { secret: SECRET }),
      "VALIDATION_ERROR",
    );
    await expectAppError(
      deliver(payload.replace("2500", "9999"), signature(payload, SECRET)),
      "VALIDATION_ERROR",
    );
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    await expectAppError(
      deliver(payload, signature(payload, SECRET, tenMinutesAgo)),
      "VALIDATION_ERROR",
    );
    expect(await db.paymentEvent.count()).toBe(events);
    expect(await walletOf(driver.id)).toBe(0);
  });

  it("credits once when the same event is delivered ten times in parallel", async () => {
    const { driver, session } = await pendingTopUp(1_234);
    const payload = sessionEvent("checkout.session.completed", session);
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(payload)));
    expect(results.filter((r) => r === "settled")).toHaveLength(1);
    expect(results.filter((r) => r !== "settled").every((r) => r === "duplicate")).toBe(true);
    expect(await walletOf(driver.id)).toBe(1_234);
    await expectConsistentDatabase();
  });

  it("leaves the top-up pending and tells the caller when Stripe is down", async () => {
    const driver = await createDriver();
    fake.down = true;
    try {
      const error = await expectAppError(
        createTopUp(
          driver,
          { amountCents: 500, returnUrl: "http://parking.test/account" },
          { provider, limits: LIMITS },
        ),
        "PAYMENT_PROVIDER_UNAVAILABLE",
      );
      const { topUpId } = error.details as { topUpId: number };
      expect(await db.topUp.findUniqueOrThrow({ where: { id: topUpId } })).toMatchObject({
        status: "pending",
        providerRef: null,
      });
    } finally {
      fake.down = false;
    }
    expect(await walletOf(driver.id)).toBe(0);
  });

  it("settles on payment_intent.succeeded too, by the top-up id the intent carries", async () => {
    const { driver, started, session } = await pendingTopUp(3_300);
    const intent = JSON.stringify({
      id: `evt_pi_${started.topUp.id}`,
      object: "event",
      type: "payment_intent.succeeded",
      data: {
        object: {
          id: `pi_${started.topUp.id}`,
          object: "payment_intent",
          amount_received: 3_300,
          metadata: { topUpId: String(started.topUp.id) },
        },
      },
    });
    expect(await deliver(intent)).toBe("settled");
    expect(await deliver(sessionEvent("checkout.session.completed", session))).toBe(
      "already_settled",
    );
    expect(await walletOf(driver.id)).toBe(3_300);
  });

  it("does not credit an event whose amount differs from the top-up's", async () => {
    const { driver, session } = await pendingTopUp(2_500);
    const payload = sessionEvent("checkout.session.completed", {
      ...session,
      amount_total: 250_000,
    });
    expect(await deliver(payload)).toBe("ignored");
    expect(await walletOf(driver.id)).toBe(0);
  });
});
