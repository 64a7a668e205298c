// The benchmark dataset generator on a small run: the bulk path must leave the database
// exactly as consistent as the domain would (the benchmark's numbers mean nothing on
// data the app could never have written).
import { beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { db } from "@/lib/db/client";
import { databaseFilePath } from "@/lib/db/sqlite-adapter";
import { signIn } from "@/lib/auth/service";
import {
  BENCH_FLOORS,
  BENCH_PASSWORD,
  INDEXES_FILLED_IN_ORDER,
  generateBenchData,
} from "@/tests/bench/data";
import { benchLocation } from "@/tests/bench/simulate";
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
/** The schema's indexes and triggers as migrated, before the generator drops and rebuilds them. */
let schemaBefore: unknown[];
const SCHEMA_SQL =
  "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name";

beforeAll(async () => {
  // Setup, not a speed check: the bulk write takes minutes on a loaded 2-CPU machine.
  // The generator writes with its own connection; the app's client opens afterwards.
  const file = databaseFilePath(process.env.DATABASE_URL!);
  // An empty database: not even the template's test location.
  const sqlite = new Database(file);
  sqlite.exec("DELETE FROM locations");
  schemaBefore = sqlite.prepare(SCHEMA_SQL).all();
  sqlite.close();
  summary = await generateBenchData(file, { slots: 120, days: 14, locations: 2, drivers: 40, now });
}, 600_000);

/** Reads the generated file directly (the app's client cannot run PRAGMAs and the like). */
function readFile<T>(read: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(databaseFilePath(process.env.DATABASE_URL!), { readonly: true });
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

/** Occupied slot-hours of a location by local hour of day (Intl, independent of the code). */
async function localHours(locationId: number, timeZone: string) {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" });
  const rows = await db.$queryRaw<{ date: string; hour: number; n: bigint | number }[]>`
    SELECT u.date, u.hour, SUM(u.occupancy_count) AS n
    FROM utilization_stats u JOIN parking_slots s ON s.id = u.slot_id
    WHERE s.location_id = ${locationId} GROUP BY u.date, u.hour`;
  const byHour = new Array<number>(24).fill(0);
  for (const r of rows) {
    const at = new Date(`${r.date}T${String(r.hour).padStart(2, "0")}:00:00Z`);
    byHour[Number(format.format(at))]! += Number(r.n);
  }
  return byHour;
}

describe("generateBenchData", () => {
  it("creates the locations, each with its slots over ten floors, of every type, and the drivers", async () => {
    const locations = await db.location.findMany({ orderBy: { id: "asc" } });
    expect(locations.map((l) => [l.id, l.slug, l.timeZone])).toEqual(
      [0, 1].map((i) => [benchLocation(i).id, benchLocation(i).slug, benchLocation(i).timeZone]),
    );
    expect(new Set(locations.map((l) => l.timeZone)).size).toBe(2);
    expect(await db.parkingSlot.count()).toBe(240);
    for (const { id } of locations) {
      const slots = await db.parkingSlot.findMany({ where: { locationId: id } });
      expect(slots).toHaveLength(120);
      expect(new Set(slots.map((s) => s.floorNumber)).size).toBe(BENCH_FLOORS);
      expect(new Set(slots.map((s) => s.slotType))).toEqual(new Set(SLOT_TYPES));
      expect(new Set(slots.map((s) => s.slotNumber)).size).toBe(120);
      for (const slot of slots) {
        expect(slot.outOfServiceReason !== null).toBe(slot.outOfService);
      }
    }
    expect(await db.user.count({ where: { role: "driver" } })).toBe(40);
    const staff = await db.user.findMany({
      where: { role: "staff" },
      include: { staffAssignments: true },
    });
    expect(staff).toHaveLength(1);
    expect(staff[0]!.staffAssignments.map((a) => a.locationId).sort()).toEqual([1, 2]);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("writes only rows whose references exist (the load itself does not check them)", () => {
    expect(readFile((sqlite) => sqlite.pragma("foreign_key_check"))).toEqual([]);
  });

  it("reports what it wrote", async () => {
    expect(summary.reservations).toBe(await db.reservation.count());
    expect(summary.ledgerEntries).toBe(await db.walletTransaction.count());
    expect(summary.utilizationRows).toBe(await db.utilizationStat.count());
    expect(summary).toMatchObject({ locations: 2, slots: 240, drivers: 40 });
    // About a booking per slot and day or more, as in busy city garages.
    expect(summary.reservations).toBeGreaterThan(240 * 14);
  });

  it("writes history only in the past, every day of the range", async () => {
    const reservations = await db.reservation.findMany({
      select: { startTime: true, endTime: true, status: true },
    });
    expect(reservations.every((r) => r.endTime <= now && r.status === "completed")).toBe(true);
    const days = new Set(reservations.map((r) => r.startTime.toISOString().slice(0, 10)));
    expect(days.size).toBe(14);
  });

  it("books each location in its own local rhythm", async () => {
    // The second garage: a shopping centre on New York time, busiest in its shopping hours
    // (on UTC's clock they would fall at night there).
    const { id, timeZone } = benchLocation(1);
    const byHour = await localHours(id, timeZone);
    const busiest = byHour.indexOf(Math.max(...byHour));
    expect(busiest).toBeGreaterThanOrEqual(10);
    expect(busiest).toBeLessThanOrEqual(19);
    expect(byHour[busiest]!).toBeGreaterThan(10 * byHour[4]!);
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

  it("writes the rows in the key order of the indexes it keeps while loading", () => {
    // Kept because each row lands at the index's right edge: true only if rowid order is
    // key order (ties broken by rowid, as the index does).
    readFile((sqlite) => {
      for (const name of INDEXES_FILLED_IN_ORDER) {
        const table = sqlite
          .prepare("SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?")
          .pluck()
          .get(name) as string;
        const columns = sqlite
          .prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
          .pluck()
          .all(name) as string[];
        expect(columns.length, name).toBeGreaterThan(0);
        const key = columns.map((c) => `"${c}"`).join(", ");
        const previous = columns.map((c) => `LAG("${c}") OVER (ORDER BY rowid)`).join(", ");
        const rows = sqlite.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
        expect(rows, name).toBeGreaterThan(1000);
        const outOfOrder = sqlite
          .prepare(
            `SELECT COUNT(*) FROM (SELECT (${key}) < (${previous}) AS back FROM "${table}") WHERE back`,
          )
          .pluck()
          .get();
        expect(outOfOrder, name).toBe(0);
      }
    });
  });

  it("leaves the indexes and triggers as migrated, and data the domain reads and signs in to", async () => {
    expect(readFile((sqlite) => sqlite.prepare(SCHEMA_SQL).all())).toEqual(schemaBefore);
    const { slots } = await searchSlots({ floor: 3, available: "true", limit: 100, offset: 0 });
    expect(slots.length).toBeGreaterThan(0);
    const { user } = await signIn({ username: "driver00001", password: BENCH_PASSWORD }, "t");
    expect(user.role).toBe("driver");
  });
});
