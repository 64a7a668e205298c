// Staff find a slot among thousands: by part of its number (any case) and by its state now.
// The search answers from memory without a window and from the database with one; both
// forms of each filter must find the same slots.
import { beforeAll, describe, expect, it } from "vitest";
import { searchSlots, type SlotSearchFilter } from "@/lib/slots/queries";
import { reserveSlot } from "@/lib/reservations/service";
import { slotsQuerySchema } from "@/lib/validation/parking";
import { createDriver, createSlot, TEST_LOCATION_ID } from "../builders";

const NOW = new Date();
const HOUR = 3_600_000;
let ids: Record<string, number>;

beforeAll(async () => {
  const make = (slotNumber: string, outOfService = false) =>
    createSlot({ slotNumber, zone: "Q", floor: 9, outOfService }).then((slot) => slot.id);
  ids = {
    upper: await make("QZ-101"),
    lower: await make("qz-102"),
    underscore: await make("QZ_7"),
    closed: await make("QZ-300", true),
    other: await make("AB-100"),
  };
  const driver = await createDriver({ balanceCents: 10_000 });
  await reserveSlot(driver, { slotId: ids.upper!, durationHours: 2 }, NOW);
});

/** The same filter answered from memory (no window) and from the database (a window). */
async function bothWays(filter: Partial<SlotSearchFilter>): Promise<[number[], number[]]> {
  const base = { locationId: TEST_LOCATION_ID, available: "all" as const, limit: 500, offset: 0 };
  const fromMemory = await searchSlots({ ...base, ...filter });
  const fromDatabase = await searchSlots({
    ...base,
    ...filter,
    from: new Date(NOW.getTime() + 48 * HOUR),
    to: new Date(NOW.getTime() + 49 * HOUR),
  });
  const sorted = (list: { id: number }[]) => list.map((slot) => slot.id).sort((a, b) => a - b);
  return [sorted(fromMemory.slots), sorted(fromDatabase.slots)];
}

describe("slot search by number and state", () => {
  it("finds slot numbers containing q in any case, the same both ways", async () => {
    const [memory, database] = await bothWays({ q: "qZ" });
    expect(memory).toEqual(
      [ids.upper!, ids.lower!, ids.underscore!, ids.closed!].sort((a, b) => a - b),
    );
    expect(database).toEqual(memory);
  });

  it("takes q literally: '_' and '.' match only themselves", async () => {
    const [memory, database] = await bothWays({ q: "_" });
    expect(memory).toEqual([ids.underscore!]);
    expect(database).toEqual(memory);
    expect(await bothWays({ q: "Z." })).toEqual([[], []]);
  });

  it.each([
    ["free", ["lower", "underscore", "other"]],
    ["occupied", ["upper"]],
    ["out_of_service", ["closed"]],
  ] as const)(
    "state=%s finds the slots in that state now, the same both ways",
    async (state, names) => {
      const mine = new Set(Object.values(ids));
      const [memory, database] = await bothWays({ state });
      const expected = names.map((name) => ids[name]!).sort((a, b) => a - b);
      expect(memory.filter((id) => mine.has(id))).toEqual(expected);
      expect(database).toEqual(memory);
    },
  );

  it("parses q and state from the query string, refusing what they cannot be", () => {
    expect(slotsQuerySchema.parse({ q: " qz ", state: "occupied" })).toMatchObject({
      q: "qz",
      state: "occupied",
    });
    for (const bad of [{ q: "" }, { q: "x".repeat(33) }, { state: "busy" }]) {
      expect(slotsQuerySchema.safeParse(bad).success).toBe(false);
    }
  });
});
