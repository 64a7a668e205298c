// What a floor map tile reads of a slot: the dashboard's first render sends the map only
// these fields (a floor's hundred slots are most of its payload); the polled answer
// (GET /api/slots, every field) is read through the same type.
import type { SlotDto, SlotList } from "@/components/data/types";

export type MapSlot = Pick<
  SlotDto,
  "id" | "slotNumber" | "zone" | "type" | "isAvailable" | "outOfService" | "outOfServiceReason"
>;
export type MapSlotList = Omit<SlotList, "slots"> & { slots: MapSlot[] };

/** A floor's slot list with only what the map reads of each slot. */
export function mapSlotList(list: SlotList): MapSlotList {
  return {
    ...list,
    slots: list.slots.map(
      ({ id, slotNumber, zone, type, isAvailable, outOfService, outOfServiceReason }) => ({
        id,
        slotNumber,
        zone,
        type,
        isAvailable,
        outOfService,
        outOfServiceReason,
      }),
    ),
  };
}
