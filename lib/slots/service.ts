// Slot management for staff: create slots, change price, type and zone, take a slot out
// of service and back. A price change applies to new bookings only: every reservation
// stores what it cost. Out of service stops new bookings; the reservation running on the
// slot and its upcoming ones stay (they are paid for). Staff see them in the slot's detail
// and may cancel upcoming ones one by one, which refunds them.
import type { SlotDetail } from "@/lib/api-schemas/parking";
import "server-only";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireStaff, requireStaffAt } from "@/lib/auth/access";
import { defaultLocationId } from "@/lib/locations/queries";
import type { ParkingSlot } from "@/lib/generated/prisma/client.ts";
import { isUniqueViolation } from "@/lib/db/errors";
import { toReservationDto, toSlotDto, type SlotDto, type SlotType } from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";
import { recordAudit } from "@/lib/audit/service";

export type CreateSlotInput = {
  /** Default: the default location (lib/locations/queries.ts). */
  locationId?: number;
  slotNumber: string;
  floor: number;
  zone: string;
  type: SlotType;
  pricePerHourCents: number;
};

export type UpdateSlotInput = {
  pricePerHourCents?: number;
  type?: SlotType;
  zone?: string;
  outOfService?: boolean;
  /** With `outOfService: true`: shown to drivers. Back in service clears it. */
  reason?: string;
};

/** Out of service with the reason drivers see; back in service clears the reason. */
export function outOfServiceChange(outOfService: boolean, reason: string | undefined) {
  return { outOfService, outOfServiceReason: outOfService ? (reason ?? null) : null };
}

/** What staff set on a slot: the audit log's before and after of slot actions. */
function slotSettings(slot: ParkingSlot) {
  return {
    slotNumber: slot.slotNumber,
    floor: slot.floorNumber,
    zone: slot.zone,
    type: slot.slotType,
    pricePerHourCents: slot.pricePerHourCents,
    outOfService: slot.outOfService,
    outOfServiceReason: slot.outOfServiceReason,
  };
}

export async function createSlot(
  actor: Actor,
  input: CreateSlotInput,
  now: Date = new Date(),
): Promise<SlotDto> {
  requireStaff(actor);
  const locationId = input.locationId ?? (await defaultLocationId());
  if (locationId === null) {
    throw new AppError("CONFLICT", "The network has no location yet: create one first.");
  }
  await requireStaffAt(actor, locationId);
  try {
    const slot = await transaction(async (tx) => {
      const created = await tx.parkingSlot.create({
        data: {
          locationId,
          slotNumber: input.slotNumber,
          floorNumber: input.floor,
          zone: input.zone,
          slotType: input.type,
          pricePerHourCents: input.pricePerHourCents,
        },
      });
      await recordAudit(
        tx,
        actor,
        {
          action: "slot_create",
          target: { type: "slot", id: created.id },
          before: null,
          after: slotSettings(created),
        },
        now,
      );
      return created;
    });
    return toSlotDto(slot);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `Slot number ${input.slotNumber} is taken.`, [
        { path: "slotNumber", message: "is taken" },
      ]);
    }
    throw error;
  }
}

/** Attempts of an update whose slot another writer changed between read and write. */
const MAX_UPDATE_ATTEMPTS = 5;

export async function updateSlot(
  actor: Actor,
  slotId: number,
  input: UpdateSlotInput,
  now: Date = new Date(),
): Promise<SlotDto> {
  requireStaff(actor);
  const attempt = () =>
    transaction(async (tx) => {
      const before = await tx.parkingSlot.findUnique({ where: { id: slotId } });
      if (!before) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
      await requireStaffAt(actor, before.locationId);
      // Conditional on the settings just read, so the audit entry's "before" is exactly
      // what this update replaced (a concurrent change makes the count 0: read again).
      const changed = await tx.parkingSlot.updateMany({
        where: {
          id: slotId,
          pricePerHourCents: before.pricePerHourCents,
          slotType: before.slotType,
          zone: before.zone,
          outOfService: before.outOfService,
          outOfServiceReason: before.outOfServiceReason,
        },
        data: {
          ...(input.pricePerHourCents !== undefined && {
            pricePerHourCents: input.pricePerHourCents,
          }),
          ...(input.type !== undefined && { slotType: input.type }),
          ...(input.zone !== undefined && { zone: input.zone }),
          ...(input.outOfService !== undefined &&
            outOfServiceChange(input.outOfService, input.reason)),
        },
      });
      if (changed.count !== 1) return null;
      const after = await tx.parkingSlot.findUniqueOrThrow({ where: { id: slotId } });
      await recordAudit(
        tx,
        actor,
        {
          action: "slot_update",
          target: { type: "slot", id: slotId },
          before: slotSettings(before),
          after: slotSettings(after),
        },
        now,
      );
      return after;
    });
  for (let tries = 1; ; tries++) {
    const slot = await attempt();
    if (slot) return toSlotDto(slot);
    if (tries >= MAX_UPDATE_ATTEMPTS) {
      throw new AppError("CONFLICT", "This slot is being changed by someone else; try again.");
    }
  }
}

export type { SlotDetail };

export async function getSlotDetail(actor: Actor, slotId: number): Promise<SlotDetail> {
  requireStaff(actor);
  await sweepExpiredReservations();
  const slot = await db.parkingSlot.findUnique({
    where: { id: slotId },
    include: {
      reservations: {
        where: { status: { in: ["active", "upcoming"] } },
        orderBy: { startTime: "asc" },
        include: { slot: { select: { slotNumber: true, locationId: true } } },
      },
    },
  });
  if (!slot) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
  await requireStaffAt(actor, slot.locationId);
  return { slot: toSlotDto(slot), reservations: slot.reservations.map(toReservationDto) };
}
