// Sessions: an encrypted, signed, httpOnly cookie (iron-session) holding the user id.
// The user is re-read on every request, so a role change or deletion applies at once.
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { env } from "@/lib/env";
import { findUserById } from "@/lib/users/queries";
import type { UserDto } from "@/lib/dto";

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

/** The signed-in user, or null for anonymous callers and stale sessions. */
export async function getCurrentUser(): Promise<UserDto | null> {
  const session = await readSession();
  if (typeof session.userId !== "number") return null;
  return findUserById(session.userId);
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
