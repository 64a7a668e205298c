// The failed-login limits, kept in the login_failures table (lib/auth/rate-limit.ts): the
// 15-minute window, both limits, a success clearing only its username, refused attempts
// not counting, expired rows deleted, and the limit holding for concurrent attempts.
// The functions take an explicit clock, so the window is tested without waiting; every
// test has its own usernames and addresses, and its own stretch of time.
import { describe, expect, it } from "vitest";
import { db, transaction } from "@/lib/db/client";
import {
  LOGIN_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_USERNAME,
  finishLoginAttempt,
  isLoginBlocked,
  startLoginAttempt,
} from "@/lib/auth/rate-limit";
import { authenticate } from "@/lib/auth/service";
import { TEST_PASSWORD, createDriver, expectAppError, unique } from "../builders";

const DAY = 24 * 3_600_000;
/** A moment in the future, a day apart for each test, so tests' windows never overlap. */
let nextBase = Date.UTC(2030, 0, 1);
const timeBase = () => (nextBase += DAY);
const at = (ms: number) => new Date(ms);
const username = () => `rate-${unique()}`;
const address = () => `192.0.2.${unique()}`;

/** An attempt whose password turned out wrong: its row stays as the failure. */
async function fail(name: string, from: string, ms: number) {
  const attempt = await startLoginAttempt(name, from, at(ms));
  expect(attempt, `attempt for ${name} from ${from} was refused`).not.toBeNull();
}

const rowsOf = (where: { username?: string | null; address?: string }) =>
  db.loginFailure.count({ where });

describe("login rate limit (database)", () => {
  it("blocks a username at 10 failures within 15 minutes, from any address, until they age out", async () => {
    expect(MAX_FAILURES_PER_USERNAME).toBe(10);
    expect(LOGIN_WINDOW_MS).toBe(15 * 60_000);
    const t = timeBase();
    const name = username();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) await fail(name, address(), t + i);
    expect(await isLoginBlocked(name, address(), at(t + 100))).toBe(false);
    await fail(name, address(), t + 100);

    expect(await isLoginBlocked(name, address(), at(t + 101))).toBe(true);
    expect(await startLoginAttempt(name, address(), at(t + 101))).toBeNull();
    // The first failure (at t) is inside the window until t + 15 min, then 9 remain.
    expect(await isLoginBlocked(name, address(), at(t + LOGIN_WINDOW_MS - 1))).toBe(true);
    expect(await isLoginBlocked(name, address(), at(t + LOGIN_WINDOW_MS))).toBe(false);
    expect(await startLoginAttempt(name, address(), at(t + LOGIN_WINDOW_MS))).not.toBeNull();
    // ... and that attempt, failed, makes 10 again.
    expect(await startLoginAttempt(name, address(), at(t + LOGIN_WINDOW_MS))).toBeNull();
  });

  it("blocks an address at 50 failures across usernames; other addresses are not affected", async () => {
    expect(MAX_FAILURES_PER_ADDRESS).toBe(50);
    const t = timeBase();
    const from = address();
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - 1; i++) {
      await fail(`${username()}-${i}`, from, t + i);
    }
    expect(await isLoginBlocked(username(), from, at(t + 100))).toBe(false);
    await fail(username(), from, t + 100);
    expect(await isLoginBlocked(username(), from, at(t + 101))).toBe(true);
    expect(await startLoginAttempt(username(), from, at(t + 101))).toBeNull();
    expect(await isLoginBlocked(username(), address(), at(t + 101))).toBe(false);
    expect(await isLoginBlocked(username(), from, at(t + LOGIN_WINDOW_MS))).toBe(false);
  });

  it("does not record a refused attempt", async () => {
    const t = timeBase();
    const name = username();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME; i++) await fail(name, address(), t);
    const from = address();
    for (let i = 0; i < 5; i++) expect(await startLoginAttempt(name, from, at(t + 1))).toBeNull();
    expect(await rowsOf({ username: name })).toBe(MAX_FAILURES_PER_USERNAME);
    expect(await rowsOf({ address: from })).toBe(0);
  });

  it("a success forgets its username's failures but not its address's, and is no failure itself", async () => {
    const t = timeBase();
    const name = username();
    const from = address();
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) await fail(name, from, t + i);
    const attempt = await startLoginAttempt(name, from, at(t + 50));
    expect(attempt).not.toBeNull();
    await finishLoginAttempt(attempt!);

    expect(await rowsOf({ username: name })).toBe(0);
    // The 9 failures still count for the address; the successful attempt does not.
    expect(await rowsOf({ address: from })).toBe(MAX_FAILURES_PER_USERNAME - 1);
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS - MAX_FAILURES_PER_USERNAME; i++) {
      await fail(`${username()}-${i}`, from, t + 100);
    }
    expect(await isLoginBlocked(username(), from, at(t + 101))).toBe(false);
    await fail(username(), from, t + 101);
    expect(await isLoginBlocked(username(), from, at(t + 102))).toBe(true);

    // The username starts from zero: 9 new failures (elsewhere) leave it open.
    for (let i = 0; i < MAX_FAILURES_PER_USERNAME - 1; i++) await fail(name, address(), t + 200);
    expect(await isLoginBlocked(name, address(), at(t + 201))).toBe(false);
  });

  it("deletes rows older than the window when it records an attempt, whatever their keys", async () => {
    const t = timeBase();
    for (let i = 0; i < 20; i++) await fail(username(), address(), t + i);
    const old = { createdAt: { gte: at(t), lt: at(t + 20) } };
    expect(await db.loginFailure.count({ where: old })).toBe(20);
    // Still within the window: kept.
    await fail(username(), address(), t + LOGIN_WINDOW_MS);
    expect(await db.loginFailure.count({ where: old })).toBe(19);
    await fail(username(), address(), t + LOGIN_WINDOW_MS + 20);
    expect(await db.loginFailure.count({ where: old })).toBe(0);
    // Nothing at or before the start of the newest attempt's window is left.
    expect(await db.loginFailure.count({ where: { createdAt: { lte: at(t + 20) } } })).toBe(0);
  });

  it("lets at most 10 concurrent attempts for one username reach the password check", async () => {
    const t = timeBase();
    const name = username();
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => startLoginAttempt(name, address(), at(t))),
    );
    const admitted = attempts.filter((a) => a !== null).length;
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(MAX_FAILURES_PER_USERNAME);
    // Concurrent attempts near the limit may refuse each other; one by one, the rest of
    // the 10 are admitted, and not one more.
    let more = 0;
    while (more < 40 && (await startLoginAttempt(name, address(), at(t + 1)))) more++;
    expect(admitted + more).toBe(MAX_FAILURES_PER_USERNAME);
    expect(await rowsOf({ username: name })).toBe(MAX_FAILURES_PER_USERNAME);
  });
});

describe("authenticate and the login_failures table", () => {
  it("leaves no row for successful sign-ins, and one per wrong password", async () => {
    const driver = await createDriver();
    const from = address();
    for (let i = 0; i < 12; i++) {
      await authenticate({ username: driver.username, password: TEST_PASSWORD }, from);
    }
    expect(await rowsOf({ address: from })).toBe(0);
    for (let i = 0; i < 3; i++) {
      await expectAppError(
        authenticate({ username: driver.username, password: "wrong-password" }, from),
        "INVALID_CREDENTIALS",
      );
    }
    expect(await rowsOf({ address: from, username: driver.username })).toBe(3);
  });

  it("counts a failure on one server against the other (the limit lives in the database)", async () => {
    // Another app server's failures arrive as rows; this process has no count of its own.
    const driver = await createDriver();
    await transaction((tx) =>
      tx.loginFailure.createMany({
        data: Array.from({ length: MAX_FAILURES_PER_USERNAME }, (_, i) => ({
          username: driver.username,
          address: `198.51.100.${i}`,
          createdAt: new Date(),
        })),
      }),
    );
    await expectAppError(
      authenticate({ username: driver.username, password: TEST_PASSWORD }, address()),
      "RATE_LIMITED",
    );
  });
});
