// Failed-login limits: 10 failures for one username, or 50 from one client address,
// within the last 15 minutes block further attempts until the window has moved on (the
// contract's 429 RATE_LIMITED). A blocked attempt is refused before the password is
// looked at and does not count; a successful sign-in forgets its username's failures (the
// address keeps counting them).
//
// Kept in the database (table login_failures), not in process memory, so the limits hold
// across several app servers on one database (docs/scaling-out.md): with counts per
// process, N servers behind a load balancer would give an attacker N times the limits.
//
// How an attempt goes (startLoginAttempt, then finishLoginAttempt on success):
// 1. Count the username's and the address's rows in the window: two COUNTs, each an index
//    range scan (covering). At a limit: refused, nothing written (a flood on a blocked
//    username or address costs reads only).
// 2. Otherwise write a row for the attempt (committed at once), then count again. That row
//    IS the failure if the password turns out wrong: nothing more is written then.
//    Counting after the commit makes the limit exact under concurrency, within one server
//    and across servers: the last of any set of attempts to count sees every other one's
//    committed row, so no more than 10 (50) attempts in a window get to the password check
//    (a success starts its username's count afresh).
//    (With check-then-record, every attempt in flight during the ~tens of ms of a password
//    hash would pass the check: an attacker's concurrency would multiply the limit.) When
//    the second count is over the limit the row is deleted again and the attempt refused;
//    near the boundary, concurrent attempts may refuse each other (errs towards blocking).
// 3. On success the attempt's own row is deleted and the username's other rows lose their
//    username (username = NULL), so they keep counting for their addresses only.
// An attempt whose process dies before finishing keeps its row: it counts as a failure.
//
// Old rows: every write of an attempt row first deletes ALL rows older than the window
// (an index range scan on created_at, usually over a handful of rows: each expired row is
// deleted once). So the table holds about one window's attempts, also when an attacker
// sprays usernames and addresses that never come back.
//
// Times are the app server's clock (Date), so servers' clocks should agree (NTP): a
// server whose clock is ahead by s shortens the others' windows by s.
import { db, transaction } from "@/lib/db/client";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;
// A client address comes from a header a client may forge: store a bounded prefix (an IPv6
// address with a zone fits). Longer forged strings that share it share a count.
const MAX_ADDRESS_LENGTH = 64;

/** A login attempt that may check the password: its row is the failure unless it succeeds. */
export type LoginAttempt = { id: number; username: string; at: Date };

const windowStart = (now: Date) => new Date(now.getTime() - LOGIN_WINDOW_MS);

/**
 * Whether the failures in the window (not counting `own` rows of the caller's attempt)
 * reach either limit. Refused attempts write nothing, so a key never has many more rows
 * in the window than its limit (plus attempts in flight): each COUNT reads a few index
 * entries.
 */
async function overLimit(username: string, address: string, now: Date, own: 0 | 1) {
  const since = { gt: windowStart(now) };
  const [byUsername, byAddress] = await Promise.all([
    db.loginFailure.count({ where: { username, createdAt: since } }),
    db.loginFailure.count({ where: { address, createdAt: since } }),
  ]);
  return (
    byUsername - own >= MAX_FAILURES_PER_USERNAME || byAddress - own >= MAX_FAILURES_PER_ADDRESS
  );
}

/** Read only: whether an attempt for this username from this address would be refused now. */
export function isLoginBlocked(username: string, address: string, now = new Date()) {
  return overLimit(username, address.slice(0, MAX_ADDRESS_LENGTH), now, 0);
}

/**
 * Starts a login attempt before its password is checked. Null: refused (rate limited),
 * nothing recorded. Otherwise the attempt is recorded, as a failure until
 * finishLoginAttempt says it succeeded. `username` is the lower-cased name as typed.
 */
export async function startLoginAttempt(
  username: string,
  clientAddress: string,
  now = new Date(),
): Promise<LoginAttempt | null> {
  const address = clientAddress.slice(0, MAX_ADDRESS_LENGTH);
  if (await overLimit(username, address, now, 0)) return null;
  const { id } = await transaction(async (tx) => {
    await tx.loginFailure.deleteMany({ where: { createdAt: { lte: windowStart(now) } } });
    return tx.loginFailure.create({
      data: { username, address, createdAt: now },
      select: { id: true },
    });
  });
  if (await overLimit(username, address, now, 1)) {
    await transaction((tx) => tx.loginFailure.deleteMany({ where: { id } }));
    return null;
  }
  return { id, username, at: now };
}

/**
 * The attempt signed in: it was no failure, and the username's failures in the window no
 * longer count for the username (they still do for their addresses). Older rows are left
 * to the sweep: they count for nothing, and leaving them keeps this update and a
 * concurrent sweep off each other's rows (no lock waits, no deadlock on PostgreSQL).
 */
export async function finishLoginAttempt(attempt: LoginAttempt): Promise<void> {
  await transaction(async (tx) => {
    await tx.loginFailure.deleteMany({ where: { id: attempt.id } });
    await tx.loginFailure.updateMany({
      where: { username: attempt.username, createdAt: { gt: windowStart(attempt.at) } },
      data: { username: null },
    });
  });
}
