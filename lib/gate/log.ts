// The gate log of a location (every device event and its answer, and staff opening the
// gate by hand), for staff working there; and the manual open itself, recorded like any
// event with who opened and why.
import "server-only";
import type { GateEventDto } from "@/lib/api-schemas/gate";
import { db, transaction } from "@/lib/db/client";
import type { GateEvent } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/actor";
import { requireStaffAt } from "@/lib/auth/access";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { GateEventsQuery, GateLogFilter, ManualOpenInput } from "@/lib/validation/gate";
import { pageAndTotal } from "@/lib/db/pages";

/** The reason of every manual open; staff's own words are its note. */
export const MANUAL_OPEN_REASON = "manual";

export function toGateEventDto(event: GateEvent): GateEventDto {
  return {
    id: event.id,
    locationId: event.locationId,
    direction: event.direction,
    plate: event.plate,
    reservationId: event.reservationId,
    at: event.at.toISOString(),
    decision: event.decision,
    reason: event.reason,
    manual: event.staffUserId !== null,
    staffUserId: event.staffUserId,
    note: event.note,
    createdAt: event.createdAt.toISOString(),
  };
}

/** Which events a filter keeps: a denial is a refused event, a manual open one staff made. */
function filterWhere(show: GateLogFilter): Prisma.GateEventWhereInput {
  if (show === "denials") return { decision: "deny" };
  if (show === "manual") return { staffUserId: { not: null } };
  return {};
}

/** One page of a location's gate log, newest first (staff working there, admins). */
export async function listGateEvents(
  actor: Actor,
  query: GateEventsQuery,
): Promise<{ events: GateEventDto[]; total: number }> {
  await requireStaffAt(actor, query.locationId);
  const where = { locationId: query.locationId, ...filterWhere(query.show) };
  const { rows: events, total } = await pageAndTotal(
    query,
    () =>
      db.gateEvent.findMany({
        where,
        orderBy: { id: "desc" },
        take: query.limit,
        skip: query.offset,
      }),
    () => db.gateEvent.count({ where }),
  );
  return { events: events.map(toGateEventDto), total };
}

/** Staff open a location's gate by hand: an `open` event with who and why, no key. */
export async function manualOpen(
  actor: Actor,
  input: ManualOpenInput,
  now: Date = new Date(),
): Promise<GateEventDto> {
  await requireStaffAt(actor, input.locationId);
  const response = { decision: "open" as const, reason: MANUAL_OPEN_REASON };
  const event = await transaction((tx) =>
    tx.gateEvent.create({
      data: {
        locationId: input.locationId,
        direction: input.direction,
        plate: input.plate ?? null,
        at: now,
        decision: response.decision,
        reason: response.reason,
        response: JSON.stringify(response),
        staffUserId: actor.id,
        note: input.reason,
        createdAt: now,
      },
    }),
  );
  return toGateEventDto(event);
}
