import { db } from "@/lib/db/client";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { isStaffRole } from "@/lib/auth/roles";
import { requireLocation, requireStaffAt, staffScope } from "@/lib/auth/access";
import { toReservationDto, type ReservationDto, type ReservationStatus } from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { pageAndTotal } from "@/lib/db/pages";
import { perDataVersionKeyed } from "@/lib/db/version-cache";

export type ReservationListFilter = {
  status: ReservationStatus | "all";
  /** Staff: anyone's or everyone's (undefined). Drivers: only their own. */
  userId?: number;
  /** Only reservations of slots at this location. */
  locationId?: number;
  limit: number;
  offset: number;
};

/**
 * The slot locations a listing may show: staff see the locations they work at (admin:
 * all), or the one asked for (403 elsewhere); drivers their own reservations anywhere.
 */
async function listedLocations(
  actor: Actor,
  locationId: number | undefined,
): Promise<"all" | number[]> {
  if (!isStaffRole(actor.role)) {
    if (locationId !== undefined) await requireLocation(locationId);
    return locationId === undefined ? "all" : [locationId];
  }
  if (locationId !== undefined) {
    await requireStaffAt(actor, locationId);
    return [locationId];
  }
  return staffScope(actor);
}

/**
 * Reservations newest first. Drivers see their own; staff everyone's or one user's at the
 * locations they work at.
 */
export async function listReservations(
  actor: Actor,
  filter: ReservationListFilter,
): Promise<{ reservations: ReservationDto[]; total: number }> {
  const userId = isStaffRole(actor.role)
    ? filter.userId
    : resolveTargetUserId(actor, filter.userId);
  const locations = await listedLocations(actor, filter.locationId);
  await sweepExpiredReservations();
  const query: ReservationPageQuery = {
    userId,
    status: filter.status,
    locations,
    limit: filter.limit,
    offset: filter.offset,
  };
  return committedReservationPage(JSON.stringify(query));
}

type ReservationPageQuery = {
  userId: number | undefined;
  status: ReservationListFilter["status"];
  locations: "all" | number[];
  limit: number;
  offset: number;
};

/**
 * A page of reservations, read again only after a commit: a driver's dashboard shows the
 * reservations running now on every render (the ORM's query and count cost more there
 * than anything else the page reads from the database). Keyed by the query as JSON.
 */
const committedReservationPage = perDataVersionKeyed("reservation-pages", async (key: string) => {
  const query = JSON.parse(key) as ReservationPageQuery;
  const where = {
    ...(query.userId !== undefined && { userId: query.userId }),
    ...(query.status !== "all" && { status: query.status }),
    ...(query.locations !== "all" && { slot: { locationId: { in: query.locations } } }),
  };
  const { rows, total } = await pageAndTotal(
    query,
    () =>
      db.reservation.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: query.limit,
        skip: query.offset,
        include: { slot: { select: { slotNumber: true, locationId: true } } },
      }),
    () => db.reservation.count({ where }),
  );
  return { reservations: rows.map(toReservationDto), total };
});
