// The overlap rule in its two forms, the predicate the reserve decision uses and the filter
// the reads and the slot search use, agree on every way two windows can lie, on the
// database the tests run on.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { holdingOverlapWhere, windowsOverlap } from "@/lib/reservations/overlap";
import { HOUR_MS, createDriver, createSlot } from "../builders";

const T = Date.parse("2036-03-02T10:00:00.000Z");
const at = (hours: number) => T + hours * HOUR_MS;

// A held window [10:00, 13:00) against requested windows around it.
const HELD = { start: at(0), end: at(3) };
const cases: { name: string; start: number; end: number; overlaps: boolean }[] = [
  { name: "ends where it starts", start: at(-2), end: at(0), overlaps: false },
  { name: "starts where it ends", start: at(3), end: at(5), overlaps: false },
  { name: "well before", start: at(-5), end: at(-3), overlaps: false },
  { name: "well after", start: at(6), end: at(7), overlaps: false },
  { name: "overlaps its start", start: at(-1), end: at(1), overlaps: true },
  { name: "overlaps its end", start: at(2), end: at(4), overlaps: true },
  { name: "inside it", start: at(1), end: at(2), overlaps: true },
  { name: "around it", start: at(-1), end: at(4), overlaps: true },
  { name: "the same window", start: at(0), end: at(3), overlaps: true },
];

let slotId: number;

beforeAll(async () => {
  slotId = (await createSlot()).id;
  const driver = await createDriver();
  await db.reservation.create({
    data: {
      userId: driver.id,
      slotId,
      startTime: new Date(HELD.start),
      endTime: new Date(HELD.end),
      durationHours: 3,
      totalAmountCents: 0,
      status: "upcoming",
    },
  });
});

describe("the overlap rule", () => {
  it.each(cases)("$name: overlaps is $overlaps in both forms", async ({ start, end, overlaps }) => {
    expect(windowsOverlap(HELD, { start, end })).toBe(overlaps);
    const found = await db.reservation.count({
      where: { slotId, ...holdingOverlapWhere(new Date(start), new Date(end)) },
    });
    expect(found > 0).toBe(overlaps);
  });

  it("only upcoming and active reservations hold their window", async () => {
    const where = { slotId, ...holdingOverlapWhere(new Date(HELD.start), new Date(HELD.end)) };
    expect(await db.reservation.count({ where })).toBe(1);
    await db.reservation.updateMany({ where: { slotId }, data: { status: "cancelled" } });
    expect(await db.reservation.count({ where })).toBe(0);
  });
});
