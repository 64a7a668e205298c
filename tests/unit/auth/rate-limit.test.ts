// The login and sign-up limits, kept in the login_failures and sign_up_attempts tables
// (lib/auth/rate-limit.ts): the windows, the pair and address limits, the username's
// delay, a success clearing only its own pair, refused attempts not counting, expired
// rows deleted, and the limits holding for concurrent attempts. The functions take an
// explicit clock, so windows are tested without waiting; every test has its own
// usernames and addresses, and its own stretch of time.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  LOGIN_LIMITS,
  SIGN_UP_LIMITS,
  abandonSignUp,
  finishLoginAttempt,
  loginDelayMs,
  startLoginAttempt,
  startSignUp,
} from "@/lib/auth/rate-limit";
import { unique } from "../builders";

const DAY = 24 * 3_600_000;
/** A moment in the future, a day apart for each test, so tests' windows never overlap. */
let nextBase = Date.UTC(2030, 0, 1);
const timeBase = () => (nextBase += DAY);
const at = (ms: number) => new Date(ms);
const username = () => `rate-${unique()}`;
const address = () => `192.0.2.${unique()}`;
const WINDOW = LOGIN_LIMITS.windowMs;

/** An attempt whose password turned out wrong: its row stays as the failure. */
async function fail(name: string, from: string, ms: number) {
  const attempt = await startLoginAttempt(name, from, at(ms));
  expect(attempt, `attempt for ${name} from ${from} was refused`).not.toBeNull();
  return attempt!;
}

const admitted = async (name: string, from: string, ms: number) =>
  (await startLoginAttempt(name, from, at(ms))) !== null;

const rowsOf = (where: { username?: string | null; address?: string }) =>
  db.loginFailure.count({ where });

describe("the contract's numbers", () => {
  it("10 per username and address and 50 per address in 15 minutes; 300 sign-ups per address in 10", () => {
    expect(LOGIN_LIMITS).toMatchObject({
      windowMs: 15 * 60_000,
      maxPerPair: 10,
      maxPerAddress: 50,
    });
    expect(SIGN_UP_LIMITS).toEqual({ windowMs: 10 * 60_000, maxPerAddress: 300 });
  });

  it.each([
    [0, 0],
    [4, 0],
    [5, 100],
    [6, 200],
    [7, 400],
    [10, 3_200],
    [11, 6_400],
    [12, 9_000],
    [13, 9_000],
    [10_000, 9_000],
  ])(
    "a username with %i failures waits %i ms (never more than 9 s: answers stay within 10 s)",
    (failures, ms) => {
      expect(loginDelayMs(failures)).toBe(ms);
    },
  );
});

describe("login limits (database)", () => {
  it("refuses a username from one address at 10 failures from it, until they age out; other addresses are admitted", async () => {
    const t = timeBase();
    const name = username();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair - 1; i++) await fail(name, from, t + i);
    expect(await admitted(name, from, t + 100)).toBe(true);
    // That attempt failed too: 10.
    expect(await admitted(name, from, t + 101)).toBe(false);
    // Never refused from an address that has not failed, however many others have.
    expect(await admitted(name, address(), t + 101)).toBe(true);
    // The first failure (at t) is inside the window until t + 15 min, then 9 remain.
    expect(await admitted(name, from, t + WINDOW - 1)).toBe(false);
    expect(await admitted(name, from, t + WINDOW)).toBe(true);
    // ... and that attempt, failed, makes 10 again.
    expect(await admitted(name, from, t + WINDOW)).toBe(false);
  });

  it("refuses an address at 50 failures across usernames; other addresses are not affected", async () => {
    const t = timeBase();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerAddress - 1; i++) await fail(username(), from, t + i);
    expect(await admitted(username(), from, t + 100)).toBe(true);
    expect(await admitted(username(), from, t + 101)).toBe(false);
    expect(await admitted(username(), address(), t + 101)).toBe(true);
    expect(await admitted(username(), from, t + WINDOW + 100)).toBe(true);
  });

  it("slows a username by its failures from every address, and never refuses it for them", async () => {
    const t = timeBase();
    const name = username();
    const delays: number[] = [];
    for (let i = 0; i < 20; i++) delays.push((await fail(name, address(), t + i)).delayMs);
    expect(delays).toEqual(Array.from({ length: 20 }, (_, i) => loginDelayMs(i)));
    // A clean address: admitted, at the capped delay.
    const attempt = await startLoginAttempt(name, address(), at(t + 50));
    expect(attempt?.delayMs).toBe(LOGIN_LIMITS.maxDelayMs);
    // Failures age out of the window and stop slowing it.
    expect((await startLoginAttempt(name, address(), at(t + 51 + WINDOW)))?.delayMs).toBe(0);
  });

  it("does not record a refused attempt", async () => {
    const t = timeBase();
    const name = username();
    const from = address();
    for (let i = 0; i < LOGIN_LIMITS.maxPerPair; i++) await fail(name, from, t);
    for (let i = 0; i < 5; i++) expect(await admitted(name, from, t + 1)).toBe(false);
    expect(await rowsOf({ username: name })).toBe(LOGIN_LIMITS.maxPerPair);
  });

  it("a success forgets its pair's failures for the username and the delay, not for the address, nor other addresses'", async () => {
    const t = timeBase();
    const name = username();
    const home = address();
    const attacker = address();
    for (let i = 0; i < 9; i++) await fail(name, home, t + i);
    for (let i = 0; i < 3; i++) await fail(name, attacker, t + 20 + i);
    const attempt = await fail(name, home, t + 50);
    expect(attempt.delayMs).toBe(loginDelayMs(12));
    await finishLoginAttempt(attempt);

    // The successful attempt is no row; the 9 typos from home count only for home.
    expect(await rowsOf({ address: home })).toBe(9);
    expect(await rowsOf({ username: name, address: home })).toBe(0);
    expect(await rowsOf({ username: name, address: attacker })).toBe(3);
    // The username's delay now counts the attacker's 3 only.
    expect((await fail(name, address(), t + 60)).delayMs).toBe(loginDelayMs(3));
    // The pair starts afresh: 9 more failures from home leave it open.
    for (let i = 0; i < 9; i++) await fail(name, home, t + 100);
    expect(await admitted(name, home, t + 101)).toBe(true);
    // The address still counts every failure: 9 + 9 + 1 so far, 50 refuses.
    for (let i = 0; i < LOGIN_LIMITS.maxPerAddress - 20; i++) await fail(username(), home, t + 200);
    expect(await admitted(username(), home, t + 201)).toBe(true);
    expect(await admitted(username(), home, t + 202)).toBe(false);
  });

  it("deletes rows older than the window when it records an attempt, whatever their keys", async () => {
    const t = timeBase();
    for (let i = 0; i < 20; i++) await fail(username(), address(), t + i);
    const old = { createdAt: { gte: at(t), lt: at(t + 20) } };
    expect(await db.loginFailure.count({ where: old })).toBe(20);
    // Still within the window: kept.
    await fail(username(), address(), t + WINDOW);
    expect(await db.loginFailure.count({ where: old })).toBe(19);
    await fail(username(), address(), t + WINDOW + 20);
    expect(await db.loginFailure.count({ where: old })).toBe(0);
    expect(await db.loginFailure.count({ where: { createdAt: { lte: at(t + 20) } } })).toBe(0);
  });

  it("lets at most 10 concurrent attempts for one pair reach the password check", async () => {
    const t = timeBase();
    const name = username();
    const from = address();
    const attempts = await Promise.all(
      Array.from({ length: 40 }, () => startLoginAttempt(name, from, at(t))),
    );
    const count = attempts.filter((a) => a !== null).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(LOGIN_LIMITS.maxPerPair);
    // Concurrent attempts near the limit may refuse each other; one by one, the rest of
    // the 10 are admitted, and not one more.
    let more = 0;
    while (more < 40 && (await admitted(name, from, t + 1))) more++;
    expect(count + more).toBe(LOGIN_LIMITS.maxPerPair);
    expect(await rowsOf({ username: name })).toBe(LOGIN_LIMITS.maxPerPair);
  });

  it("takes its limits as a parameter", async () => {
    const t = timeBase();
    const limits = { ...LOGIN_LIMITS, windowMs: 1_000, maxPerPair: 2, freeFailures: 1 };
    const name = username();
    const from = address();
    expect((await startLoginAttempt(name, from, at(t), limits))?.delayMs).toBe(0);
    expect((await startLoginAttempt(name, from, at(t), limits))?.delayMs).toBe(100);
    expect(await startLoginAttempt(name, from, at(t), limits)).toBeNull();
    expect(await startLoginAttempt(name, from, at(t + 1_000), limits)).not.toBeNull();
  });
});

describe("sign-up limit (database)", () => {
  const limits = { windowMs: 60_000, maxPerAddress: 5 };

  it("refuses an address at its limit within the window; other addresses are not affected", async () => {
    const t = timeBase();
    const from = address();
    for (let i = 0; i < limits.maxPerAddress; i++) {
      expect(await startSignUp(from, at(t + i), limits)).not.toBeNull();
    }
    expect(await startSignUp(from, at(t + 10), limits)).toBeNull();
    expect(await startSignUp(address(), at(t + 10), limits)).not.toBeNull();
    expect(await db.signUpAttempt.count({ where: { address: from } })).toBe(limits.maxPerAddress);
    // The first ages out of the window at t + 60 s.
    expect(await startSignUp(from, at(t + limits.windowMs - 1), limits)).toBeNull();
    expect(await startSignUp(from, at(t + limits.windowMs), limits)).not.toBeNull();
  });

  it("an abandoned sign-up no longer counts", async () => {
    const t = timeBase();
    const from = address();
    const attempts = [];
    for (let i = 0; i < limits.maxPerAddress; i++) {
      attempts.push(await startSignUp(from, at(t), limits));
    }
    await abandonSignUp(attempts[0]!);
    expect(await startSignUp(from, at(t), limits)).not.toBeNull();
    expect(await startSignUp(from, at(t), limits)).toBeNull();
  });

  it("deletes attempts older than the window as it records new ones", async () => {
    const t = timeBase();
    const from = address();
    await startSignUp(from, at(t), limits);
    await startSignUp(address(), at(t + limits.windowMs), limits);
    expect(await db.signUpAttempt.count({ where: { address: from } })).toBe(0);
  });

  it("admits at most the limit of concurrent sign-ups from one address", async () => {
    const t = timeBase();
    const from = address();
    const attempts = await Promise.all(
      Array.from({ length: 30 }, () => startSignUp(from, at(t), limits)),
    );
    const count = attempts.filter((a) => a !== null).length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(limits.maxPerAddress);
    let more = 0;
    while (more < 30 && (await startSignUp(from, at(t + 1), limits))) more++;
    expect(count + more).toBe(limits.maxPerAddress);
  });
});
