// Slot management for staff: create slots, change price, type and zone, take a slot out
// of service and back. A price change applies to new bookings only: every reservation
// stores what it cost. Out of service stops new bookings; the reservation running on the
// slot and its upcoming ones stay (they are paid for). Staff see them in the slot's detail
// and may cancel upcoming ones one by one, which refunds them.
import "server-only";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireStaff, type Actor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import {
  toReservationDto,
  toSlotDto,
  type ReservationDto,
  type SlotDto,
  type SlotType,
} from "@/lib/dto";
import { sweepExpiredReservations } from "@/lib/reservations/expiry";

export type CreateSlotInput = {
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
};

export async function createSlot(actor: Actor, input: CreateSlotInput): Promise<SlotDto> {
  requireStaff(actor);
  try {
    const slot = await transaction((tx) =>
      tx.parkingSlot.create({
        data: {
          slotNumber: input.slotNumber,
          floorNumber: input.floor,
          zone: input.zone,
          slotType: input.type,
          pricePerHourCents: input.pricePerHourCents,
        },
      }),
    );
    return toSlotDto(slot);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `Slot number ${input.slotNumber} is taken.`, [
        { path: "slotNumber", message: "is taken" },
      ]);
    }
    throw error;
  }
}

export async function updateSlot(
  actor: Actor,
  slotId: number,
  input: UpdateSlotInput,
): Promise<SlotDto> {
  requireStaff(actor);
  const slot = await transaction(async (tx) => {
    const changed = await tx.parkingSlot.updateMany({
      where: { id: slotId },
      data: {
        ...(input.pricePerHourCents !== undefined && {
          pricePerHourCents: input.pricePerHourCents,
        }),
        ...(input.type !== undefined && { slotType: input.type }),
        ...(input.zone !== undefined && { zone: input.zone }),
        ...(input.outOfService !== undefined && { outOfService: input.outOfService }),
      },
    });
    if (changed.count !== 1) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
    return tx.parkingSlot.findUniqueOrThrow({ where: { id: slotId } });
  });
  return toSlotDto(slot);
}

export type SlotDetail = {
  slot: SlotDto;
  /** Its running and upcoming reservations, soonest first. */
  reservations: ReservationDto[];
};

export async function getSlotDetail(actor: Actor, slotId: number): Promise<SlotDetail> {
  requireStaff(actor);
  await sweepExpiredReservations();
  const slot = await db.parkingSlot.findUnique({
    where: { id: slotId },
    include: {
      reservations: {
        where: { status: { in: ["active", "upcoming"] } },
        orderBy: { startTime: "asc" },
        include: { slot: { select: { slotNumber: true } } },
      },
    },
  });
  if (!slot) throw new AppError("NOT_FOUND", `Slot ${slotId} does not exist.`);
  return { slot: toSlotDto(slot), reservations: slot.reservations.map(toReservationDto) };
}
