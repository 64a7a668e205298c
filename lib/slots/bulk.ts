// Bulk slot changes for staff: take every slot matching a filter at one location out of
// service (with a reason shown to drivers) or back in service, in one conditional update.
import "server-only";
import { transaction } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireStaffAt } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit/service";
import { outOfServiceChange } from "@/lib/slots/service";
import type { Prisma } from "@/lib/generated/prisma/client.ts";
import type { SlotType } from "@/lib/dto";

export type BulkSlotsInput = {
  locationId: number;
  floor?: number;
  zone?: string;
  type?: SlotType;
  /** Ids at another location match nothing: they are never touched (not an error). */
  slotIds?: number[];
  outOfService: boolean;
  reason?: string;
};

/**
 * Sets out-of-service (and its reason; back in service clears it) on the location's slots
 * matching the filter; answers how many matched. Setting the same state twice changes
 * nothing new, so a retried request is harmless. One audit entry names the filter and count.
 */
export async function bulkUpdateSlots(
  actor: Actor,
  input: BulkSlotsInput,
  now: Date = new Date(),
): Promise<{ updated: number }> {
  await requireStaffAt(actor, input.locationId);
  const where: Prisma.ParkingSlotWhereInput = {
    locationId: input.locationId,
    ...(input.floor !== undefined && { floorNumber: input.floor }),
    ...(input.zone !== undefined && { zone: input.zone }),
    ...(input.type !== undefined && { slotType: input.type }),
    ...(input.slotIds !== undefined && { id: { in: input.slotIds } }),
  };
  const change = outOfServiceChange(input.outOfService, input.reason);
  return transaction(async (tx) => {
    const { count } = await tx.parkingSlot.updateMany({ where, data: change });
    const filter = {
      floor: input.floor,
      zone: input.zone,
      type: input.type,
      slotIds: input.slotIds,
    };
    await recordAudit(
      tx,
      actor,
      {
        action: "slot_update",
        target: { type: "location", id: input.locationId },
        before: { filter },
        after: { ...change, updated: count },
      },
      now,
    );
    return { updated: count };
  });
}
