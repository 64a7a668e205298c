import { db } from "@/lib/db/client";
import { resolveTargetUserId, type Actor } from "@/lib/auth/actor";
import { toReservationDto, type ReservationDto, type ReservationStatus } from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";

export type ReservationListFilter = {
  status: ReservationStatus | "all";
  /** Staff: anyone's or everyone's (undefined). Drivers: only their own. */
  userId?: number;
  limit: number;
  offset: number;
};

/** Reservations newest first. Drivers see their own; staff everyone's or one user's. */
export async function listReservations(
  actor: Actor,
  filter: ReservationListFilter,
): Promise<{ reservations: ReservationDto[]; total: number }> {
  const userId = actor.role === "staff" ? filter.userId : resolveTargetUserId(actor, filter.userId);
  await sweepExpiredReservations();
  const where = {
    ...(userId !== undefined && { userId }),
    ...(filter.status !== "all" && { status: filter.status }),
  };
  const [rows, total] = await Promise.all([
    db.reservation.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: filter.limit,
      skip: filter.offset,
      include: { slot: { select: { slotNumber: true } } },
    }),
    db.reservation.count({ where }),
  ]);
  return { reservations: rows.map(toReservationDto), total };
}
