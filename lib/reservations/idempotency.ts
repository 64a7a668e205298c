// What an Idempotency-Key remembers of a booking request (API.md: the same key and body
// answer the first result; the same key with another body is 409 CONFLICT). A key is
// unique per owning user across every kind of booking request: a reservation keeps its
// key on its row, an extension on its payment, and a key used for one is refused for any
// other request. The rule that compares them is decide.ts's (keyedDecision).
import "server-only";

/** A request's Idempotency-Key and the canonical request it stands for. */
export type Idempotency = { key: string; fingerprint: string };

/** POST /api/reserve's request, canonical. */
export function reserveFingerprint(input: {
  slotId: number;
  durationHours: number;
  startTime?: Date;
  expectedTotalCents?: number;
  vehicleId?: number;
}): string {
  return JSON.stringify({
    slotId: input.slotId,
    durationHours: input.durationHours,
    startTime: input.startTime?.toISOString() ?? null,
    expectedTotalCents: input.expectedTotalCents ?? null,
    // Only when named, so keys stored before vehicles existed still match their replays.
    ...(input.vehicleId !== undefined && { vehicleId: input.vehicleId }),
  });
}

/** POST /api/reservations/{id}/extend's request, canonical (never equal to a reserve's). */
export function extendFingerprint(input: {
  reservationId: number;
  hours: number;
  expectedTotalCents?: number;
}): string {
  return JSON.stringify({
    extend: input.reservationId,
    hours: input.hours,
    expectedTotalCents: input.expectedTotalCents ?? null,
  });
}

/** The request's Idempotency-Key and fingerprint, or null without a key. */
export function keyed(key: string | undefined, fingerprint: () => string): Idempotency | null {
  return key === undefined ? null : { key, fingerprint: fingerprint() };
}
