// The session cookie: an httpOnly, SameSite=Lax cookie for the whole site carrying the
// session's token (lib/auth/session-store.ts keeps the session). getCurrentActor is the
// one way to read who asks, for route handlers and server components alike.
import { cookies, headers } from "next/headers";
import { connection } from "next/server";
import { cookieSecure, requestProtocol } from "@/lib/request-origin";
import { SESSION_TTL_MS, findSessionActor } from "@/lib/auth/session-store";
import type { Actor } from "@/lib/auth/actor";

export const SESSION_COOKIE_NAME = "parking_session";

/** Who is asking (id and role), or null for anonymous callers and ended sessions. */
export async function getCurrentActor(): Promise<Actor | null> {
  // Request time, stated: whether a session has expired is a question about now, and a
  // clock read during prerendering is refused by Next (cacheComponents).
  await connection();
  const token = await sessionToken();
  return token ? findSessionActor(token, new Date()) : null;
}

/** The token the request's cookie carries (not checked: getCurrentActor checks it). */
export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE_NAME)?.value || undefined;
}

async function writeCookie(value: string, lifetime: { expires: Date; maxAge: number }) {
  (await cookies()).set(SESSION_COOKIE_NAME, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: cookieSecure(requestProtocol(await headers()) === "https"),
    path: "/",
    ...lifetime,
  });
}

/** Sends a new session's token, to expire with the session. */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  await writeCookie(token, { expires: expiresAt, maxAge: SESSION_TTL_MS / 1000 });
}

/** Tells the browser to forget its session cookie. */
export async function clearSessionCookie(): Promise<void> {
  await writeCookie("", { expires: new Date(0), maxAge: 0 });
}
