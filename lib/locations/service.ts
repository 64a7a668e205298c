// The network's locations: listing them with their slot counts, and the admin's changes
// (create, update, who works where). Every change is audited.
import "server-only";
import type { LocationDto } from "@/lib/api-schemas/locations";
import { db, transaction } from "@/lib/db/client";
import { perDataVersion } from "@/lib/db/version-cache";
import { AppError } from "@/lib/errors";
import type { Location } from "@/lib/generated/prisma/client.ts";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit/service";
import { locationSlotCounts } from "@/lib/slots/queries";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import type { CreateLocationInput, UpdateLocationInput } from "@/lib/validation/locations";

export type { LocationDto };

function toLocationDto(
  location: Location,
  counts: Map<number, { total: number; available: number }>,
): LocationDto {
  const share = counts.get(location.id) ?? { total: 0, available: 0 };
  return {
    id: location.id,
    slug: location.slug,
    name: location.name,
    address: location.address,
    timeZone: location.timeZone,
    requiresCheckIn: location.requiresCheckIn,
    totalSlots: share.total,
    available: share.available,
  };
}

/** The settings an audit entry records. */
function settingsOf(location: Location) {
  return {
    slug: location.slug,
    name: location.name,
    address: location.address,
    timeZone: location.timeZone,
    requiresCheckIn: location.requiresCheckIn,
  };
}

function notFound(id: number): AppError {
  return new AppError("NOT_FOUND", `Location ${id} does not exist.`);
}

/** Every location, by name (then id). */
const committedLocations = perDataVersion("locations", async () => {
  const [locations, counts] = await Promise.all([
    db.location.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] }),
    locationSlotCounts(),
  ]);
  return locations.map((location) => toLocationDto(location, counts));
});

/**
 * Every location with its slot counts, by name. Read again only when the database changed
 * (every page and the header ask), after the sweep has moved due reservations on, as
 * every read of the counts does; shared between callers, so never mutate it.
 */
export async function listLocations(): Promise<readonly LocationDto[]> {
  await sweepExpiredReservations();
  return committedLocations();
}

export async function getLocation(id: number): Promise<LocationDto> {
  const [location, counts] = await Promise.all([
    db.location.findUnique({ where: { id } }),
    locationSlotCounts(),
  ]);
  if (!location) throw notFound(id);
  return toLocationDto(location, counts);
}

export async function createLocation(
  actor: Actor,
  input: CreateLocationInput,
  now: Date = new Date(),
): Promise<LocationDto> {
  requireAdmin(actor);
  try {
    const location = await transaction(async (tx) => {
      const created = await tx.location.create({ data: { ...input, createdAt: now } });
      await recordAudit(
        tx,
        actor,
        {
          action: "location_create",
          target: { type: "location", id: created.id },
          before: null,
          after: settingsOf(created),
        },
        now,
      );
      return created;
    });
    return toLocationDto(location, await locationSlotCounts());
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `A location with slug "${input.slug}" already exists.`);
    }
    throw error;
  }
}

export async function updateLocation(
  actor: Actor,
  id: number,
  changes: UpdateLocationInput,
  now: Date = new Date(),
): Promise<LocationDto> {
  requireAdmin(actor);
  const location = await transaction(async (tx) => {
    const before = await tx.location.findUnique({ where: { id } });
    if (!before) throw notFound(id);
    const after = await tx.location.update({ where: { id }, data: changes });
    await recordAudit(
      tx,
      actor,
      {
        action: "location_update",
        target: { type: "location", id },
        before: settingsOf(before),
        after: settingsOf(after),
      },
      now,
    );
    return after;
  });
  return toLocationDto(location, await locationSlotCounts());
}

/**
 * Makes exactly these staff users the ones assigned to the location. Each must have the
 * role staff (400 naming the field otherwise): admins work everywhere without assignments.
 */
export async function setLocationStaff(
  actor: Actor,
  id: number,
  userIds: readonly number[],
  now: Date = new Date(),
): Promise<{ location: LocationDto; staffUserIds: number[] }> {
  requireAdmin(actor);
  const staffUserIds = [...userIds].sort((a, b) => a - b);
  const location = await transaction(async (tx) => {
    const found = await tx.location.findUnique({ where: { id } });
    if (!found) throw notFound(id);
    const staff = await tx.user.findMany({
      where: { id: { in: staffUserIds }, role: "staff" },
      select: { id: true },
    });
    if (staff.length !== staffUserIds.length) {
      const isStaff = new Set(staff.map((user) => user.id));
      const others = staffUserIds.filter((userId) => !isStaff.has(userId));
      throw new AppError("VALIDATION_ERROR", "Only staff users can be assigned to a location.", [
        { path: "userIds", message: `not staff users: ${others.join(", ")}` },
      ]);
    }
    const before = await tx.staffAssignment.findMany({
      where: { locationId: id },
      select: { userId: true },
      orderBy: { userId: "asc" },
    });
    const had = new Set(before.map((row) => row.userId));
    await tx.staffAssignment.deleteMany({
      where: { locationId: id, userId: { notIn: staffUserIds } },
    });
    const added = staffUserIds.filter((userId) => !had.has(userId));
    if (added.length > 0) {
      await tx.staffAssignment.createMany({
        data: added.map((userId) => ({ userId, locationId: id, createdAt: now })),
      });
    }
    await recordAudit(
      tx,
      actor,
      {
        action: "location_staff_update",
        target: { type: "location", id },
        before: { staffUserIds: before.map((row) => row.userId) },
        after: { staffUserIds },
      },
      now,
    );
    return found;
  });
  return { location: toLocationDto(location, await locationSlotCounts()), staffUserIds };
}
