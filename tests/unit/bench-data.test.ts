// The benchmark dataset generator on a small run: the bulk path must leave the database
// exactly as consistent as the domain would (the benchmark's numbers mean nothing on
// data the app could never have written).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { signIn } from "@/lib/auth/service";
import { BENCH_FLOORS, BENCH_PASSWORD, generateBenchData } from "@/tests/bench/data";
import { SLOT_TYPES } from "@/lib/dto";
import { searchSlots } from "@/lib/slots/queries";
import { expectConsistentDatabase } from "./builders";
import {
  expectEveryReservationPaidOnce,
  expectNoOverlappingReservations,
  expectRollupsMatchBaseTables,
  expectUtilizationMatchesReservations,
} from "./invariants";

const now = new Date("2026-11-30T10:20:00.000Z");
let summary: Awaited<ReturnType<typeof generateBenchData>>;

beforeAll(async () => {
  // Setup, not a speed check: the bulk write takes minutes on a loaded 2-CPU machine.
  // The generator writes with its own connection; the app's client opens afterwards.
  summary = await generateBenchData(databaseFilePath(process.env.DATABASE_URL!), {
    slots: 120,
    days: 14,
    drivers: 40,
    now,
  });
}, 600_000);

describe("generateBenchData", () => {
  it("creates the slots over ten floors, of every type, and the drivers", async () => {
    expect(await db.parkingSlot.count()).toBe(120);
    const floors = await db.parkingSlot.groupBy({ by: ["floorNumber"] });
    expect(floors).toHaveLength(BENCH_FLOORS);
    const types = await db.parkingSlot.groupBy({ by: ["slotType"] });
    expect(new Set(types.map((t) => t.slotType))).toEqual(new Set(SLOT_TYPES));
    expect(await db.user.count({ where: { role: "driver" } })).toBe(40);
    expect(await db.user.count({ where: { role: "staff" } })).toBe(1);
  });

  it("reports what it wrote", async () => {
    expect(summary.reservations).toBe(await db.reservation.count());
    expect(summary.ledgerEntries).toBe(await db.walletTransaction.count());
    expect(summary.utilizationRows).toBe(await db.utilizationStat.count());
    // Roughly two bookings per slot and day, as in a busy city garage.
    expect(summary.reservations).toBeGreaterThan(120 * 14);
  });

  it("writes history only in the past, every day of the range", async () => {
    const reservations = await db.reservation.findMany({
      select: { startTime: true, endTime: true, status: true },
    });
    expect(reservations.every((r) => r.endTime <= now && r.status === "completed")).toBe(true);
    const days = new Set(reservations.map((r) => r.startTime.toISOString().slice(0, 10)));
    expect(days.size).toBe(14);
    expect(await db.parkingSlot.count({ where: { isAvailable: false } })).toBe(0);
  });

  it("keeps every wallet equal to its ledger, never negative", async () => {
    await expectConsistentDatabase();
  });

  it("never books a slot twice at once", async () => {
    await expectNoOverlappingReservations();
  });

  it("pays every reservation once, in full, with a ledger charge referencing it", async () => {
    await expectEveryReservationPaidOnce();
  });

  it("records utilization exactly as the reserve path does", async () => {
    await expectUtilizationMatchesReservations();
  });

  it("fills the analytics roll-ups exactly as a recomputation from the base tables", async () => {
    await expectRollupsMatchBaseTables();
  });

  it("leaves the indexes in place and data the domain reads and signs in to", async () => {
    const indexes = await db.$queryRaw<{ name: string }[]>`
      SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'idx_slots_availability'`;
    expect(indexes).toHaveLength(1);
    const { slots } = await searchSlots({ floor: 3, available: "true", limit: 100, offset: 0 });
    expect(slots.length).toBeGreaterThan(0);
    const { user } = await signIn({ username: "driver00001", password: BENCH_PASSWORD }, "t");
    expect(user.role).toBe("driver");
  });
});
