import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createTopUp,
  expireUnstartedTopUps,
  listTopUps,
  UNSTARTED_TOP_UP_LIFETIME_MS,
} from "@/lib/payments/top-ups";
import { demoProvider } from "@/lib/payments/demo";
import type { PaymentProvider } from "@/lib/payments/provider";
import type { TopUpLimits } from "@/lib/payments/limits";
import { topUpWallet } from "@/lib/wallet/service";
import {
  createDriver,
  createStaff,
  databaseSnapshot,
  expectAppError,
  expectConsistentDatabase,
  walletOf,
} from "../builders";

const T0 = new Date("2031-09-09T09:09:09.000Z");
const RETURN_URL = "http://parking.test/account";
const LIMITS: TopUpLimits = {
  maxCents: 100_000,
  dailyMaxCents: 500_000,
  newAccountDailyMaxCents: 20_000,
};

/** A provider whose payments a webhook settles later, like Stripe, without the network. */
const deferred: PaymentProvider = {
  name: "stripe",
  instant: false,
  start: ({ topUpId }) =>
    Promise.resolve({
      providerRef: `cs_test_${topUpId}`,
      checkoutUrl: `https://pay.test/${topUpId}`,
    }),
};
const unreachable: PaymentProvider = {
  name: "stripe",
  instant: false,
  start: () => Promise.reject(new Error("connect ECONNREFUSED")),
};

const topUp = (
  actor: { id: number; role: "driver" | "staff" | "admin" },
  amountCents: number,
  provider = demoProvider,
  limits = LIMITS,
  now = T0,
) => createTopUp(actor, { amountCents, returnUrl: RETURN_URL }, { provider, limits, now });

async function snapshot() {
  return {
    ...(await databaseSnapshot()),
    topUps: await db.topUp.findMany({ orderBy: { id: "asc" } }),
    days: await db.topUpDay.findMany(),
  };
}

describe("createTopUp with demo money", () => {
  it("succeeds at once and credits the wallet once, the ledger row naming the top-up", async () => {
    const driver = await createDriver({ balanceCents: 100 });

    const { topUp: created } = await topUp(driver, 1500);

    expect(created).toMatchObject({
      userId: driver.id,
      amountCents: 1500,
      status: "succeeded",
      provider: "demo",
      providerRef: `demo_${created.id}`,
      createdAt: T0.toISOString(),
      completedAt: T0.toISOString(),
    });
    expect(await walletOf(driver.id)).toBe(1600);
    const credit = await db.walletTransaction.findUniqueOrThrow({ where: { topUpId: created.id } });
    expect(credit).toMatchObject({
      kind: "top_up",
      amountCents: 1500,
      balanceAfterCents: 1600,
      actorId: null,
    });
    await expectConsistentDatabase();
  });

  it.each([0, -5, 100_001, 10.5, Number.NaN])(
    "refuses %s cents with VALIDATION_ERROR, writing nothing",
    async (amount) => {
      const driver = await createDriver();
      const before = await snapshot();
      await expectAppError(topUp(driver, amount), "VALIDATION_ERROR");
      expect(await snapshot()).toEqual(before);
    },
  );

  it("refuses a top-up for someone else's id, for drivers and staff alike, writing nothing", async () => {
    const driver = await createDriver();
    const other = await createDriver();
    const staff = await createStaff();
    const before = await snapshot();
    for (const actor of [driver, staff]) {
      await expectAppError(
        createTopUp(
          actor,
          { amountCents: 100, userId: other.id, returnUrl: RETURN_URL },
          { provider: demoProvider, limits: LIMITS },
        ),
        "FORBIDDEN",
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("top-up limits", () => {
  it("caps a new account per UTC day until its first paid top-up, then allows the daily limit", async () => {
    const driver = await createDriver();
    await topUp(driver, 15_000);
    await topUp(driver, 5_000);
    const refused = await expectAppError(topUp(driver, 1), "VALIDATION_ERROR");
    expect(refused.message).toBe(
      "Until its first paid top-up an account may top up 20000 cents per UTC day; 0 cents are left today.",
    );
    // The next UTC day starts afresh.
    await topUp(driver, 20_000, demoProvider, LIMITS, new Date("2031-09-10T00:00:00.000Z"));

    // Demo money never lifts the cap; a paid card top-up does.
    const paid = await topUp(driver, 100, deferred, LIMITS, new Date("2031-09-11T00:00:00.000Z"));
    await db.topUp.update({ where: { id: paid.topUp.id }, data: { status: "succeeded" } });
    const later = new Date("2031-09-11T12:00:00.000Z");
    for (let i = 0; i < 4; i++) await topUp(driver, 100_000, demoProvider, LIMITS, later);
    await expectAppError(topUp(driver, 99_901, demoProvider, LIMITS, later), "VALIDATION_ERROR");
    await topUp(driver, 99_900, demoProvider, LIMITS, later);
  });

  it("counts pending top-ups against the day", async () => {
    const driver = await createDriver();
    await topUp(driver, 20_000, deferred);
    await expectAppError(topUp(driver, 1, deferred), "VALIDATION_ERROR");
    expect(await walletOf(driver.id)).toBe(0);
  });

  it("lets exactly as many parallel top-ups through as the daily limit allows", async () => {
    const driver = await createDriver();
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => topUp(driver, 5_000)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(4);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "VALIDATION_ERROR" });
    }
    expect(await walletOf(driver.id)).toBe(20_000);
    await expectConsistentDatabase();
  });
});

describe("a top-up through a provider that confirms later", () => {
  it("stays pending with the provider's reference and credits nothing yet", async () => {
    const driver = await createDriver({ balanceCents: 700 });

    const started = await topUp(driver, 2_500, deferred);

    expect(started.checkoutUrl).toBe(`https://pay.test/${started.topUp.id}`);
    expect(started.topUp).toMatchObject({
      status: "pending",
      provider: "stripe",
      providerRef: `cs_test_${started.topUp.id}`,
      completedAt: null,
    });
    expect(await walletOf(driver.id)).toBe(700);
    expect(await db.walletTransaction.count({ where: { topUpId: started.topUp.id } })).toBe(0);
  });

  it("tells the caller when the provider is down and keeps the top-up pending, nothing credited", async () => {
    const driver = await createDriver();
    const error = await expectAppError(
      topUp(driver, 2_500, unreachable),
      "PAYMENT_PROVIDER_UNAVAILABLE",
    );
    const { topUpId } = error.details as { topUpId: number };
    expect(await db.topUp.findUniqueOrThrow({ where: { id: topUpId } })).toMatchObject({
      status: "pending",
      providerRef: null,
    });
    expect(await walletOf(driver.id)).toBe(0);
  });
});

describe("expireUnstartedTopUps", () => {
  it("expires a top-up the provider never started once its hour is up, giving the day its amount back, once", async () => {
    const driver = await createDriver();
    const other = await createDriver();
    const error = await expectAppError(
      topUp(driver, 20_000, unreachable),
      "PAYMENT_PROVIDER_UNAVAILABLE",
    );
    const { topUpId } = error.details as { topUpId: number };
    const started = await topUp(other, 2_500, deferred);
    // The day's limit holds the amount while the top-up is pending.
    await expectAppError(topUp(driver, 100, deferred), "VALIDATION_ERROR");
    const statusOf = async (id: number) =>
      (await db.topUp.findUniqueOrThrow({ where: { id } })).status;

    const justBefore = new Date(T0.getTime() + UNSTARTED_TOP_UP_LIFETIME_MS);
    await expireUnstartedTopUps(justBefore);
    expect(await statusOf(topUpId)).toBe("pending");

    const after = new Date(T0.getTime() + UNSTARTED_TOP_UP_LIFETIME_MS + 60_000);
    expect(await expireUnstartedTopUps(after)).toBeGreaterThanOrEqual(1);
    expect(await db.topUp.findUniqueOrThrow({ where: { id: topUpId } })).toMatchObject({
      status: "expired",
      completedAt: after,
      providerRef: null,
    });
    // Started: left to the provider's events.
    expect(await statusOf(started.topUp.id)).toBe("pending");
    const day = { userId: driver.id, day: "2031-09-09" };
    expect(await db.topUpDay.findUniqueOrThrow({ where: { userId_day: day } })).toMatchObject({
      usedCents: 0,
    });

    // Again: nothing more moves.
    const before = await snapshot();
    await expireUnstartedTopUps(new Date(after.getTime() + 60_000));
    expect(await snapshot()).toEqual(before);
    // The day's amount is free again; nothing was ever credited.
    await topUp(driver, 20_000, deferred, LIMITS, after);
    expect(await walletOf(driver.id)).toBe(0);
    expect(await db.walletTransaction.count({ where: { userId: driver.id } })).toBe(0);
    await expectConsistentDatabase();
  });
});

describe("listTopUps", () => {
  it("lists a driver's own top-ups newest first; staff read anyone's; drivers not others'", async () => {
    const driver = await createDriver();
    const other = await createDriver();
    const first = await topUp(driver, 100);
    const second = await topUp(driver, 200, deferred);
    await topUp(other, 300);

    const own = await listTopUps(driver, { limit: 50, offset: 0 });
    expect(own.total).toBe(2);
    expect(own.topUps.map((t) => t.id)).toEqual([second.topUp.id, first.topUp.id]);
    expect(
      (
        await listTopUps(await createStaff(), { userId: driver.id, limit: 1, offset: 1 })
      ).topUps.map((t) => t.id),
    ).toEqual([first.topUp.id]);
    await expectAppError(
      listTopUps(driver, { userId: other.id, limit: 50, offset: 0 }),
      "FORBIDDEN",
    );
  });
});

describe("direct top-ups (POST /api/add-balance)", () => {
  it("name the staff member who took the money in the ledger row", async () => {
    const driver = await createDriver();
    const staff = await createStaff();
    await topUpWallet(staff, { amountCents: 900, userId: driver.id }, T0);
    const row = await db.walletTransaction.findFirstOrThrow({ where: { userId: driver.id } });
    expect(row).toMatchObject({
      kind: "top_up",
      amountCents: 900,
      actorId: staff.id,
      topUpId: null,
    });
  });
});
