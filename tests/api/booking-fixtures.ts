// Shared set-up for the booking API tests: slots of their own (created through the staff
// API), times safely ahead, and cleanup that cancels every upcoming reservation a test file
// made, so later files see the seed's slots as they were.
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import type { Client } from "./client";
import { DAY_MS, HOUR_MS, staff } from "./fixtures";
import { expectOk, Slot } from "./schemas";
import { z } from "zod";

/**
 * The UTC hour a test file counts its times from: one for every call, so that two calls a
 * test makes on either side of an hour's end still name windows an hour apart.
 */
const BASE_HOUR_MS = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;

/** The whole UTC hour `days` days (3 or more in use) and `extraHours` after the file's hour. */
export function hoursAhead(days: number, extraHours = 0): string {
  return new Date(BASE_HOUR_MS + days * DAY_MS + extraHours * HOUR_MS).toISOString();
}

const tag = randomBytes(2).toString("hex");
let counter = 0;

export const SlotBody = z.object({ slot: Slot });

/** A new in-service slot of its own, created by staff. */
export async function newSlot(
  overrides: Partial<{ type: string; pricePerHourCents: number; zone: string }> = {},
): Promise<Slot> {
  counter += 1;
  const admin = await staff();
  const response = await admin.post("/api/slots", {
    slotNumber: `T-${tag}-${counter}`,
    floor: 7,
    zone: overrides.zone ?? "T",
    type: overrides.type ?? "regular",
    pricePerHourCents: overrides.pricePerHourCents ?? 500,
  });
  return expectOk(response, 201, SlotBody).slot;
}

const made = new Set<number>();

/** Remembers a reservation so afterAll cancels it if it is still upcoming. */
export function track(reservationId: number): number {
  made.add(reservationId);
  return reservationId;
}

afterAll(async () => {
  const admin = await staff();
  for (const id of made) await admin.post(`/api/reservations/${id}/cancel`);
});

export function reserveAt(
  client: Client,
  /** Loosely typed on purpose: the bad-input tests send wrong types. */
  body: { slotId: number; durationHours: number } & Record<string, unknown>,
  idempotencyKey?: string,
) {
  return client.post(
    "/api/reserve",
    body,
    idempotencyKey === undefined ? {} : { headers: { "idempotency-key": idempotencyKey } },
  );
}
