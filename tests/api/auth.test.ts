// Registration, login, logout and the session cookie (the limits: limits.test.ts; ending
// sessions: sessions.test.ts).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  Client,
  DEMO_PASSWORD,
  login,
  parseSetCookie,
  uniqueUsername,
  type ApiResponse,
} from "./client";
import { ledgerSum, rows, snapshot } from "./db";
import { baselineSnapshot } from "./fixtures";
import { expectError, expectNoSecrets, expectOk, UserBody, type User } from "./schemas";

const SESSION_COOKIE = "parking_session";

function sessionSetCookie(response: ApiResponse) {
  const headers = response.headers.getSetCookie().map(parseSetCookie);
  return headers.find((cookie) => cookie.name === SESSION_COOKIE);
}

type UserRow = {
  id: number;
  username: string;
  email: string;
  phone: string | null;
  vehicle_number: string | null;
  role: string;
  wallet_balance_cents: number;
};

async function userRow(id: number): Promise<UserRow | undefined> {
  return (
    await rows<UserRow>(
      "SELECT id, username, email, phone, vehicle_number, role, wallet_balance_cents FROM users WHERE id = ?",
      id,
    )
  )[0];
}

/** The API's user object agrees with the database row. */
async function expectUserMatchesDatabase(user: User): Promise<void> {
  expectNoSecrets(user);
  expect(await userRow(user.id)).toEqual({
    id: user.id,
    username: user.username,
    email: user.email,
    phone: user.phone,
    vehicle_number: user.vehicleNumber,
    role: user.role,
    wallet_balance_cents: user.walletBalanceCents,
  });
}

/** A username of exactly `length` characters that this run has not used. */
function usernameOfLength(length: number): string {
  const base = uniqueUsername("u");
  if (length >= base.length) return base.padEnd(length, "x");
  return `u${randomBytes(16).toString("hex")}`.slice(0, length);
}

function newRegistration(overrides: Record<string, unknown> = {}) {
  const username = uniqueUsername("r");
  return {
    username,
    email: `${username}@example.test`,
    password: "a long passphrase",
    ...overrides,
  };
}

describe("POST /api/auth/register", () => {
  it("creates a driver, answers 201 {user} and signs them in", async () => {
    const client = new Client();
    const registration = newRegistration({ phone: "+49 30 1234567", vehicleNumber: "B-XY 123" });
    const before = Date.now();
    const response = await client.post("/api/auth/register", registration);
    const { user } = expectOk(response, 201, UserBody);
    expect(user).toMatchObject({
      username: registration.username,
      email: registration.email,
      phone: "+49 30 1234567",
      vehicleNumber: "B-XY 123",
      role: "driver",
    });
    expect(user.walletBalanceCents).toBe(await ledgerSum(user.id));
    expect(Date.parse(user.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(user.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
    await expectUserMatchesDatabase(user);

    expect(sessionSetCookie(response)).toBeDefined();
    const me = expectOk(await client.get("/api/me"), 200, UserBody);
    expect(me.user).toEqual(user);
  });

  it("stores absent optional fields as null", async () => {
    const { user } = expectOk(
      await new Client().post("/api/auth/register", newRegistration()),
      201,
      UserBody,
    );
    expect(user.phone).toBeNull();
    expect(user.vehicleNumber).toBeNull();
  });

  it("ignores fields a client may not set (role, wallet, id)", async () => {
    const client = new Client();
    const { user } = expectOk(
      await client.post(
        "/api/auth/register",
        newRegistration({ role: "staff", walletBalanceCents: 1_000_000, id: 1, createdAt: 0 }),
      ),
      201,
      UserBody,
    );
    expect(user.role).toBe("driver");
    expect(user.id).not.toBe(1);
    expect(user.walletBalanceCents).toBe(await ledgerSum(user.id));
    expect(user.walletBalanceCents).toBeLessThan(1_000_000);
    await expectUserMatchesDatabase(user);
    expectError(await client.get("/api/users"), { status: 403, code: "FORBIDDEN" });
  });

  it.each([
    ["the shortest username (3)", () => ({ username: usernameOfLength(3) })],
    ["the longest username (32)", () => ({ username: usernameOfLength(32) })],
    ["every allowed username character", () => ({ username: `a_b.c-9${usernameOfLength(8)}` })],
    ["the shortest password (8)", () => ({ password: "12345678" })],
    ["the longest password (128)", () => ({ password: "p".repeat(128) })],
    ["the longest phone (32)", () => ({ phone: "1".repeat(32) })],
    ["the longest vehicle number (16)", () => ({ vehicleNumber: "V".repeat(16) })],
  ])("accepts %s", async (_name, fields) => {
    const body = newRegistration(fields());
    const { user } = expectOk(await new Client().post("/api/auth/register", body), 201, UserBody);
    expect(user.username).toBe(body.username);
    // The password given is the one that signs in.
    expectOk(
      await new Client().post("/api/auth/login", {
        username: body.username,
        password: body.password,
      }),
      200,
      UserBody,
    );
  });

  it("accepts an email of 254 characters", async () => {
    const username = uniqueUsername("e");
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example`;
    const local = username.padEnd(254 - domain.length - 1, "l");
    const email = `${local}@${domain}`;
    expect(email).toHaveLength(254);
    const { user } = expectOk(
      await new Client().post("/api/auth/register", newRegistration({ username, email })),
      201,
      UserBody,
    );
    expect(user.email).toBe(email);
  });

  describe("conflicts", () => {
    it.each([
      ["a taken username", () => ({ username: "alice" })],
      ["a taken email", () => ({ email: "alice@parking.example" })],
      ["a taken email in other letter case", () => ({ email: "ALICE@Parking.Example" })],
    ])("answers 409 CONFLICT to %s, changes nothing, signs no one in", async (_name, fields) => {
      const client = new Client();
      const before = await baselineSnapshot();
      const response = await client.post("/api/auth/register", newRegistration(fields()));
      expectError(response, { status: 409, code: "CONFLICT" });
      expect(await snapshot()).toEqual(before);
      expect(sessionSetCookie(response)).toBeUndefined();
      expectError(await client.get("/api/me"), { status: 401, code: "UNAUTHENTICATED" });
    });

    it("answers 409 CONFLICT when the same new username registers twice", async () => {
      const registration = newRegistration();
      expectOk(await new Client().post("/api/auth/register", registration), 201, UserBody);
      expectError(
        await new Client().post("/api/auth/register", {
          ...registration,
          email: `other-${registration.email}`,
        }),
        { status: 409, code: "CONFLICT" },
      );
    });
  });
});

describe("POST /api/auth/login", () => {
  it("answers 200 {user} for the right password and signs in", async () => {
    const client = new Client();
    const response = await client.post("/api/auth/login", {
      username: "alice",
      password: DEMO_PASSWORD,
    });
    const { user } = expectOk(response, 200, UserBody);
    expect(user.username).toBe("alice");
    expect(user.role).toBe("driver");
    await expectUserMatchesDatabase(user);
    expect(sessionSetCookie(response)).toBeDefined();
    expect(expectOk(await client.get("/api/me"), 200, UserBody).user.id).toBe(user.id);
  });

  it("signs in staff with the staff role", async () => {
    const staff = await login("staff");
    const { user } = expectOk(await staff.get("/api/me"), 200, UserBody);
    expect(user.role).toBe("staff");
  });

  it("answers 401 INVALID_CREDENTIALS alike for a wrong password and an unknown user", async () => {
    const wrongPassword = await new Client().post("/api/auth/login", {
      username: "bob",
      password: "not-the-password",
    });
    const unknownUser = await new Client().post("/api/auth/login", {
      username: uniqueUsername("ghost"),
      password: "not-the-password",
    });
    for (const response of [wrongPassword, unknownUser]) {
      expectError(response, { status: 401, code: "INVALID_CREDENTIALS" });
      expect(sessionSetCookie(response)).toBeUndefined();
    }
    // Nothing in the answer tells which usernames exist.
    expect(wrongPassword.body).toEqual(unknownUser.body);
  });

  it("switches the session to the user who signed in last", async () => {
    const client = await login("alice");
    expectOk(
      await client.post("/api/auth/login", { username: "bob", password: DEMO_PASSWORD }),
      200,
      UserBody,
    );
    expect(expectOk(await client.get("/api/me"), 200, UserBody).user.username).toBe("bob");
  });
});

describe("the session cookie", () => {
  it("is httpOnly, SameSite=Lax, for the whole site, and persistent", async () => {
    const client = new Client();
    const response = await client.post("/api/auth/login", {
      username: "alice",
      password: DEMO_PASSWORD,
    });
    expect(response.status).toBe(200);
    const cookie = sessionSetCookie(response);
    expect(cookie?.value).toBeTruthy();
    expect(cookie?.attributes.httponly).toBe(true);
    expect(String(cookie?.attributes.samesite).toLowerCase()).toBe("lax");
    expect(cookie?.attributes.path).toBe("/");
    const maxAge = Number(cookie?.attributes["max-age"] ?? Number.NaN);
    const expires = Date.parse(String(cookie?.attributes.expires ?? ""));
    expect(maxAge > 0 || expires > Date.now()).toBe(true);
  });

  it("is Secure only when configured or over HTTPS (this suite talks plain HTTP)", async () => {
    const configured = process.env.COOKIE_SECURE;
    const plain = sessionSetCookie(
      await new Client().post("/api/auth/login", { username: "alice", password: DEMO_PASSWORD }),
    );
    const secureExpected = configured === "1" || configured === "true";
    expect(plain?.attributes.secure === true).toBe(secureExpected);
    if (configured === undefined) {
      const behindTls = sessionSetCookie(
        await new Client().post(
          "/api/auth/login",
          { username: "alice", password: DEMO_PASSWORD },
          { headers: { "x-forwarded-proto": "https" } },
        ),
      );
      expect(behindTls?.attributes.secure).toBe(true);
    }
  });

  it("is set by register as well", async () => {
    const response = await new Client().post("/api/auth/register", newRegistration());
    expect(response.status).toBe(201);
    const cookie = sessionSetCookie(response);
    expect(cookie?.attributes.httponly).toBe(true);
    expect(String(cookie?.attributes.samesite).toLowerCase()).toBe("lax");
  });

  it("is cleared by logout (204, no body), after which the user is anonymous", async () => {
    const client = await login("bob");
    expect((await client.get("/api/me")).status).toBe(200);
    const response = await client.post("/api/auth/logout");
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    const cleared = sessionSetCookie(response);
    expect(cleared).toBeDefined();
    const maxAge = Number(cleared?.attributes["max-age"] ?? Number.NaN);
    const expires = Date.parse(String(cleared?.attributes.expires ?? ""));
    expect(cleared?.value === "" || maxAge <= 0 || expires <= Date.now()).toBe(true);
    expect(client.cookie(SESSION_COOKIE)).toBeUndefined();
    expectError(await client.get("/api/me"), { status: 401, code: "UNAUTHENTICATED" });
  });

  it("logout without a session is still 204", async () => {
    const response = await new Client().post("/api/auth/logout");
    expect(response.status).toBe(204);
  });

  describe("a cookie that is not a valid session counts as none", () => {
    const tamperings: [string, (valid: string, other: string) => string][] = [
      ["one character changed", (v) => v.slice(0, 20) + (v[20] === "A" ? "B" : "A") + v.slice(21)],
      ["last character changed", (v) => v.slice(0, -1) + (v.at(-1) === "A" ? "B" : "A")],
      ["truncated", (v) => v.slice(0, Math.floor(v.length / 2))],
      ["one character added", (v) => `${v}A`],
      ["halves of two sessions spliced", (v, o) => v.slice(0, 21) + o.slice(21)],
      ["well-formed but never issued", () => randomBytes(32).toString("base64url")],
      ["garbage", () => "garbage"],
      ["empty", () => ""],
      ["very long", () => "x".repeat(3000)],
    ];

    it.each(tamperings)(
      "%s → 401 on a signed-in route, anonymous on public ones",
      async (_name, tamper) => {
        const alice = await login("alice");
        const bob = await login("bob");
        const forged = tamper(alice.cookie(SESSION_COOKIE)!, bob.cookie(SESSION_COOKIE)!);
        const client = new Client();
        client.setCookie(SESSION_COOKIE, forged);
        expectError(await client.get("/api/me"), { status: 401, code: "UNAUTHENTICATED" });
        expectError(await client.post("/api/add-balance", { amountCents: 100 }), {
          status: 401,
          code: "UNAUTHENTICATED",
        });
        expect((await client.get("/api/slots?limit=1")).status).toBe(200);
        // Signing in over a bad cookie replaces it with a good one.
        client.setCookie(SESSION_COOKIE, forged);
        expectOk(
          await client.post("/api/auth/login", { username: "alice", password: DEMO_PASSWORD }),
          200,
          UserBody,
        );
        expect(expectOk(await client.get("/api/me"), 200, UserBody).user.username).toBe("alice");
        // Logging out over a bad cookie works too.
        client.setCookie(SESSION_COOKIE, forged);
        expect((await client.post("/api/auth/logout")).status).toBe(204);
      },
    );

    it("the untouched cookie, by contrast, works in a fresh client", async () => {
      const alice = await login("alice");
      const client = new Client();
      client.setCookie(SESSION_COOKIE, alice.cookie(SESSION_COOKIE)!);
      expect(expectOk(await client.get("/api/me"), 200, UserBody).user.username).toBe("alice");
    });
  });
});
