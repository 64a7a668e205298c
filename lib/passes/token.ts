// QR passes: `rp_<reservationId>.<HMAC-SHA256 of it, base64url>`. The signing key is a random
// 256-bit secret kept in the database (app_secrets), created by whichever app server needs it
// first, so every server signs and verifies alike. A pass names its reservation and nothing
// else: what the gate does with it is decided by the reservation's state at that moment.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";

const SECRET_NAME = "pass_signing_key";
const TOKEN_PATTERN = /^rp_([1-9][0-9]{0,9})\.([A-Za-z0-9_-]{43})$/;

let cachedKey: Promise<Buffer> | undefined;

async function loadSigningKey(): Promise<Buffer> {
  const candidate = randomBytes(32).toString("base64url");
  // The first writer wins; everyone then reads the same row.
  await db.$executeRaw`INSERT INTO app_secrets (name, value) VALUES (${SECRET_NAME}, ${candidate}) ON CONFLICT (name) DO NOTHING`;
  const row = await db.appSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
  return Buffer.from(row.value, "base64url");
}

function signingKey(): Promise<Buffer> {
  cachedKey ??= loadSigningKey().catch((error: unknown) => {
    cachedKey = undefined;
    throw error;
  });
  return cachedKey;
}

/**
 * Creates the signing key if this database has none yet; the server entry calls it at start,
 * so serving a pass (a GET) never writes.
 */
export async function ensurePassSigningKey(): Promise<void> {
  await signingKey();
}

function mac(key: Buffer, reservationId: number): Buffer {
  return createHmac("sha256", key).update(`rp_${reservationId}`).digest();
}

/** The pass token for a reservation (the caller checks who may see it). */
export async function signPass(reservationId: number): Promise<string> {
  const key = await signingKey();
  return `rp_${reservationId}.${mac(key, reservationId).toString("base64url")}`;
}

/** The reservation a pass names, or null for anything not signed by this app. */
export async function verifyPass(token: string): Promise<number | null> {
  const match = TOKEN_PATTERN.exec(token);
  const [, id, signature] = match ?? [];
  if (id === undefined || signature === undefined) return null;
  const reservationId = Number(id);
  const given = Buffer.from(signature, "base64url");
  const expected = mac(await signingKey(), reservationId);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? reservationId
    : null;
}
