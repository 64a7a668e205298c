// The vehicles on an account (API.md v2 → Vehicles): plates are unique across accounts,
// adding the same plate twice to one account returns the vehicle it already has, and a
// vehicle that a running or upcoming reservation names cannot be deleted.
import "server-only";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma, type Vehicle } from "@/lib/generated/prisma/client.ts";
import type { Actor } from "@/lib/auth/actor";
import { HOLDING_STATUSES } from "@/lib/reservations/overlap";

export type VehicleDto = {
  id: number;
  userId: number;
  plate: string;
  label: string | null;
  createdAt: string;
};

export function toVehicleDto(vehicle: Vehicle): VehicleDto {
  return {
    id: vehicle.id,
    userId: vehicle.userId,
    plate: vehicle.plate,
    label: vehicle.label,
    createdAt: vehicle.createdAt.toISOString(),
  };
}

export async function listVehicles(userId: number): Promise<VehicleDto[]> {
  const vehicles = await db.vehicle.findMany({ where: { userId }, orderBy: { id: "asc" } });
  return vehicles.map(toVehicleDto);
}

function plateTaken(): AppError {
  return new AppError("PLATE_TAKEN", "That plate is registered to another account.");
}

/**
 * Adds a vehicle (`plate` already normalized). The unique index on plate decides between
 * two accounts adding one plate at once; the loser reads the winner's row.
 */
export async function addVehicle(
  userId: number,
  input: { plate: string; label?: string | null },
  now: Date = new Date(),
): Promise<{ vehicle: VehicleDto; created: boolean }> {
  try {
    const vehicle = await transaction((tx) =>
      tx.vehicle.create({
        data: { userId, plate: input.plate, label: input.label ?? null, createdAt: now },
      }),
    );
    return { vehicle: toVehicleDto(vehicle), created: true };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") {
      throw error;
    }
    const existing = await db.vehicle.findUnique({ where: { plate: input.plate } });
    if (existing && existing.userId === userId) {
      return { vehicle: toVehicleDto(existing), created: false };
    }
    throw plateTaken();
  }
}

/**
 * Deletes one of the actor's own vehicles (someone else's is 404, so ids reveal nothing).
 * The delete is conditional on no holding reservation naming the vehicle. It first bumps
 * the vehicle's lock_version, as a booking that names the vehicle does in its write: on
 * PostgreSQL that waits for such a booking to commit, so the check below sees it (or the
 * booking waits for this delete and finds the vehicle gone).
 */
export async function deleteVehicle(actor: Actor, vehicleId: number): Promise<void> {
  await transaction(async (tx) => {
    await tx.vehicle.updateMany({
      where: { id: vehicleId, userId: actor.id },
      data: { lockVersion: { increment: 1 } },
    });
    const deleted = await tx.vehicle.deleteMany({
      where: {
        id: vehicleId,
        userId: actor.id,
        reservations: { none: { status: { in: [...HOLDING_STATUSES] } } },
      },
    });
    if (deleted.count === 1) return;
    const vehicle = await tx.vehicle.findUnique({ where: { id: vehicleId } });
    if (!vehicle || vehicle.userId !== actor.id) {
      throw new AppError("NOT_FOUND", `Vehicle ${vehicleId} does not exist.`);
    }
    throw new AppError(
      "CONFLICT",
      "This vehicle has a running or upcoming reservation; it can be removed once that ends.",
    );
  });
}
