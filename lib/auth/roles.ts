// What a role may do in general, for server and browser alike (no database): the
// location-scoped checks are in lib/auth/access.ts.
import type { Role } from "@/lib/dto";

/** Staff or admin: may use staff routes and pages (admin may do all staff may, everywhere). */
export function isStaffRole(role: Role | null | undefined): boolean {
  return role === "staff" || role === "admin";
}

/** Whether staff powers reach a location: an admin's everywhere, a staff user's where assigned. */
export function worksAt(
  user: { role: Role; locationIds: readonly number[] },
  locationId: number,
): boolean {
  return user.role === "admin" || (user.role === "staff" && user.locationIds.includes(locationId));
}
