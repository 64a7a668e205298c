// Top-ups over HTTP with the demo provider (API.md v2 → Top-ups through a payment
// provider): succeeded at once and credited, listed with state and reference, limits and
// someone else's id refused with nothing written. Stripe mode: top-ups-stripe.test.ts.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, registerDriver } from "./client";
import { walletBalance } from "./db";
import { staff } from "./fixtures";
import { expectError, expectOk } from "./schemas";

const TopUp = z
  .object({
    id: z.int().positive(),
    userId: z.int().positive(),
    amountCents: z.int().positive(),
    status: z.enum(["pending", "succeeded", "failed", "expired"]),
    provider: z.enum(["stripe", "demo"]),
    providerRef: z.string().nullable(),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .strict();
const Created = z.object({ topUp: TopUp }).strict();
const List = z.object({ topUps: z.array(TopUp), total: z.int().min(0) }).strict();

describe("top-ups with demo money", () => {
  it("credits at once, and lists the top-up with its state and reference", async () => {
    const driver = await registerDriver();
    const { topUp } = expectOk(
      await driver.post("/api/top-ups", { amountCents: 1_250 }),
      201,
      Created,
    );
    expect(topUp).toMatchObject({
      userId: driver.user!.id,
      amountCents: 1_250,
      status: "succeeded",
      provider: "demo",
      providerRef: `demo_${topUp.id}`,
    });
    expect(await walletBalance(driver.user!.id)).toBe(1_250);
    const list = expectOk(await driver.get("/api/top-ups"), 200, List);
    expect(list).toEqual({ topUps: [topUp], total: 1 });
  });

  it("refuses amounts outside the limits or not integers with 400, writing nothing", async () => {
    const driver = await registerDriver();
    for (const amountCents of [0, -1, 12.5, "100", 100_001, null]) {
      expectError(await driver.post("/api/top-ups", { amountCents }), {
        status: 400,
        code: "VALIDATION_ERROR",
        field: "amountCents",
      });
    }
    // A new account's day is capped until its first paid top-up (default 20000 cents).
    expectOk(await driver.post("/api/top-ups", { amountCents: 20_000 }), 201, Created);
    expectError(await driver.post("/api/top-ups", { amountCents: 1 }), {
      status: 400,
      code: "VALIDATION_ERROR",
      field: "amountCents",
    });
    expect(await walletBalance(driver.user!.id)).toBe(20_000);
    expect(expectOk(await driver.get("/api/top-ups"), 200, List).total).toBe(1);
  });

  it("refuses a top-up or a listing for someone else's id with 403; staff list anyone's", async () => {
    const [driver, other] = [await registerDriver(), await registerDriver()];
    expectError(await driver.post("/api/top-ups", { amountCents: 100, userId: other.user!.id }), {
      status: 403,
      code: "FORBIDDEN",
    });
    expectError(await driver.get(`/api/top-ups?userId=${other.user!.id}`), {
      status: 403,
      code: "FORBIDDEN",
    });
    expect(await walletBalance(other.user!.id)).toBe(0);
    expectOk(await other.post("/api/top-ups", { amountCents: 300 }), 201, Created);
    const seen = expectOk(
      await (await staff()).get(`/api/top-ups?userId=${other.user!.id}`),
      200,
      List,
    );
    expect(seen.topUps.map((t) => t.amountCents)).toEqual([300]);
  });

  it("needs a session", async () => {
    expectError(await new Client().post("/api/top-ups", { amountCents: 100 }), {
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expectError(await new Client().get("/api/top-ups"), { status: 401, code: "UNAUTHENTICATED" });
  });

  it("keeps v1's own POST /api/add-balance working, and the webhook is not configured", async () => {
    const driver = await registerDriver();
    expect((await driver.post("/api/add-balance", { amountCents: 500 })).status).toBe(200);
    expect(await walletBalance(driver.user!.id)).toBe(500);
    expectError(
      await new Client().post("/api/webhooks/stripe", undefined, {
        body: "{}",
        headers: { "stripe-signature": "t=1,v1=x" },
      }),
      {
        status: 404,
        code: "NOT_FOUND",
      },
    );
  });
});
