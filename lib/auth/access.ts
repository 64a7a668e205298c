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
import type { Role } from "@/lib/dto";
import { assignedLocationIds, locationExists } from "@/lib/locations/queries";

/** Staff or admin: may use staff routes. */
export function isStaffRole(role: Role): boolean {
  return role === "staff" || role === "admin";
}

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

/** Staff powers at this location: 404 unknown, 403 not assigned there. */
export async function requireStaffAt(actor: Actor, locationId: number): Promise<void> {
  requireStaff(actor);
  await requireLocation(locationId);
  const scope = await staffScope(actor);
  if (scope !== "all" && !scope.includes(locationId)) {
    throw new AppError("FORBIDDEN", "You do not work at this location.");
  }
}
