// What a role may do in general, for server and browser alike (no database): the
// location-scoped checks are in lib/auth/access.ts.
import type { Role } from "@/lib/dto";

/** Staff or admin: may use staff routes and pages (admin may do all staff may, everywhere). */
export function isStaffRole(role: Role | null | undefined): boolean {
  return role === "staff" || role === "admin";
}
