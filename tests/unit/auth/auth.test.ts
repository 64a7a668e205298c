// Registration and sign-in (lib/auth/service.ts) on a real database: accounts, sessions,
// and the limits as the service applies them (password change: password-change.test.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { resolveTargetUserId } from "@/lib/auth/actor";
import { requireStaff } from "@/lib/auth/access";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { LOGIN_LIMITS } from "@/lib/auth/rate-limit";
import { registerUser, signIn } from "@/lib/auth/service";
import { findSessionActor } from "@/lib/auth/session-store";
import { TEST_PASSWORD, createDriver, databaseSnapshot, expectAppError, unique } from "../builders";

// Every test uses its own client address, so the per-address counts stay apart.
const address = () => `10.0.0.${unique()}`;
// The contract's limits with short delays (the delay's schedule has its own tests).
const limits = { ...LOGIN_LIMITS, firstDelayMs: 1, maxDelayMs: 40 };
const registration = (name = `user${unique()}`) => ({
  username: name,
  email: `${name}@example.com`,
  password: "a long enough password",
});
const live = (token: string) => findSessionActor(token, new Date());

describe("registerUser", () => {
  it("creates a driver with an empty wallet, lower-casing username and email, and signs them in", async () => {
    const { user, token } = await registerUser(
      {
        username: "Erin.K",
        email: "Erin.K@Example.COM",
        password: "a long enough password",
        phone: "+49 30 1234567",
        vehicleNumber: "B-EK-2024",
      },
      address(),
    );

    expect(user).toEqual({
      id: expect.any(Number),
      username: "erin.k",
      email: "erin.k@example.com",
      phone: "+49 30 1234567",
      vehicleNumber: "B-EK-2024",
      role: "driver",
      walletBalanceCents: 0,
      outstandingCents: 0,
      createdAt: expect.any(String),
      locationIds: [],
    });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.username).toBe("erin.k");
    expect(await live(token)).toEqual({ id: user.id, role: "driver" });
  });

  it("stores optional fields as null when absent", async () => {
    const { user } = await registerUser(registration("frank"), address());
    expect(user).toMatchObject({ phone: null, vehicleNumber: null });
  });

  it("hashes the password with Argon2id (a salted PHC string, never the password)", async () => {
    const { user } = await registerUser(
      { username: "grace", email: "grace@example.com", password: "grace-secret-1" },
      address(),
    );
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.passwordHash).not.toContain("grace-secret-1");
    // Salted: the same password hashes differently every time.
    expect(await hashPassword("grace-secret-1")).not.toBe(row.passwordHash);
  });

  it("refuses a taken username or email, in any case, with CONFLICT and writes nothing", async () => {
    await registerUser(
      { username: "heidi", email: "heidi@example.com", password: "password-1" },
      address(),
    );
    const before = await databaseSnapshot();
    const counts = () => Promise.all([db.session.count(), db.signUpAttempt.count()]);
    const countsBefore = await counts();

    await expectAppError(
      registerUser(
        { username: "HEIDI", email: "other@example.com", password: "password-2" },
        address(),
      ),
      "CONFLICT",
    );
    await expectAppError(
      registerUser(
        { username: "heidi2", email: "Heidi@Example.com", password: "password-3" },
        address(),
      ),
      "CONFLICT",
    );

    expect(await databaseSnapshot()).toEqual(before);
    expect(await counts()).toEqual(countsBefore);
  });

  it("refuses sign-ups over the address's limit with RATE_LIMITED, creating nobody", async () => {
    const from = address();
    const signUpLimits = { windowMs: 60_000, maxPerAddress: 2 };
    for (let i = 0; i < 2; i++) {
      await registerUser(registration(), from, { limits: signUpLimits });
    }
    const refused = registration();
    await expectAppError(registerUser(refused, from, { limits: signUpLimits }), "RATE_LIMITED");
    expect(await db.user.count({ where: { username: refused.username } })).toBe(0);
    await registerUser(refused, address(), { limits: signUpLimits });
  });
});

describe("verifyPassword", () => {
  it("accepts the right password, refuses a wrong one and a malformed hash", async () => {
    const hash = await hashPassword("right-password");
    expect(await verifyPassword(hash, "right-password")).toBe(true);
    expect(await verifyPassword(hash, "wrong-password")).toBe(false);
    expect(await verifyPassword("not-a-phc-string", "right-password")).toBe(false);
  });
});

describe("signIn", () => {
  it("signs in with the right password, any case of the username, with a new session", async () => {
    const driver = await createDriver({ balanceCents: 300 });
    const { user, token, expiresAt } = await signIn(
      { username: driver.username.toUpperCase(), password: TEST_PASSWORD },
      address(),
    );
    expect(user).toMatchObject({ id: driver.id, username: driver.username, role: "driver" });
    expect(user.walletBalanceCents).toBe(300);
    expect(user).not.toHaveProperty("passwordHash");
    expect(await live(token)).toEqual({ id: driver.id, role: "driver" });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3_600_000 - 60_000);
  });

  it("ends the session it replaces (the browser's previous one)", async () => {
    const driver = await createDriver();
    const credentials = { username: driver.username, password: TEST_PASSWORD };
    const first = await signIn(credentials, address());
    const second = await signIn(credentials, address(), { replaces: first.token });
    expect(await live(first.token)).toBeNull();
    expect(await live(second.token)).not.toBeNull();
  });

  it("gives a wrong password and an unknown user the same INVALID_CREDENTIALS", async () => {
    const driver = await createDriver();
    const wrong = await expectAppError(
      signIn({ username: driver.username, password: "not-the-password" }, address()),
      "INVALID_CREDENTIALS",
    );
    const unknown = await expectAppError(
      signIn({ username: "nobody-by-this-name", password: TEST_PASSWORD }, address()),
      "INVALID_CREDENTIALS",
    );
    expect(unknown.message).toBe(wrong.message);
  });

  it("refuses a username from an address after 10 failures from it, even the right password", async () => {
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair; i++) {
      await expectAppError(
        signIn({ username: driver.username, password: `wrong-${i}` }, from, { limits }),
        "INVALID_CREDENTIALS",
      );
    }
    await expectAppError(
      signIn({ username: driver.username, password: TEST_PASSWORD }, from, { limits }),
      "RATE_LIMITED",
    );
    // Counted by lower-cased username, so changing case does not get around it.
    await expectAppError(
      signIn({ username: driver.username.toUpperCase(), password: TEST_PASSWORD }, from, {
        limits,
      }),
      "RATE_LIMITED",
    );
    // From another address the right password signs in.
    const { user } = await signIn(
      { username: driver.username, password: TEST_PASSWORD },
      address(),
      { limits },
    );
    expect(user.id).toBe(driver.id);
  });

  it("signs the owner in from a clean address after failures from many addresses, after the delay", async () => {
    const driver = await createDriver();
    for (let i = 0; i < 3 * LOGIN_LIMITS.maxPerPair; i++) {
      await expectAppError(
        signIn({ username: driver.username, password: `guess-${i}` }, address(), { limits }),
        "INVALID_CREDENTIALS",
      );
    }
    const started = performance.now();
    const { user } = await signIn(
      { username: driver.username, password: TEST_PASSWORD },
      address(),
      { limits },
    );
    expect(user.id).toBe(driver.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(limits.maxDelayMs - 1);
  });

  it("forgets the pair's failures when it signs in successfully", async () => {
    const driver = await createDriver();
    const from = address();
    const credentials = (password: string) => ({ username: driver.username, password });
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair - 1; i++) {
      await expectAppError(signIn(credentials("wrong"), from, { limits }), "INVALID_CREDENTIALS");
    }
    await signIn(credentials(TEST_PASSWORD), from, { limits });
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair - 1; i++) {
      await expectAppError(signIn(credentials("wrong"), from, { limits }), "INVALID_CREDENTIALS");
    }
    // 9 + 9 failures from this address, but never 10 since the success: still answered.
    const { user } = await signIn(credentials(TEST_PASSWORD), from, { limits });
    expect(user.id).toBe(driver.id);
  });

  it("refuses an address after 50 failures across usernames; a success does not clear it", async () => {
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerAddress; i++) {
      // Five failures per made-up username, below the pair limit.
      await expectAppError(
        signIn({ username: `guess-${Math.floor(i / 5)}`, password: "wrong" }, from, { limits }),
        "INVALID_CREDENTIALS",
      );
    }
    const credentials = { username: driver.username, password: TEST_PASSWORD };
    await expectAppError(signIn(credentials, from, { limits }), "RATE_LIMITED");
    // The same user from another address is fine, and that success leaves the address refused.
    await signIn(credentials, address(), { limits });
    await expectAppError(signIn(credentials, from, { limits }), "RATE_LIMITED");
  });
});

describe("actor rules", () => {
  it("resolves the target user: self by default, others only for staff", () => {
    const driver = { id: 7, role: "driver" as const };
    const staff = { id: 1, role: "staff" as const };
    expect(resolveTargetUserId(driver, undefined)).toBe(7);
    expect(resolveTargetUserId(driver, 7)).toBe(7);
    expect(() => resolveTargetUserId(driver, 8)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN" }),
    );
    expect(resolveTargetUserId(staff, undefined)).toBe(1);
    expect(resolveTargetUserId(staff, 8)).toBe(8);
    expect(() => requireStaff(driver)).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
    expect(() => requireStaff(staff)).not.toThrow();
  });
});
