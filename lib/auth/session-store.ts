// Sessions kept in the database (table sessions), so that signing out revokes them: the
// cookie carries a random 256-bit token, the table only its SHA-256 (a copy of the table
// signs nobody in, and no server secret is needed: any app server on the database checks
// any session). A session lasts SESSION_TTL_MS from sign-in; deleting its row ends it on
// the very next request, on every server.
//
// Reading a session (findSessionActor) is one indexed query joining session and user, for
// every request that needs to know who asks; on SQLite it skips Prisma's client
// (lib/db/read-now.ts): every commit by another process sends the next request back to it.
// Its answer (user id, role, expiry) is remembered per token, exactly: an entry is used
// only while
// - no other connection has committed (SQLite's data_version, externalVersionNow(), read
//   synchronously and for free): another process's sign-out, role change or deletion
//   moves it; and
// - this process has written no session change since the entry was read: every write that
//   ends a session goes through writeSessions, which moves `localGeneration` after its
//   commit (before the commit a concurrent read may still see the session; an entry made
//   then carries the old generation and is never used);
// and until the session's own expiry. On PostgreSQL nothing is remembered: another server
// may commit at any time, and there is no free version to tell.
import { createHash, randomBytes } from "node:crypto";
import { db, transaction, type Tx } from "@/lib/db/client";
import { externalVersionNow } from "@/lib/db/changes";
import { readNow } from "@/lib/db/read-now";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/dto";
import { DAY_MS } from "@/lib/time";

export const SESSION_TTL_MS = 7 * DAY_MS;

// 32 random bytes in base64url: 43 characters, safe in a cookie without encoding.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A transaction that may end sessions: only writeSessions hands these out. */
export type SessionTx = Tx & { readonly __writesSessions: true };

const globalForSessions = globalThis as unknown as {
  sessionCache?: { generation: number; entries: Map<string, CachedSession> };
};
type CachedSession = {
  userId: number;
  role: Role;
  expiresAt: number;
  version: number;
  generation: number;
};
const cache = (globalForSessions.sessionCache ??= { generation: 0, entries: new Map() });
const MAX_CACHED = 10_000;

/** Remembered, bounded: the oldest entry goes first. */
function remember(tokenHash: string, entry: CachedSession): void {
  cache.entries.delete(tokenHash);
  cache.entries.set(tokenHash, entry);
  if (cache.entries.size > MAX_CACHED) {
    cache.entries.delete(cache.entries.keys().next().value as string);
  }
}

/**
 * Runs `work` in one transaction; every write that ends a session (or changes who a
 * session is: a role, a deletion) must run in one, so that this process's remembered
 * sessions are dropped once it has committed.
 */
export async function writeSessions<T>(work: (tx: SessionTx) => Promise<T>): Promise<T> {
  try {
    return await transaction((tx) => work(tx as SessionTx));
  } finally {
    cache.generation++;
  }
}

/**
 * A new session for the user; returns the cookie's token and its expiry. Also deletes
 * expired sessions (an index range scan on expires_at, each expired row deleted once) and
 * the session the token `replaces` (the browser's previous one), if any.
 */
export async function createSession(
  tx: SessionTx,
  userId: number,
  now: Date,
  replaces?: string,
): Promise<{ token: string; expiresAt: Date }> {
  await tx.session.deleteMany({ where: { expiresAt: { lte: now } } });
  if (replaces !== undefined && TOKEN_PATTERN.test(replaces)) {
    await tx.session.deleteMany({ where: { tokenHash: hashToken(replaces) } });
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.session.create({
    data: { tokenHash: hashToken(token), userId, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** Ends the session of this token (nothing when there is none). */
export async function endSession(token: string): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  await writeSessions((tx) => tx.session.deleteMany({ where: { tokenHash: hashToken(token) } }));
}

/** Ends the user's sessions, all of them or all but the one of `keep`. */
export async function endSessionsOf(tx: SessionTx, userId: number, keep?: string): Promise<number> {
  const { count } = await tx.session.deleteMany({
    where: {
      userId,
      ...(keep !== undefined && TOKEN_PATTERN.test(keep)
        ? { tokenHash: { not: hashToken(keep) } }
        : {}),
    },
  });
  return count;
}

type SessionRow = { user_id: number | bigint; role: Role; expires_at: Date | string };

/** Who holds this token's session now: null for no, an expired or a revoked session. */
export async function findSessionActor(token: string, now: Date): Promise<Actor | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  // Both read before the query: a change committed after them leaves this answer
  // unremembered (see the top of this file).
  const version = externalVersionNow();
  const generation = cache.generation;
  const known = cache.entries.get(tokenHash);
  if (known && version !== null && known.version === version && known.generation === generation) {
    return known.expiresAt > now.getTime() ? { id: known.userId, role: known.role } : null;
  }
  const query = Prisma.sql`
    SELECT sessions.user_id, users.role, sessions.expires_at
    FROM sessions JOIN users ON users.id = sessions.user_id
    WHERE sessions.token_hash = ${tokenHash}`;
  const [row] = readNow<SessionRow>(query) ?? (await db.$queryRaw<SessionRow[]>(query));
  if (!row) {
    cache.entries.delete(tokenHash);
    return null;
  }
  const entry: CachedSession = {
    userId: Number(row.user_id),
    role: row.role,
    expiresAt: new Date(row.expires_at).getTime(),
    version: version ?? 0,
    generation,
  };
  if (version !== null) remember(tokenHash, entry);
  return entry.expiresAt > now.getTime() ? { id: entry.userId, role: entry.role } : null;
}
