// A floor map's tiles by zone, zones and slots in the order every list of slots uses
// (lib/slots/order.ts), so the map reads in the API's order.
import { compareText, inNumberOrder } from "@/lib/slots/order";

/** `slots` by zone: zones, and the slots of each, in number order. */
export function byZone<S extends { slotNumber: string; zone: string }>(
  slots: readonly S[],
): [string, S[]][] {
  const zones = new Map<string, S[]>();
  for (const slot of inNumberOrder(slots)) {
    const zone = zones.get(slot.zone);
    if (zone) zone.push(slot);
    else zones.set(slot.zone, [slot]);
  }
  return [...zones].sort(([a], [b]) => compareText(a, b));
}
