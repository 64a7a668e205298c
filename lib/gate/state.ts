// What a gate decision needs, read inside the gate transaction (lib/gate/service.ts) after
// the event's row is in and the expiry sweep has run: who is at the gate, their running
// stay and due booking at this location, and the free slots a drive-up could take.
import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import {
  DRIVE_UP_HORIZON_MS,
  EARLY_ARRIVAL_MS,
  type DriveUpSlot,
  type GateDirection,
  type GateIdentity,
  type GateState,
} from "@/lib/gate/decide";

/** How the car showed itself: its plate (normalized), or a verified pass's reservation. */
export type GateCredential = { plate: string } | { passReservationId: number | null };

/** At most this many drive-up candidates are read: the cheapest. */
const DRIVE_UP_CANDIDATES = 200;

async function readIdentity(
  tx: Tx,
  locationId: number,
  credential: GateCredential,
): Promise<GateIdentity | null> {
  if ("plate" in credential) {
    const vehicle = await tx.vehicle.findUnique({
      where: { plate: credential.plate },
      include: { user: { select: { walletBalanceCents: true, outstandingCents: true } } },
    });
    if (!vehicle) return null;
    return {
      ownerId: vehicle.userId,
      vehicleId: vehicle.id,
      vehicleLockVersion: vehicle.lockVersion,
      plate: vehicle.plate,
      passReservationId: null,
      walletBalanceCents: vehicle.user.walletBalanceCents,
      outstandingCents: vehicle.user.outstandingCents,
    };
  }
  if (credential.passReservationId === null) return null;
  const reservation = await tx.reservation.findUnique({
    where: { id: credential.passReservationId },
    include: {
      slot: { select: { locationId: true } },
      vehicle: { select: { plate: true, lockVersion: true } },
      user: { select: { walletBalanceCents: true, outstandingCents: true } },
    },
  });
  // A pass for another garage opens nothing here.
  if (!reservation || reservation.slot.locationId !== locationId) return null;
  return {
    ownerId: reservation.userId,
    vehicleId: reservation.vehicleId,
    vehicleLockVersion: reservation.vehicle?.lockVersion ?? null,
    plate: reservation.vehicle?.plate ?? null,
    passReservationId: reservation.id,
    walletBalanceCents: reservation.user.walletBalanceCents,
    outstandingCents: reservation.user.outstandingCents,
  };
}

/**
 * The reservations at this location that are this car's: its pass's, else the vehicle's,
 * or its owner's that name no vehicle.
 */
function carsReservations(identity: GateIdentity, locationId: number) {
  const mine: Prisma.ReservationWhereInput =
    identity.passReservationId !== null
      ? { id: identity.passReservationId }
      : {
          OR: [
            ...(identity.vehicleId !== null ? [{ vehicleId: identity.vehicleId }] : []),
            { vehicleId: null, userId: identity.ownerId },
          ],
        };
  return { AND: [mine, { slot: { locationId } }] } satisfies Prisma.ReservationWhereInput;
}

export async function readGateState(
  tx: Tx,
  locationId: number,
  credential: GateCredential,
  direction: GateDirection,
  at: Date,
): Promise<GateState> {
  const identity = await readIdentity(tx, locationId, credential);
  const base = { credential: "plate" in credential ? ("plate" as const) : ("pass" as const) };
  if (!identity) return { ...base, identity, running: null, due: null, driveUpSlots: [] };
  const where = carsReservations(identity, locationId);
  const runningRow = await tx.reservation.findFirst({
    where: { ...where, checkedInAt: { not: null }, checkedOutAt: null },
    include: { slot: { select: { pricePerHourCents: true } } },
    orderBy: { checkedInAt: "desc" },
  });
  const running = runningRow && {
    id: runningRow.id,
    slotId: runningRow.slotId,
    kind: runningRow.kind,
    status: runningRow.status,
    startTime: runningRow.startTime,
    endTime: runningRow.endTime,
    pricePerHourCents: runningRow.slot.pricePerHourCents,
  };
  if (direction === "out" || running)
    return { ...base, identity, running, due: null, driveUpSlots: [] };

  const dueRow = await tx.reservation.findFirst({
    where: {
      ...where,
      checkedInAt: null,
      OR: [
        { status: "active" },
        { status: "upcoming", startTime: { lte: new Date(at.getTime() + EARLY_ARRIVAL_MS) } },
      ],
    },
    include: { slot: { select: { isAvailable: true, outOfService: true } } },
    orderBy: [{ startTime: "asc" }, { id: "asc" }],
  });
  const due =
    dueRow && (dueRow.status === "active" || dueRow.status === "upcoming")
      ? {
          id: dueRow.id,
          slotId: dueRow.slotId,
          status: dueRow.status,
          startTime: dueRow.startTime,
          slotFree: dueRow.slot.isAvailable && !dueRow.slot.outOfService,
        }
      : null;
  if (due || identity.passReservationId !== null) {
    return { ...base, identity, running, due, driveUpSlots: [] };
  }
  return {
    ...base,
    identity,
    running,
    due,
    driveUpSlots: await readDriveUpSlots(tx, locationId, at),
  };
}

/** Free regular slots in service, cheapest first, each with its next booking if soon. */
async function readDriveUpSlots(tx: Tx, locationId: number, at: Date): Promise<DriveUpSlot[]> {
  const slots = await tx.parkingSlot.findMany({
    where: { locationId, slotType: "regular", isAvailable: true, outOfService: false },
    orderBy: [
      { pricePerHourCents: "asc" },
      { floorNumber: "asc" },
      { slotNumber: "asc" },
      { id: "asc" },
    ],
    select: { id: true, pricePerHourCents: true },
    take: DRIVE_UP_CANDIDATES,
  });
  if (slots.length === 0) return [];
  const bookings = await tx.reservation.findMany({
    where: {
      slotId: { in: slots.map((slot) => slot.id) },
      status: "upcoming",
      startTime: { lt: new Date(at.getTime() + DRIVE_UP_HORIZON_MS) },
    },
    select: { slotId: true, startTime: true },
  });
  const next = new Map<number, Date>();
  for (const booking of bookings) {
    const known = next.get(booking.slotId);
    if (!known || booking.startTime < known) next.set(booking.slotId, booking.startTime);
  }
  return (
    slots
      .map((slot) => ({ ...slot, nextBookingStart: next.get(slot.id) ?? null }))
      // A booking due before the car would even park leaves no room.
      .filter((slot) => slot.nextBookingStart === null || slot.nextBookingStart > at)
  );
}
