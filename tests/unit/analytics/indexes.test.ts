// Every analytics statement reads payments, reservations, utilization_stats and the roll-ups through an
// index (SEARCH), never a full scan: EXPLAIN QUERY PLAN of the exact SQL the app runs.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { analyticsRange, analyticsSql } from "@/lib/analytics/queries";
import { locationAnalyticsSql, locationRange } from "@/lib/analytics/location-queries";
import type { Prisma } from "@/lib/generated/prisma/client.ts";

const now = new Date("2026-03-11T10:30:00.000Z");
const range = analyticsRange(365, now);
const statements: Record<string, Prisma.Sql> = {
  revenueByDay: analyticsSql.revenueByDay(range),
  revenueBySlotType: analyticsSql.revenueBySlotType(range),
  zoneTotals: analyticsSql.zoneTotals(range),
  occupiedByHourOfDay: analyticsSql.occupiedByHourOfDay(range),
  occupiedHourlySeries: analyticsSql.occupiedHourlySeries(
    new Date("2026-01-01T05:00:00.000Z"),
    new Date("2026-03-11T10:00:00.000Z"),
  ),
  firstUtilizationDate: analyticsSql.firstUtilizationDate(),
  reservationsBySlotType: analyticsSql.reservationsBySlotType(range),
};
// One location in London over a year: its reads start with (location_id, date).
const local = locationRange({ id: 1, timeZone: "Europe/London" }, 365, now);
const locationStatements: Record<string, Prisma.Sql> = {
  revenueByLocalDate: locationAnalyticsSql.revenueByLocalDate(local),
  occupiedByLocalHour: locationAnalyticsSql.occupiedByLocalHour(local),
  hourlyOccupied: locationAnalyticsSql.hourlyOccupied(1, "2026-01-01", "2026-03-12"),
  byType: locationAnalyticsSql.byType(local),
  byZone: locationAnalyticsSql.byZone(local),
  currentHourPayments: locationAnalyticsSql.currentHourPayments(local),
  currentHourReservations: locationAnalyticsSql.currentHourReservations(local),
  firstHourlyDate: locationAnalyticsSql.firstHourlyDate(1),
};
// The aliases the statements give the big tables: the base tables and the roll-ups (a
// year of hourly roll-up rows for a garage network is hundreds of thousands of rows too).
const BIG_TABLES = new Set([
  ...["p", "r", "u", "payments", "reservations", "utilization_stats"],
  ...["t", "d", "h", "analytics_daily_type", "analytics_daily_zone"],
  ...["analytics_hourly_zone", "analytics_hourly"],
]);

async function plan(sql: Prisma.Sql): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ detail: string }[]>(
    `EXPLAIN QUERY PLAN ${sql.sql}`,
    ...sql.values,
  );
  return rows.map((row) => row.detail);
}

describe("analytics query plans", () => {
  it.each(Object.entries(statements))("%s searches the big tables by index", async (_, sql) => {
    const steps = await plan(sql);
    const touches = steps.filter((step) => {
      const table = /^(?:SCAN|SEARCH) (\w+)/.exec(step)?.[1];
      return table !== undefined && BIG_TABLES.has(table);
    });
    expect(touches.length).toBeGreaterThan(0);
    for (const step of touches) {
      expect(step, steps.join("\n")).toMatch(
        /^SEARCH \w+ USING (COVERING INDEX|INTEGER PRIMARY KEY)/,
      );
    }
  });

  it("reads payments and the roll-ups from covering indexes only (no table rows)", async () => {
    for (const name of [
      "revenueByDay",
      "revenueBySlotType",
      "occupiedByHourOfDay",
      "occupiedHourlySeries",
      "zoneTotals",
    ]) {
      const steps = await plan(statements[name]!);
      const main = steps.filter((s) => /^SEARCH [pudth] /.test(s));
      expect(main.length, name).toBeGreaterThan(0);
      for (const step of main) expect(step).toContain("COVERING INDEX");
    }
  });
});

describe("one location's query plans", () => {
  it.each(Object.entries(locationStatements))(
    "%s searches by location (roll-ups) or by time (base tables)",
    async (_, sql) => {
      const steps = await plan(sql);
      const touches = steps.filter((step) => {
        const table = /^(?:SCAN|SEARCH) (\w+)/.exec(step)?.[1];
        return table !== undefined && BIG_TABLES.has(table);
      });
      expect(touches.length).toBeGreaterThan(0);
      for (const step of touches) {
        expect(step, steps.join("\n")).toMatch(
          /^SEARCH \w+ USING (?:COVERING INDEX \w+ \((?:location_id|date|payment_status|created_at)[=>]|INDEX sqlite_autoindex_analytics_\w+ \(location_id=|INTEGER PRIMARY KEY)/,
        );
      }
    },
  );
});

describe("the schema's indexes", () => {
  it("has no plain index that another index of its table already starts with", async () => {
    // A non-unique, non-partial index on (a, b) serves nothing that a whole-table index on
    // (a, b, c) does not, and every write and every bulk load pays for it again.
    const rows = await db.$queryRawUnsafe<
      { tbl: string; name: string; unique: bigint; partial: bigint; col: string | null }[]
    >(`SELECT m.tbl_name AS tbl, il.name AS name, il."unique" AS "unique", il.partial AS partial,
              ii.name AS col
       FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
       WHERE m.type = 'table'
       ORDER BY m.tbl_name, il.name, ii.seqno`);
    type Index = { tbl: string; plain: boolean; partial: boolean; columns: string[] };
    const indexes = new Map<string, Index>();
    for (const row of rows) {
      const index = indexes.get(row.name) ?? {
        tbl: row.tbl,
        plain: Number(row.unique) === 0 && Number(row.partial) === 0,
        partial: Number(row.partial) !== 0,
        columns: [],
      };
      index.columns.push(row.col ?? "(expression)");
      indexes.set(row.name, index);
    }
    expect(indexes.size).toBeGreaterThan(20);
    const redundant = [...indexes].flatMap(([name, index]) =>
      [...indexes]
        .filter(
          ([other, longer]) =>
            other !== name &&
            index.plain &&
            longer.tbl === index.tbl &&
            !longer.partial &&
            longer.columns.length >= index.columns.length &&
            index.columns.every((column, i) => longer.columns[i] === column),
        )
        .map(([other]) => `${name} (${index.columns.join(", ")}) is a prefix of ${other}`),
    );
    expect(redundant).toEqual([]);
  });
});
