// The session store (lib/auth/session-store.ts) on a real SQLite file: a session is found
// until it expires or ends, a change made by another connection applies on the next read
// (the remembered answer is exact), and expired rows are swept as sessions are created.
import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { env } from "@/lib/env";
import {
  SESSION_TTL_MS,
  createSession,
  endSession,
  endSessionsOf,
  findSessionActor,
  writeSessions,
} from "@/lib/auth/session-store";
import { createDriver } from "../builders";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Another connection to this file's database, as a script or a second app process.
const other = new Database(databaseFilePath(env().DATABASE_URL));
other.pragma("busy_timeout = 10000");
afterAll(() => other.close());

async function newSession(userId: number, now = new Date()) {
  return writeSessions((tx) => createSession(tx, userId, now));
}

describe("session store", () => {
  it("finds a session's user until its expiry, and stores only the token's hash", async () => {
    const driver = await createDriver();
    const now = new Date();
    const { token, expiresAt } = await newSession(driver.id, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime()).toBe(now.getTime() + SESSION_TTL_MS);
    const row = await db.session.findFirstOrThrow({ where: { userId: driver.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(await findSessionActor(token, now)).toEqual({ id: driver.id, role: "driver" });
    // Remembered or not, the expiry holds to the millisecond.
    expect(await findSessionActor(token, new Date(expiresAt.getTime() - 1))).not.toBeNull();
    expect(await findSessionActor(token, expiresAt)).toBeNull();
    expect(await findSessionActor(sha256(token), now)).toBeNull();
  });

  it.each([
    ["empty", ""],
    ["too short", "abc"],
    ["not base64url", "!".repeat(43)],
    ["too long", "A".repeat(44)],
    ["well-formed, never issued", "A".repeat(43)],
  ])("finds no session for a token that is %s", async (_name, token) => {
    expect(await findSessionActor(token, new Date())).toBeNull();
  });

  it("ends a session on the next read, in this process", async () => {
    const driver = await createDriver();
    const { token } = await newSession(driver.id);
    expect(await findSessionActor(token, new Date())).not.toBeNull();
    await endSession(token);
    expect(await findSessionActor(token, new Date())).toBeNull();
  });

  it("ends all of a user's sessions, or all but one", async () => {
    const driver = await createDriver();
    const [a, b, c] = [
      await newSession(driver.id),
      await newSession(driver.id),
      await newSession(driver.id),
    ];
    expect(await writeSessions((tx) => endSessionsOf(tx, driver.id, a.token))).toBe(2);
    expect(await findSessionActor(a.token, new Date())).not.toBeNull();
    expect(await findSessionActor(b.token, new Date())).toBeNull();
    expect(await findSessionActor(c.token, new Date())).toBeNull();
    expect(await writeSessions((tx) => endSessionsOf(tx, driver.id))).toBe(1);
    expect(await findSessionActor(a.token, new Date())).toBeNull();
  });

  it("sees another connection's deletion, expiry and role change on the next read", async () => {
    const driver = await createDriver();
    const deleted = await newSession(driver.id);
    const expiring = await newSession(driver.id);
    const now = new Date();
    for (const { token } of [deleted, expiring]) {
      expect(await findSessionActor(token, now)).toEqual({ id: driver.id, role: "driver" });
    }
    other.prepare("UPDATE users SET role = 'staff' WHERE id = ?").run(driver.id);
    expect(await findSessionActor(deleted.token, now)).toEqual({ id: driver.id, role: "staff" });
    other.prepare("DELETE FROM sessions WHERE token_hash = ?").run(sha256(deleted.token));
    expect(await findSessionActor(deleted.token, now)).toBeNull();
    other
      .prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ?")
      .run("2020-01-01T00:00:00.000+00:00", sha256(expiring.token));
    expect(await findSessionActor(expiring.token, now)).toBeNull();
  });

  it("never keeps answering for a session that ended while it was being read", async () => {
    const driver = await createDriver();
    for (let i = 0; i < 20; i++) {
      const { token } = await newSession(driver.id);
      // The read and the end race; whichever wins, the next read knows it ended.
      await Promise.all([findSessionActor(token, new Date()), endSession(token)]);
      expect(await findSessionActor(token, new Date())).toBeNull();
    }
  });

  it("deletes expired sessions when it creates one, and ends a user's sessions with the user", async () => {
    const driver = await createDriver();
    const longAgo = new Date(Date.now() - 2 * SESSION_TTL_MS);
    const old = await newSession(driver.id, longAgo);
    const current = await newSession(driver.id);
    expect(await db.session.count({ where: { tokenHash: sha256(old.token) } })).toBe(0);
    expect(await db.session.count({ where: { tokenHash: sha256(current.token) } })).toBe(1);
    other.prepare("DELETE FROM users WHERE id = ?").run(driver.id);
    expect(await db.session.count({ where: { userId: driver.id } })).toBe(0);
    expect(await findSessionActor(current.token, new Date())).toBeNull();
  });
});
