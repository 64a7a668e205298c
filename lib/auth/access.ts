// Who may do what where: the one place for role and location checks.
// - driver: their own things only (routes decide what "own" is);
// - staff: staff routes; location-scoped ones only at the locations they are assigned to
//   (403 elsewhere); network-wide staff routes (users, top-ups for anyone) everywhere;
// - admin: everything staff may, at every location, and managing the network.
// An unknown location is 404 before any 403, so a refusal never tells more than "no such
// location" would.
import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { isStaffRole, worksAt } from "@/lib/auth/roles";
import {
  assignedLocationIds,
  hasSlotsOutside,
  locationExists,
  slotLocationId,
} from "@/lib/locations/queries";

export function requireStaff(actor: Actor): void {
  if (!isStaffRole(actor.role)) throw new AppError("FORBIDDEN", "This needs a staff account.");
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "This needs an admin account.");
}

/** The locations an actor's staff powers reach: every one, or a list. */
export async function staffScope(actor: Actor): Promise<"all" | number[]> {
  requireStaff(actor);
  if (actor.role === "admin") return "all";
  return assignedLocationIds(actor.id);
}

/** 404 for a location that does not exist. */
export async function requireLocation(locationId: number): Promise<void> {
  if (!(await locationExists(locationId))) {
    throw new AppError("NOT_FOUND", `Location ${locationId} does not exist.`);
  }
}

/**
 * Who may act on a reservation (cancel, end): its owner, and staff working at its slot's
 * location. Someone else's is 404 to a driver (as if it did not exist) and 403 to staff
 * working elsewhere.
 */
export async function requireReservationAccess(
  actor: Actor,
  reservation: { id: number; userId: number; locationId: number },
): Promise<void> {
  if (reservation.userId === actor.id) return;
  if (!isStaffRole(actor.role)) {
    throw new AppError("NOT_FOUND", `Reservation ${reservation.id} does not exist.`);
  }
  const scope = await staffScope(actor);
  if (scope !== "all" && !scope.includes(reservation.locationId)) {
    throw new AppError("FORBIDDEN", "This reservation is at a location you do not work at.");
  }
}

/** Staff powers at this location: 404 unknown, 403 not assigned there. */
export async function requireStaffAt(actor: Actor, locationId: number): Promise<void> {
  requireStaff(actor);
  await requireLocation(locationId);
  const scope = await staffScope(actor);
  // The browser offers a location's staff actions by the same rule (worksAt).
  if (!worksAt({ role: actor.role, locationIds: scope === "all" ? [] : scope }, locationId)) {
    throw new AppError("FORBIDDEN", "You do not work at this location.");
  }
}

/**
 * Staff powers over the whole network at once (unscoped analytics): admin, or staff
 * assigned to every location that has slots; other staff get 403 telling them to name a
 * location.
 */
export async function requireStaffEverywhere(actor: Actor): Promise<void> {
  const scope = await staffScope(actor);
  if (scope !== "all" && (await hasSlotsOutside(scope))) {
    throw new AppError(
      "FORBIDDEN",
      "You do not work at every location: pass locationId for one you work at.",
    );
  }
}

/**
 * Acting for another user on a slot (staff booking for a driver): staff powers at the
 * slot's location. An unknown slot passes here; the booking answers its 404.
 */
export async function requireStaffAtSlot(actor: Actor, slotId: number): Promise<void> {
  const locationId = await slotLocationId(slotId);
  if (locationId !== null) await requireStaffAt(actor, locationId);
}
