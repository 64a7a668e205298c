// The contract's 429 RATE_LIMITED row over HTTP: failed logins refused per username and
// address and per address, slowed (never refused) per username from many addresses, and
// sign-ups limited per address. Every client has an address of its own (client.ts), so
// tests never share a count.
import { describe, expect, it } from "vitest";
import {
  Client,
  DEMO_PASSWORD,
  inBatches,
  registerDriver,
  uniqueAddress,
  uniqueUsername,
} from "./client";
import { snapshot } from "./db";
import { baselineSnapshot } from "./fixtures";
import { expectError, expectOk, UserBody } from "./schemas";

function newRegistration(overrides: Record<string, unknown> = {}) {
  const username = uniqueUsername("s");
  return {
    username,
    email: `${username}@example.test`,
    password: "a long passphrase",
    ...overrides,
  };
}

describe("login limits", () => {
  const attemptFrom = (address: string, username: string, password: string) =>
    new Client(address).post("/api/auth/login", { username, password });

  it("refuses a username from an address after 10 failures from it, even the right password; other addresses sign in", async () => {
    const victim = await registerDriver();
    const username = victim.user!.username;
    const address = uniqueAddress();
    for (let i = 1; i <= 10; i++) {
      expectError(await attemptFrom(address, username, `wrong-password-${i}`), {
        status: 401,
        code: "INVALID_CREDENTIALS",
      });
    }
    expectError(await attemptFrom(address, username, "wrong-password-11"), {
      status: 429,
      code: "RATE_LIMITED",
    });
    const refused = await attemptFrom(address, username, victim.password!);
    expectError(refused, { status: 429, code: "RATE_LIMITED" });
    expect(refused.headers.getSetCookie()).toEqual([]);
    // The same address may still sign in other users; the user signs in elsewhere.
    expectOk(await attemptFrom(address, "bob", DEMO_PASSWORD), 200, UserBody);
    expectOk(await attemptFrom(uniqueAddress(), username, victim.password!), 200, UserBody);
    // An existing session of the user keeps working.
    expect((await victim.get("/api/me")).status).toBe(200);
  }, 30_000);

  it("never refuses the right password from a clean address after failures from many others: it is slowed, at most 9 s", async () => {
    const victim = await registerDriver();
    const username = victim.user!.username;
    // 15 failures from 15 addresses, concurrently: none is refused.
    const failures = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        attemptFrom(uniqueAddress(), username, `guess-${i}-wrong`),
      ),
    );
    for (const response of failures) {
      expectError(response, { status: 401, code: "INVALID_CREDENTIALS" });
    }
    // 15 failures put the delay at its cap (100 ms doubling from the 5th: 9 s from the
    // 12th). The answer waits that long, and the contract's 10 s bound holds.
    const started = performance.now();
    const response = await attemptFrom(uniqueAddress(), username, victim.password!);
    const elapsed = performance.now() - started;
    expectOk(response, 200, UserBody);
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(9_000);
    expect(elapsed).toBeLessThan(10_000);
  }, 60_000);

  it("refuses an address after 50 failures, whatever the usernames", async () => {
    const address = uniqueAddress();
    const from = new Client(address);
    for (let i = 1; i <= 50; i++) {
      expectError(
        await from.post("/api/auth/login", {
          username: uniqueUsername("nobody"),
          password: "wrong-password",
        }),
        { status: 401, code: "INVALID_CREDENTIALS" },
      );
    }
    expectError(
      await from.post("/api/auth/login", { username: "alice", password: DEMO_PASSWORD }),
      { status: 429, code: "RATE_LIMITED" },
    );
    // The same user from another address signs in as usual.
    expectOk(
      await new Client(uniqueAddress()).post("/api/auth/login", {
        username: "alice",
        password: DEMO_PASSWORD,
      }),
      200,
      UserBody,
    );
  });

  it("does not count successful logins", async () => {
    const from = new Client(uniqueAddress());
    for (let i = 0; i < 12; i++) {
      expect(
        (await from.post("/api/auth/login", { username: "bob", password: DEMO_PASSWORD })).status,
      ).toBe(200);
    }
  });
});

describe("sign-up limit", () => {
  it("refuses the 301st sign-up from one address within 10 minutes; other addresses sign up", async () => {
    const address = uniqueAddress();
    const created = await inBatches(
      Array.from({ length: 300 }, (_, i) => i),
      4,
      async () => (await new Client(address).post("/api/auth/register", newRegistration())).status,
    );
    expect(created.filter((status) => status === 201)).toHaveLength(300);
    const before = await baselineSnapshot();
    const refused = await new Client(address).post("/api/auth/register", newRegistration());
    expectError(refused, { status: 429, code: "RATE_LIMITED" });
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expectOk(
      await new Client(uniqueAddress()).post("/api/auth/register", newRegistration()),
      201,
      UserBody,
    );
  }, 120_000);

  it("does not count a sign-up that created no account (a taken username)", async () => {
    const address = uniqueAddress();
    const before = await baselineSnapshot();
    for (let i = 0; i < 3; i++) {
      expectError(
        await new Client(address).post(
          "/api/auth/register",
          newRegistration({ username: "alice" }),
        ),
        { status: 409, code: "CONFLICT" },
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});
