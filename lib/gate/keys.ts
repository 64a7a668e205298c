// Gate keys: a device's bearer credential for one location. Created by an admin and shown
// once (`gk_` + 32 random bytes, base64url), stored only as its SHA-256 (a copy of the table
// opens no gate) with a short prefix to recognise it in lists; revoking keeps the row for
// the history of the events it sent.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { CreatedGateKeyDto, GateKeyDto } from "@/lib/api-schemas/gate";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { GateKey } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin, requireLocation } from "@/lib/auth/access";
import type { CreateGateKeyInput } from "@/lib/validation/gate";

const KEY_PREFIX = "gk_";
/** How much of a key the lists show: the marker and a few characters of the secret. */
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
/** The longest header value worth hashing: a key is 46 characters. */
const MAX_KEY_LENGTH = 128;

function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function toGateKeyDto(key: GateKey): GateKeyDto {
  return {
    id: key.id,
    label: key.label,
    locationId: key.locationId,
    keyPrefix: key.keyPrefix,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** A new key for a location's gate (admin); the answer is the only time the key is shown. */
export async function createGateKey(
  actor: Actor,
  input: CreateGateKeyInput,
  now: Date = new Date(),
): Promise<CreatedGateKeyDto> {
  requireAdmin(actor);
  await requireLocation(input.locationId);
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await transaction((tx) =>
    tx.gateKey.create({
      data: {
        locationId: input.locationId,
        label: input.label,
        keyHash: hashKey(key),
        keyPrefix: key.slice(0, SHOWN_PREFIX_LENGTH),
        createdById: actor.id,
        createdAt: now,
      },
    }),
  );
  return { id: row.id, key, label: row.label, locationId: row.locationId };
}

/** Keys, newest first, of one location or all (admin); revoked ones included. */
export async function listGateKeys(actor: Actor, locationId?: number): Promise<GateKeyDto[]> {
  requireAdmin(actor);
  if (locationId !== undefined) await requireLocation(locationId);
  const keys = await db.gateKey.findMany({
    where: locationId === undefined ? {} : { locationId },
    orderBy: { id: "desc" },
  });
  return keys.map(toGateKeyDto);
}

/** Revokes a key (admin): idempotent, the first revocation's time stays; unknown → 404. */
export async function revokeGateKey(actor: Actor, id: number, now: Date = new Date()) {
  requireAdmin(actor);
  await transaction(async (tx) => {
    const revoked = await tx.gateKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count === 1) return;
    if (!(await tx.gateKey.findUnique({ where: { id }, select: { id: true } }))) {
      throw new AppError("NOT_FOUND", `Gate key ${id} does not exist.`);
    }
  });
}

/** The gate a request speaks for. */
export type GateKeyIdentity = { keyId: number; locationId: number };

/**
 * The key of an `Authorization: Bearer gk_…` header, checked before the request's body is
 * read: missing, malformed, unknown and revoked keys are all 401 INVALID_GATE_KEY.
 */
export async function authenticateGateKey(authorization: string | null): Promise<GateKeyIdentity> {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? "");
  const key = match?.[1];
  if (key && key.startsWith(KEY_PREFIX) && key.length <= MAX_KEY_LENGTH) {
    const row = await db.gateKey.findUnique({ where: { keyHash: hashKey(key) } });
    if (row && row.revokedAt === null) return { keyId: row.id, locationId: row.locationId };
  }
  throw new AppError(
    "INVALID_GATE_KEY",
    "Send a valid gate key as `Authorization: Bearer gk_…`; this one is missing, unknown or revoked.",
  );
}
