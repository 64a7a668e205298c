// A gate device's event (POST /api/gate/events), in one transaction: the gate_events row
// goes in FIRST, so the unique (gate key, eventId) index decides retries and races (the
// loser reads the stored row: the same request gets its stored answer, a different one 409
// CONFLICT); then the sweep brings reservations up to date, the car's vehicle is locked,
// the state read, decided (lib/gate/decide.ts), written (lib/gate/write.ts), and the
// answer stored on the row. A refused request (400) writes nothing.
import "server-only";
import { transaction } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { verifyPass } from "@/lib/passes/token";
import { advanceReservations } from "@/lib/reservations/expiry";
import { decideGate, type GateDirection } from "@/lib/gate/decide";
import type { GateKeyIdentity } from "@/lib/gate/keys";
import { readGateState, type GateCredential } from "@/lib/gate/state";
import { lockVehicle, StaleGateState, writeGateOutcome } from "@/lib/gate/write";
import { HOUR_MS } from "@/lib/time";

/** How far `at` may lie from the server's clock, either way. */
export const GATE_CLOCK_WINDOW_MS = 24 * HOUR_MS;
/** Decisions overtaken by another writer are decided again this many times. */
const MAX_ATTEMPTS = 8;

export type GateEventRequest = {
  eventId: string;
  direction: GateDirection;
  plate?: string | undefined;
  pass?: string | undefined;
  at?: Date | undefined;
};

export type GateAnswer = {
  decision: "open" | "deny";
  reason: string;
  reservationId?: number;
};

/** The request as first received, to tell a retry from a different request. */
function fingerprintOf(request: GateEventRequest): string {
  return JSON.stringify({
    direction: request.direction,
    plate: request.plate ?? null,
    pass: request.pass ?? null,
    at: request.at?.toISOString() ?? null,
  });
}

export async function recordGateEvent(
  gate: GateKeyIdentity,
  request: GateEventRequest,
  now: Date = new Date(),
): Promise<GateAnswer> {
  const at = request.at ?? now;
  if (Math.abs(at.getTime() - now.getTime()) > GATE_CLOCK_WINDOW_MS) {
    throw new AppError("VALIDATION_ERROR", "The request is not valid.", [
      { path: "at", message: "must lie within 24 hours of the server's clock" },
    ]);
  }
  const fingerprint = fingerprintOf(request);
  const credential: GateCredential =
    request.plate !== undefined
      ? { plate: request.plate }
      : { passReservationId: await verifyPass(request.pass ?? "") };

  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction(async (tx) => {
        const row = await tx.gateEvent.create({
          data: {
            locationId: gate.locationId,
            gateKeyId: gate.keyId,
            eventId: request.eventId,
            requestFingerprint: fingerprint,
            direction: request.direction,
            plate: request.plate ?? null,
            at,
            // Replaced below, in the same transaction: nobody sees these.
            decision: "deny",
            reason: "pending",
            response: "{}",
            createdAt: now,
          },
        });
        await advanceReservations(tx, now);
        const state = await readGateState(tx, gate.locationId, credential, request.direction, at);
        const { identity } = state;
        if (identity?.vehicleId != null && identity.vehicleLockVersion !== null) {
          await lockVehicle(tx, identity.vehicleId, identity.vehicleLockVersion);
        }
        const outcome = decideGate(state, request.direction, at);
        const reservationId = await writeGateOutcome(tx, identity, outcome, at, now);
        const answer: GateAnswer = {
          decision: outcome.decision,
          reason: outcome.reason,
          ...(reservationId !== null && { reservationId }),
        };
        await tx.gateEvent.update({
          where: { id: row.id },
          data: {
            decision: answer.decision,
            reason: answer.reason,
            reservationId,
            plate: request.plate ?? identity?.plate ?? null,
            response: JSON.stringify(answer),
          },
        });
        return answer;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return storedAnswer(gate.keyId, request.eventId, fingerprint);
      if (error instanceof StaleGateState && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof StaleGateState) {
        throw new AppError("SERVICE_BUSY", "The gate is busy with this car; send the event again.");
      }
      throw error;
    }
  }
}

/** The answer first given to this key's eventId, if the request is the same. */
async function storedAnswer(
  keyId: number,
  eventId: string,
  fingerprint: string,
): Promise<GateAnswer> {
  const stored = await db.gateEvent.findUnique({
    where: { gateKeyId_eventId: { gateKeyId: keyId, eventId } },
  });
  if (!stored) throw new AppError("SERVICE_BUSY", "The gate is busy; send the event again.");
  if (stored.requestFingerprint !== fingerprint) {
    throw new AppError(
      "CONFLICT",
      `Event ${eventId} was sent before with a different body; use a new eventId.`,
    );
  }
  return JSON.parse(stored.response) as GateAnswer;
}
