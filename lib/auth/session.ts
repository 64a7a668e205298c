// Sessions: an encrypted, signed, httpOnly cookie (iron-session) holding the user id.
// Who the id is stays current: a role change or deletion applies at once (see
// getCurrentActor for the one cache and why it cannot go stale).
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { getIronSession, unsealData, type SessionOptions } from "iron-session";
import { env } from "@/lib/env";
import { findUserById } from "@/lib/users/queries";
import { externalVersionNow } from "@/lib/db/changes";
import type { Actor } from "@/lib/auth/actor";
import type { Role, UserDto } from "@/lib/dto";

export const SESSION_COOKIE_NAME = "parking_session";
const SESSION_TTL_SECONDS = 7 * 24 * 3600;

type SessionData = { userId?: number };

const globalForSession = globalThis as unknown as { devSessionSecret?: string };

function sessionSecret(): string {
  const { SESSION_SECRET, NODE_ENV } = env();
  if (SESSION_SECRET) return SESSION_SECRET;
  if (NODE_ENV === "production") {
    throw new Error("SESSION_SECRET must be set in production (32+ characters).");
  }
  // Development only: sessions last as long as the process.
  globalForSession.devSessionSecret ??= randomBytes(32).toString("hex");
  return globalForSession.devSessionSecret;
}

/** Secure when configured so, else when this request arrived over HTTPS. */
async function cookieSecure(): Promise<boolean> {
  const configured = env().COOKIE_SECURE;
  if (configured !== undefined) return configured;
  const forwardedProto = (await headers()).get("x-forwarded-proto") ?? "";
  return forwardedProto.split(",")[0]?.trim().toLowerCase() === "https";
}

async function sessionOptions(): Promise<SessionOptions> {
  return {
    password: sessionSecret(),
    cookieName: SESSION_COOKIE_NAME,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      secure: await cookieSecure(),
      path: "/",
    },
  };
}

async function readSession() {
  const cookieStore = await cookies();
  const options = await sessionOptions();
  try {
    return await getIronSession<SessionData>(cookieStore, options);
  } catch {
    // iron-session answers {} for some bad seals but throws for others ("Invalid
    // expiration", "Wrong mac prefix", ...). A cookie that cannot be opened is no
    // session: read it as absent, while save() and destroy() still write the real cookie.
    return getIronSession<SessionData>(
      { get: () => undefined, set: cookieStore.set.bind(cookieStore) },
      options,
    );
  }
}

/** Remembered entries of a cache, bounded: the oldest goes first. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V, max = 10_000): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > max) cache.delete(cache.keys().next().value as K);
}

// Unsealing a cookie derives two keys with PBKDF2 (about a millisecond of CPU per request),
// and a client sends the same cookie again and again: the result is remembered until the
// seal's own expiry (its 6th field, covered by its HMAC), never more than a minute.
const unsealedCookies = new Map<string, { userId: number; expiresAt: number }>();
const UNSEALED_FOR_MS = 60_000;

/** The user id of this request's session cookie, if it holds a valid one. */
async function sessionUserId(): Promise<number | undefined> {
  const sealed = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  if (!sealed) return undefined;
  const now = Date.now();
  const known = unsealedCookies.get(sealed);
  if (known && known.expiresAt > now) return known.userId;
  let data: SessionData;
  try {
    data = await unsealData<SessionData>(sealed, {
      password: sessionSecret(),
      ttl: SESSION_TTL_SECONDS,
    });
  } catch {
    return undefined;
  }
  if (typeof data.userId !== "number") return undefined;
  const sealExpiry = Number(sealed.split("~")[0]!.split("*")[5]);
  const expiresAt = Math.min(now + UNSEALED_FOR_MS, sealExpiry || now);
  remember(unsealedCookies, sealed, { userId: data.userId, expiresAt });
  return data.userId;
}

/** The signed-in user, or null for anonymous callers and stale sessions. */
export async function getCurrentUser(): Promise<UserDto | null> {
  const userId = await sessionUserId();
  return userId === undefined ? null : findUserById(userId);
}

// Who an id is (exists, role) for API access checks, without a query per request. The app
// never changes a role or deletes a user; only another connection can (Prisma Studio, a
// script). So an entry is valid while no other connection has committed: on SQLite the
// external version (PRAGMA data_version) tells that exactly and for free. Where it is not
// free (PostgreSQL: another server may commit any time) nothing is cached.
const actorsById = new Map<number, { role: Role; version: number }>();

/** Who is asking (id and role), or null for anonymous callers and stale sessions. */
export async function getCurrentActor(): Promise<Actor | null> {
  const userId = await sessionUserId();
  if (userId === undefined) return null;
  const version = externalVersionNow();
  const known = actorsById.get(userId);
  if (known && version !== null && known.version === version) {
    return { id: userId, role: known.role };
  }
  const user = await findUserById(userId);
  if (!user) return null;
  if (version !== null) remember(actorsById, userId, { role: user.role, version });
  return { id: user.id, role: user.role };
}

export async function startSession(userId: number): Promise<void> {
  const session = await readSession();
  session.userId = userId;
  await session.save();
}

export async function endSession(): Promise<void> {
  const session = await readSession();
  session.destroy();
}
