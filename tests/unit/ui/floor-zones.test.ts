import { describe, expect, it } from "vitest";
import { byZone } from "@/components/dashboard/floor-zones";
import { compareText } from "@/lib/slots/order";

const slot = (slotNumber: string, zone: string) => ({ slotNumber, zone });

describe("the floor map's zones", () => {
  it("group a floor's slots by zone, in the order the API lists them (binary text order)", () => {
    const slots = [
      slot("a-2", "b"),
      slot("B-1", "B"),
      slot("a-1", "b"),
      slot("A-10", "A"),
      slot("A-2", "A"),
      slot("B-0", "B"),
    ];
    expect(byZone(slots).map(([zone, list]) => [zone, list.map((s) => s.slotNumber)])).toEqual([
      ["A", ["A-10", "A-2"]],
      ["B", ["B-0", "B-1"]],
      // Lower case after upper case, as SQLite's ORDER BY slot_number (a locale order
      // would put "b" between "A" and "B").
      ["b", ["a-1", "a-2"]],
    ]);
    const numbers = byZone(slots).flatMap(([, list]) => list.map((s) => s.slotNumber));
    expect(numbers).toEqual([...numbers].sort(compareText));
  });
});
