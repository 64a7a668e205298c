// Sign-in and sign-up limits (the contract's 429 RATE_LIMITED):
// - more than 10 failed logins for one username from one address, or 50 from one address,
//   within 15 minutes: refused;
// - failed logins for a username from any addresses slow every further attempt for it (a
//   delay doubling with the count, at most 9 s, so an answer stays within the contract's
//   10 s), never refuse it: an attacker spraying guesses from many addresses cannot lock
//   the owner out, and the owner's right password from an address that has not failed
//   always signs in;
// - more than 300 sign-ups from one address within 10 minutes: refused.
// A refused attempt is answered at once and leaves nothing behind.
//
// Kept in the database (tables login_failures and sign_up_attempts), not in process
// memory, so the limits hold across several app servers on one database
// (docs/scaling-out.md): with counts per process, N servers would give N times the limits.
//
// Every limit is admitted the same way (admit below):
// 1. Count the keys' rows in the window (index range scans). At a limit: refused, nothing
//    written, so a flood on a refused key costs reads only.
// 2. Otherwise write a row for the attempt (committed at once), then count again. Counting
//    after the commit makes a limit exact under concurrency, within one server and across
//    servers: the last of any set of attempts to count sees every other one's committed
//    row, so no more than the limit get through. (With check-then-record, every attempt in
//    flight during the tens of ms of a password hash would pass the check: an attacker's
//    concurrency would multiply the limit.) Over the limit: the row is deleted again and
//    the attempt refused; near the boundary, concurrent attempts may refuse each other
//    (errs towards refusing).
// A login attempt's row IS its failure if the password turns out wrong. On success it is
// deleted and the failures of the same username from the same address lose their username
// (username = NULL): the owner's own typos no longer count for the pair or the delay, but
// still count for the address, so interleaving a known account's sign-ins never resets an
// address's count. Other addresses' failures keep counting for the username's delay.
// A sign-up's row is deleted when the sign-up does not complete (a taken username), so the
// rows are exactly the accounts created plus those in flight.
// An attempt whose process dies before finishing keeps its row: it counts.
//
// Old rows: every write of an attempt row first deletes ALL rows of its table older than
// the window (an index range scan on created_at, usually a handful of rows: each expired
// row is deleted once), so a table holds about one window's attempts.
//
// Times are the app server's clock (Date), so servers' clocks should agree (NTP): a
// server whose clock is ahead by s shortens the others' windows by s.
import { db, transaction } from "@/lib/db/client";
import { MINUTE_MS } from "@/lib/time";

export type LoginLimits = {
  windowMs: number;
  /** Failures for one username from one address that are still answered. */
  maxPerPair: number;
  /** Failures from one address (any usernames) that are still answered. */
  maxPerAddress: number;
  /** Failures for a username (any addresses) before its attempts are slowed. */
  freeFailures: number;
  /** The delay at `freeFailures` failures; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
};

export const LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * MINUTE_MS,
  maxPerPair: 10,
  maxPerAddress: 50,
  // A few typos of the owner cost nothing.
  freeFailures: 5,
  firstDelayMs: 100,
  // The contract lets an answer wait up to 10 s: the delay plus the password check.
  maxDelayMs: 9_000,
};

export type SignUpLimits = { windowMs: number; maxPerAddress: number };

export const SIGN_UP_LIMITS: SignUpLimits = { windowMs: 10 * MINUTE_MS, maxPerAddress: 300 };

// A client address comes from a header a client may forge: store a bounded prefix (an IPv6
// address with a zone fits). Longer forged strings that share it share a count.
const MAX_ADDRESS_LENGTH = 64;
const boundedAddress = (address: string) => address.slice(0, MAX_ADDRESS_LENGTH);

const windowStart = (now: Date, windowMs: number) => new Date(now.getTime() - windowMs);

/** How long an attempt waits, given its username's failures in the window before it. */
export function loginDelayMs(failures: number, limits: LoginLimits = LOGIN_LIMITS): number {
  if (failures < limits.freeFailures) return 0;
  // Capped before exponentiating: 2 ** 1000 is Infinity, not an error, but stay tidy.
  const doublings = Math.min(failures - limits.freeFailures, 52);
  return Math.min(limits.maxDelayMs, limits.firstDelayMs * 2 ** doublings);
}

/** The fewest failures at which the delay is at its cap: counting further changes nothing. */
function delayCountCap(limits: LoginLimits): number {
  const { firstDelayMs, maxDelayMs } = limits;
  const doublings =
    firstDelayMs > 0 && maxDelayMs > firstDelayMs
      ? Math.ceil(Math.log2(maxDelayMs / firstDelayMs))
      : 0;
  return limits.freeFailures + doublings;
}

/**
 * Records an attempt unless `over` says a limit is reached (before and after the record,
 * see the top of this file). Returns the row's id, or null when refused (nothing left).
 */
async function admit(
  over: (ownRows: 0 | 1) => Promise<boolean>,
  record: () => Promise<number>,
  remove: (id: number) => Promise<unknown>,
): Promise<number | null> {
  if (await over(0)) return null;
  const id = await record();
  if (await over(1)) {
    await remove(id);
    return null;
  }
  return id;
}

/** A login attempt that may check the password: its row is the failure unless it succeeds. */
export type LoginAttempt = {
  id: number;
  username: string;
  address: string;
  at: Date;
  /** How long to wait before answering (the username's failures from any addresses). */
  delayMs: number;
  windowMs: number;
};

/**
 * Starts a login attempt before its password is checked. Null: refused (rate limited),
 * nothing recorded. Otherwise the attempt is recorded, as a failure until
 * finishLoginAttempt says it succeeded. `username` is the lower-cased name as typed.
 */
export async function startLoginAttempt(
  username: string,
  clientAddress: string,
  now = new Date(),
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<LoginAttempt | null> {
  const address = boundedAddress(clientAddress);
  const since = { gt: windowStart(now, limits.windowMs) };
  const over = async (own: 0 | 1) => {
    // Refused attempts write nothing, so a pair or an address never has many more rows in
    // the window than its limit (plus attempts in flight): each COUNT reads a few entries.
    const [byPair, byAddress] = await Promise.all([
      db.loginFailure.count({ where: { username, address, createdAt: since } }),
      db.loginFailure.count({ where: { address, createdAt: since } }),
    ]);
    return byPair - own >= limits.maxPerPair || byAddress - own >= limits.maxPerAddress;
  };
  const id = await admit(
    over,
    async () => {
      const row = await transaction(async (tx) => {
        await tx.loginFailure.deleteMany({
          where: { createdAt: { lte: windowStart(now, limits.windowMs) } },
        });
        return tx.loginFailure.create({
          data: { username, address, createdAt: now },
          select: { id: true },
        });
      });
      return row.id;
    },
    (id) => transaction((tx) => tx.loginFailure.deleteMany({ where: { id } })),
  );
  if (id === null) return null;
  // A username's failures are not bounded by a refusal (many addresses may fail it), so
  // the count stops where the delay stops growing: a bounded read however many there are.
  const failures = await db.loginFailure.count({
    where: { username, createdAt: since, id: { not: id } },
    take: delayCountCap(limits),
  });
  return {
    id,
    username,
    address,
    at: now,
    delayMs: loginDelayMs(failures, limits),
    windowMs: limits.windowMs,
  };
}

/**
 * The attempt signed in: it was no failure, and the username's failures from the same
 * address in the window no longer count for the username (they still do for the address).
 * Older rows are left to the sweep: they count for nothing, and leaving them keeps this
 * update and a concurrent sweep off each other's rows (no lock waits, no deadlock on
 * PostgreSQL).
 */
export async function finishLoginAttempt(attempt: LoginAttempt): Promise<void> {
  await transaction(async (tx) => {
    await tx.loginFailure.deleteMany({ where: { id: attempt.id } });
    await tx.loginFailure.updateMany({
      where: {
        username: attempt.username,
        address: attempt.address,
        createdAt: { gt: windowStart(attempt.at, attempt.windowMs) },
      },
      data: { username: null },
    });
  });
}

/** A sign-up admitted by the limit: its row counts until finishSignUp says it failed. */
export type SignUpAttempt = { id: number };

/**
 * Admits a sign-up from this address before its password is hashed (so concurrent
 * sign-ups count while they hash). Null: refused, nothing recorded.
 */
export async function startSignUp(
  clientAddress: string,
  now = new Date(),
  limits: SignUpLimits = SIGN_UP_LIMITS,
): Promise<SignUpAttempt | null> {
  const address = boundedAddress(clientAddress);
  const since = windowStart(now, limits.windowMs);
  const id = await admit(
    async (own) =>
      (await db.signUpAttempt.count({ where: { address, createdAt: { gt: since } } })) - own >=
      limits.maxPerAddress,
    async () => {
      const row = await transaction(async (tx) => {
        await tx.signUpAttempt.deleteMany({ where: { createdAt: { lte: since } } });
        return tx.signUpAttempt.create({
          data: { address, createdAt: now },
          select: { id: true },
        });
      });
      return row.id;
    },
    (id) => transaction((tx) => tx.signUpAttempt.deleteMany({ where: { id } })),
  );
  return id === null ? null : { id };
}

/** The sign-up created no account: it no longer counts. */
export async function abandonSignUp(attempt: SignUpAttempt): Promise<void> {
  await transaction((tx) => tx.signUpAttempt.deleteMany({ where: { id: attempt.id } }));
}
