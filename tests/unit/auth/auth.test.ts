import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { requireStaff, resolveTargetUserId } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME } from "@/lib/auth/rate-limit";
import { authenticate, registerUser } from "@/lib/auth/service";
import { TEST_PASSWORD, createDriver, databaseSnapshot, expectAppError, unique } from "../builders";

describe("registerUser", () => {
  it("creates a driver with an empty wallet, lower-casing username and email", async () => {
    const user = await registerUser({
      username: "Erin.K",
      email: "Erin.K@Example.COM",
      password: "a long enough password",
      phone: "+49 30 1234567",
      vehicleNumber: "B-EK-2024",
    });

    expect(user).toEqual({
      id: expect.any(Number),
      username: "erin.k",
      email: "erin.k@example.com",
      phone: "+49 30 1234567",
      vehicleNumber: "B-EK-2024",
      role: "driver",
      walletBalanceCents: 0,
      createdAt: expect.any(String),
    });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.username).toBe("erin.k");
  });

  it("stores optional fields as null when absent", async () => {
    const user = await registerUser({
      username: "frank",
      email: "frank@example.com",
      password: "password-frank",
    });
    expect(user).toMatchObject({ phone: null, vehicleNumber: null });
  });

  it("hashes the password with Argon2id (a salted PHC string, never the password)", async () => {
    const user = await registerUser({
      username: "grace",
      email: "grace@example.com",
      password: "grace-secret-1",
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(row.passwordHash).not.toContain("grace-secret-1");
    // Salted: the same password hashes differently every time.
    expect(await hashPassword("grace-secret-1")).not.toBe(row.passwordHash);
  });

  it("refuses a taken username or email, in any case, with CONFLICT and writes nothing", async () => {
    await registerUser({ username: "heidi", email: "heidi@example.com", password: "password-1" });
    const before = await databaseSnapshot();

    await expectAppError(
      registerUser({ username: "HEIDI", email: "other@example.com", password: "password-2" }),
      "CONFLICT",
    );
    await expectAppError(
      registerUser({ username: "heidi2", email: "Heidi@Example.com", password: "password-3" }),
      "CONFLICT",
    );

    expect(await databaseSnapshot()).toEqual(before);
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

describe("authenticate", () => {
  // Every test uses its own client address, so the per-address counts stay apart.
  const address = () => `10.0.0.${unique()}`;

  it("signs in with the right password, any case of the username", async () => {
    const driver = await createDriver({ balanceCents: 300 });
    const user = await authenticate(
      { username: driver.username.toUpperCase(), password: TEST_PASSWORD },
      address(),
    );
    expect(user).toMatchObject({ id: driver.id, username: driver.username, role: "driver" });
    expect(user.walletBalanceCents).toBe(300);
    expect(user).not.toHaveProperty("passwordHash");
  });

  it("gives a wrong password and an unknown user the same INVALID_CREDENTIALS", async () => {
    const driver = await createDriver();
    const wrong = await expectAppError(
      authenticate({ username: driver.username, password: "not-the-password" }, address()),
      "INVALID_CREDENTIALS",
    );
    const unknown = await expectAppError(
      authenticate({ username: "nobody-by-this-name", password: TEST_PASSWORD }, address()),
      "INVALID_CREDENTIALS",
    );
    expect(unknown.message).toBe(wrong.message);
  });

  it(`blocks a username after ${MAX_FAILURES_PER_USERNAME} failures, even with the right password`, async () => {
    expect(MAX_FAILURES_PER_USERNAME).toBe(10);
    const driver = await createDriver();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) {
      // Different addresses: the username's own count is what blocks.
      await expectAppError(
        authenticate({ username: driver.username, password: `wrong-${i}` }, address()),
        "INVALID_CREDENTIALS",
      );
    }
    await expectAppError(
      authenticate({ username: driver.username, password: TEST_PASSWORD }, address()),
      "RATE_LIMITED",
    );
    // Counted by lower-cased username, so changing case does not get around it.
    await expectAppError(
      authenticate({ username: driver.username.toUpperCase(), password: TEST_PASSWORD }, address()),
      "RATE_LIMITED",
    );
  });

  it("forgets a username's failures when it signs in successfully", async () => {
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) {
      await expectAppError(
        authenticate({ username: driver.username, password: "wrong" }, from),
        "INVALID_CREDENTIALS",
      );
    }
    await authenticate({ username: driver.username, password: TEST_PASSWORD }, from);
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) {
      await expectAppError(
        authenticate({ username: driver.username, password: "wrong" }, address()),
        "INVALID_CREDENTIALS",
      );
    }
    // 9 + 9 failures in all, but never 10 since the success: still allowed.
    const user = await authenticate(
      { username: driver.username, password: TEST_PASSWORD },
      address(),
    );
    expect(user.id).toBe(driver.id);
  });

  it(`blocks an address after ${MAX_FAILURES_PER_ADDRESS} failures across usernames; a success does not clear it`, async () => {
    expect(MAX_FAILURES_PER_ADDRESS).toBe(50);
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      // Five failures per made-up username, below the per-username limit.
      await expectAppError(
        authenticate({ username: `guess-${Math.floor(i / 5)}`, password: "wrong" }, from),
        "INVALID_CREDENTIALS",
      );
    }
    await expectAppError(
      authenticate({ username: driver.username, password: TEST_PASSWORD }, from),
      "RATE_LIMITED",
    );
    // The same user from another address is fine, and that success leaves the address blocked.
    await authenticate({ username: driver.username, password: TEST_PASSWORD }, address());
    await expectAppError(
      authenticate({ username: driver.username, password: TEST_PASSWORD }, from),
      "RATE_LIMITED",
    );
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
