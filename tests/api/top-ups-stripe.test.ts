// Top-ups over HTTP with PAYMENT_PROVIDER=stripe: a second app server of its own (fresh
// SQLite database) whose official SDK talks to the Stripe-compatible server started here,
// and webhook deliveries signed with the SDK's test header helper, sent without an Origin
// header as Stripe sends them.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, spawnAppServer, waitForHealthy } from "../setup/app-server";
import { appEnvironment, migrateDatabase } from "../setup/app-process";
import { testTmpDir } from "../setup/paths";
import { signature, sessionEvent, startStripeFake, type StripeFake } from "../setup/stripe-fake";
import { uniqueAddress, uniqueUsername } from "./client";

const SECRET = "whsec_test_api";
let fake: StripeFake;
let baseUrl: string;
let stopServer: () => Promise<void>;

beforeAll(async () => {
  fake = await startStripeFake();
  fs.mkdirSync(testTmpDir, { recursive: true });
  const database = path.join(testTmpDir, `stripe-${process.pid}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
  migrateDatabase(database);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(testTmpDir, `stripe-server-${port}.log`);
  const log = fs.openSync(logFile, "a");
  const server = spawnAppServer(
    port,
    {
      ...appEnvironment(database),
      PAYMENT_PROVIDER: "stripe",
      STRIPE_SECRET_KEY: "sk_test_api",
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: fake.baseUrl,
    },
    log,
  );
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  stopServer = async () => {
    server.kill("SIGTERM");
    await exited;
    fs.closeSync(log);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
  };
  await waitForHealthy(baseUrl, server, logFile);
}, 120_000);

afterAll(async () => {
  await stopServer?.();
  await fake?.close();
});

type Answer = { status: number; body: Record<string, unknown> };

/** A registered driver on the Stripe-mode server: JSON requests with its session cookie. */
async function driver() {
  const address = uniqueAddress();
  let cookie = "";
  const send = async (method: string, route: string, json?: unknown): Promise<Answer> => {
    const response = await fetch(baseUrl + route, {
      method,
      headers: {
        "x-forwarded-for": address,
        ...(cookie && { cookie }),
        ...(json !== undefined && { "content-type": "application/json" }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(";")[0]!;
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const username = uniqueUsername("s");
  const registered = await send("POST", "/api/auth/register", {
    username,
    email: `${username}@example.test`,
    password: "correct horse battery",
  });
  expect(registered.status).toBe(201);
  const id = (registered.body.user as { id: number }).id;
  const balance = async () =>
    ((await send("GET", "/api/me")).body.user as { walletBalanceCents: number }).walletBalanceCents;
  return { id, send, balance };
}

/** Delivers `payload` with `header` as its Stripe-Signature (null: none). */
function webhook(payload: string, header: string | null = signature(payload, SECRET)) {
  return fetch(`${baseUrl}/api/webhooks/stripe`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(header && { "stripe-signature": header }) },
    body: payload,
  });
}

type TopUpBody = {
  topUp: { id: number; status: string; providerRef: string };
  checkoutUrl: string;
};

describe("top-ups with Stripe", () => {
  it("refuses a driver's own POST /api/add-balance with 403", async () => {
    const { send, balance } = await driver();
    const answer = await send("POST", "/api/add-balance", { amountCents: 500 });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await balance()).toBe(0);
  });

  it("starts a pending top-up with a Checkout URL and credits it once on the signed webhook", async () => {
    const { send, balance } = await driver();
    const started = await send("POST", "/api/top-ups", { amountCents: 4_200 });
    expect(started.status).toBe(201);
    const { topUp, checkoutUrl } = started.body as TopUpBody;
    const session = fake.sessions.get(topUp.providerRef)!;
    expect(topUp.status).toBe("pending");
    expect(checkoutUrl).toBe(session.url);
    expect(session.success_url).toBe(`${baseUrl}/account?topUpId=${topUp.id}`);
    expect(await balance()).toBe(0);

    const payload = sessionEvent("checkout.session.completed", session);
    const first = await webhook(payload);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, result: "settled" });
    expect(await balance()).toBe(4_200);

    const again = await webhook(payload);
    expect(await again.json()).toEqual({ received: true, result: "duplicate" });
    const late = await webhook(sessionEvent("checkout.session.expired", session));
    expect(await late.json()).toEqual({ received: true, result: "already_settled" });
    expect(await balance()).toBe(4_200);
    const listed = await send("GET", "/api/top-ups");
    expect(listed.body).toMatchObject({
      topUps: [{ id: topUp.id, status: "succeeded" }],
      total: 1,
    });
  });

  it("answers a bad, missing or stale signature with 400 and credits nothing", async () => {
    const { send, balance } = await driver();
    const { topUp } = (await send("POST", "/api/top-ups", { amountCents: 900 })).body as TopUpBody;
    const payload = sessionEvent(
      "checkout.session.completed",
      fake.sessions.get(topUp.providerRef)!,
    );
    const stale = Math.floor(Date.now() / 1000) - 600;
    for (const header of [
      signature(payload, "whsec_wrong"),
      null,
      signature(payload, SECRET, stale),
    ]) {
      const answer = await webhook(payload, header);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
    }
    expect(await balance()).toBe(0);
    expect((await webhook(payload)).status).toBe(200);
    expect(await balance()).toBe(900);
  });

  it("credits once when the same event arrives ten times in parallel", async () => {
    const { send, balance } = await driver();
    const { topUp } = (await send("POST", "/api/top-ups", { amountCents: 777 })).body as TopUpBody;
    const payload = sessionEvent(
      "checkout.session.completed",
      fake.sessions.get(topUp.providerRef)!,
    );
    const answers = await Promise.all(Array.from({ length: 10 }, () => webhook(payload)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await balance()).toBe(777);
  });

  it("tells the driver when Stripe is down (502) and keeps the top-up pending", async () => {
    const { send, balance } = await driver();
    fake.down = true;
    try {
      const answer = await send("POST", "/api/top-ups", { amountCents: 600 });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ error: { code: "PAYMENT_PROVIDER_UNAVAILABLE" } });
    } finally {
      fake.down = false;
    }
    const listed = await send("GET", "/api/top-ups");
    expect(listed.body).toMatchObject({
      topUps: [{ status: "pending", providerRef: null }],
      total: 1,
    });
    expect(await balance()).toBe(0);
  });
});
