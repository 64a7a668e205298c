// Sessions kept by the server: logout ends this session (a copied cookie stops working at
// once), sign-out everywhere ends all of a user's sessions, a password change ends all
// but the caller's, an expired or deleted session is refused on the very next request,
// and the database holds only a hash of the cookie's token.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { Client, DEMO_PASSWORD, login, registerDriver, uniqueAddress } from "./client";
import { rows, snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot } from "./fixtures";
import { expectError, expectOk, UserBody, ValidationDetails } from "./schemas";

const SESSION_COOKIE = "parking_session";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Whether the client's session is live: /api/me answers 200, or 401 UNAUTHENTICATED. */
async function signedIn(client: Client): Promise<boolean> {
  const response = await client.get("/api/me");
  if (response.status === 401) {
    expectError(response, { status: 401, code: "UNAUTHENTICATED" });
    return false;
  }
  expectOk(response, 200, UserBody);
  return true;
}

/** A new driver signed in three times: three sessions (three browsers). */
async function driverWithThreeSessions(): Promise<[Client, Client, Client]> {
  const first = await registerDriver();
  return [first, await first.anotherSession(), await first.anotherSession()];
}

async function sessionCount(userId: number): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?",
    userId,
  );
  return Number(row!.n);
}

describe("POST /api/auth/logout", () => {
  it("ends the session: a copy of the cookie stops working at once", async () => {
    const browser = await login("alice");
    const copy = browser.clone();
    expect(await signedIn(copy)).toBe(true);
    expect((await browser.post("/api/auth/logout")).status).toBe(204);
    expect(await signedIn(copy)).toBe(false);
    expectError(await copy.post("/api/add-balance", { amountCents: 100 }), {
      status: 401,
      code: "UNAUTHENTICATED",
    });
  });

  it("ends only this session: the user's other sessions stay", async () => {
    const [first, second, third] = await driverWithThreeSessions();
    expect((await second.post("/api/auth/logout")).status).toBe(204);
    expect(await signedIn(second)).toBe(false);
    expect(await signedIn(first)).toBe(true);
    expect(await signedIn(third)).toBe(true);
  });
});

describe("signing in again in the same browser", () => {
  it("ends the browser's previous session", async () => {
    const browser = await login("alice");
    const aliceCopy = browser.clone();
    expectOk(
      await browser.post("/api/auth/login", { username: "bob", password: DEMO_PASSWORD }),
      200,
      UserBody,
    );
    expect(expectOk(await browser.get("/api/me"), 200, UserBody).user.username).toBe("bob");
    expect(await signedIn(aliceCopy)).toBe(false);
  });
});

describe("POST /api/auth/logout-everywhere", () => {
  it("ends every session of the user, this one included (204, cookie cleared)", async () => {
    const [first, second, third] = await driverWithThreeSessions();
    const bystander = await registerDriver();
    const response = await first.post("/api/auth/logout-everywhere");
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(first.cookie(SESSION_COOKIE)).toBeUndefined();
    for (const session of [first, second, third]) expect(await signedIn(session)).toBe(false);
    expect(await sessionCount(first.user!.id)).toBe(0);
    // Other users keep theirs; the user may sign in again.
    expect(await signedIn(bystander)).toBe(true);
    expect(await signedIn(await first.anotherSession())).toBe(true);
  });

  it("answers 401 without a session, and ignores a body", async () => {
    expectError(await new Client().post("/api/auth/logout-everywhere"), {
      status: 401,
      code: "UNAUTHENTICATED",
    });
    const [first, second] = await driverWithThreeSessions();
    const response = await first.post("/api/auth/logout-everywhere", { anything: 1 });
    expect(response.status).toBe(204);
    expect(await signedIn(second)).toBe(false);
  });
});

describe("POST /api/auth/password", () => {
  it("changes the password, ends every other session and keeps this one (204)", async () => {
    const [first, second, third] = await driverWithThreeSessions();
    const username = first.user!.username;
    const oldPassword = first.password!;
    const newPassword = "a new and longer passphrase";
    const response = await first.post("/api/auth/password", {
      currentPassword: oldPassword,
      newPassword,
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(await signedIn(first)).toBe(true);
    expect(await signedIn(second)).toBe(false);
    expect(await signedIn(third)).toBe(false);
    expect(await sessionCount(first.user!.id)).toBe(1);
    expectError(await new Client().post("/api/auth/login", { username, password: oldPassword }), {
      status: 401,
      code: "INVALID_CREDENTIALS",
    });
    expectOk(
      await new Client().post("/api/auth/login", { username, password: newPassword }),
      200,
      UserBody,
    );
  });

  it("refuses a wrong current password with 401 INVALID_CREDENTIALS and changes nothing", async () => {
    const [first, second] = await driverWithThreeSessions();
    const before = await baselineSnapshot();
    const response = await first.post("/api/auth/password", {
      currentPassword: "not the password",
      newPassword: "a new and longer passphrase",
    });
    expectError(response, { status: 401, code: "INVALID_CREDENTIALS" });
    // The failure is recorded for the login limits; nothing else moves.
    const after = await snapshot();
    delete after.login_failures;
    delete before.login_failures;
    expect(after).toEqual(before);
    const [failures] = await rows<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM login_failures WHERE username = ?",
      first.user!.username,
    );
    expect(Number(failures!.n)).toBe(1);
    expect(await signedIn(first)).toBe(true);
    expect(await signedIn(second)).toBe(true);
    expectOk(
      await new Client().post("/api/auth/login", {
        username: first.user!.username,
        password: first.password,
      }),
      200,
      UserBody,
    );
  });

  it("counts a wrong current password towards the login limits (10 per username and address)", async () => {
    const driver = await registerDriver();
    const attempt = (currentPassword: string) =>
      driver.post("/api/auth/password", { currentPassword, newPassword: "whatever-new-1" });
    for (let i = 1; i <= 10; i++) {
      expectError(await attempt(`wrong-password-${i}`), {
        status: 401,
        code: "INVALID_CREDENTIALS",
      });
    }
    expectError(await attempt(driver.password!), { status: 429, code: "RATE_LIMITED" });
    // Signing in from this address (the same pair) is refused too; the session stays.
    expectError(
      await new Client(driver.address).post("/api/auth/login", {
        username: driver.user!.username,
        password: driver.password,
      }),
      { status: 429, code: "RATE_LIMITED" },
    );
    expect(await signedIn(driver)).toBe(true);
  }, 30_000);

  it("validates the new password like registration (8..128) and names the field", async () => {
    const driver = await registerDriver();
    for (const newPassword of ["1234567", "p".repeat(129)]) {
      const response = await driver.post("/api/auth/password", {
        currentPassword: driver.password,
        newPassword,
      });
      const { error } = expectError(response, { status: 400, code: "VALIDATION_ERROR" });
      expect(ValidationDetails.parse(error.details).map((d) => d.path)).toEqual(["newPassword"]);
    }
    for (const newPassword of ["12345678", "p".repeat(128)]) {
      const response = await driver.post("/api/auth/password", {
        currentPassword: driver.password,
        newPassword,
      });
      expect(response.status).toBe(204);
      driver.password = newPassword;
    }
  });

  it("answers 401 UNAUTHENTICATED without a session", async () => {
    expectError(
      await new Client().post("/api/auth/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword: "a new and longer passphrase",
      }),
      { status: 401, code: "UNAUTHENTICATED" },
    );
  });
});

describe("sessions in the database", () => {
  it("stores only the SHA-256 of the cookie's token; the hash itself signs nobody in", async () => {
    const driver = await registerDriver();
    const token = driver.cookie(SESSION_COOKIE)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await rows<{ token_hash: string }>(
      "SELECT token_hash FROM sessions WHERE user_id = ?",
      driver.user!.id,
    );
    expect(stored.map((r) => r.token_hash)).toEqual([sha256(token)]);
    const withHash = new Client();
    withHash.setCookie(SESSION_COOKIE, sha256(token));
    expect(await signedIn(withHash)).toBe(false);
  });

  it("refuses a session deleted by another connection on the next request", async () => {
    const driver = await registerDriver();
    expect(await signedIn(driver)).toBe(true);
    await writeAsAnotherConnection(
      "DELETE FROM sessions WHERE token_hash = ?",
      sha256(driver.cookie(SESSION_COOKIE)!),
    );
    expect(await signedIn(driver)).toBe(false);
  });

  it("refuses an expired session on the next request", async () => {
    const driver = await registerDriver();
    expect(await signedIn(driver)).toBe(true);
    await writeAsAnotherConnection(
      "UPDATE sessions SET expires_at = ? WHERE token_hash = ?",
      "2020-01-01T00:00:00.000+00:00",
      sha256(driver.cookie(SESSION_COOKIE)!),
    );
    expect(await signedIn(driver)).toBe(false);
  });

  it("lasts 7 days from sign-in, as its cookie does", async () => {
    const client = new Client(uniqueAddress());
    const before = Date.now();
    const response = await client.post("/api/auth/login", {
      username: "bob",
      password: DEMO_PASSWORD,
    });
    expect(response.status).toBe(200);
    const [row] = await rows<{ expires_at: string | Date }>(
      "SELECT expires_at FROM sessions WHERE token_hash = ?",
      sha256(client.cookie(SESSION_COOKIE)!),
    );
    const week = 7 * 24 * 3_600_000;
    const expiresAt = new Date(row!.expires_at).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + week - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + week + 1000);
  });
});

describe("signed-in page views", () => {
  it("log no prerendering error about reading the clock", async () => {
    const alice = await login("alice");
    for (const page of ["/", "/account", "/slots", "/reservations"]) {
      const response = await alice.get(page);
      expect(response.status, page).toBe(200);
      expect(response.text).toContain("alice");
    }
    // The server writes its log as it goes; give the last lines a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const log = fs.readFileSync(inject("serverLogFile"), "utf8");
    expect(log).not.toMatch(/Date\.now\(\)|current time|while prerendering/);
  });
});
