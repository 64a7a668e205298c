// The slot search and the availability summary must be answered from an index, not by
// reading the whole parking_slots table. This captures the SQL the real domain functions
// send (a recording adapter under this file's Prisma client) and asks SQLite for each
// statement's plan with the same arguments.
import { beforeAll, describe, expect, it } from "vitest";
import type { SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { createSqliteAdapterFactory } from "@/lib/db/sqlite-adapter";
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { SlotSearchFilter } from "@/lib/slots/queries";

let recording = false;
const captured: SqlQuery[] = [];
let explain: ((query: SqlQuery) => Promise<string[]>) | undefined;

const inner = createSqliteAdapterFactory(env().DATABASE_URL);
const recordingFactory: SqlDriverAdapterFactory = {
  provider: inner.provider,
  adapterName: inner.adapterName,
  async connect() {
    const adapter = await inner.connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    explain = async (query) => {
      const plan = await queryRaw({ ...query, sql: `EXPLAIN QUERY PLAN ${query.sql}` });
      const detail = plan.columnNames.indexOf("detail");
      return plan.rows.map((row) => String(row[detail]));
    };
    adapter.queryRaw = async (query) => {
      if (recording) captured.push(query);
      return queryRaw(query);
    };
    return adapter;
  },
};
// lib/db/client.ts reuses a client found on globalThis; the domain modules are imported
// only after this one is in place, so all their queries pass through the recorder.
(globalThis as { prisma?: unknown }).prisma = new PrismaClient({ adapter: recordingFactory });

async function record(work: () => Promise<unknown>): Promise<SqlQuery[]> {
  captured.length = 0;
  recording = true;
  try {
    await work();
  } finally {
    recording = false;
  }
  return [...captured];
}

async function plansOf(queries: SqlQuery[], table: string) {
  const reading = queries.filter((q) => /^\s*SELECT/i.test(q.sql) && q.sql.includes(table));
  expect(reading.length).toBeGreaterThan(0);
  return Promise.all(reading.map(async (q) => ({ sql: q.sql, plan: await explain!(q) })));
}

/** Every step that touches `table` goes through an index; none reads the bare table. */
function expectIndexed(plans: { sql: string; plan: string[] }[], table: string) {
  for (const { sql, plan } of plans) {
    const steps = plan.filter((detail) => detail.includes(table));
    expect(steps, sql).not.toEqual([]);
    for (const step of steps) {
      expect(step, sql).toMatch(/USING (COVERING )?INDEX |USING INTEGER PRIMARY KEY/);
    }
  }
}

let searchSlots: typeof import("@/lib/slots/queries").searchSlots;
let getAvailability: typeof import("@/lib/slots/queries").getAvailability;
let resetSweepThrottle: typeof import("@/lib/reservations/expiry").resetSweepThrottle;

beforeAll(async () => {
  ({ searchSlots, getAvailability } = await import("@/lib/slots/queries"));
  ({ resetSweepThrottle } = await import("@/lib/reservations/expiry"));
  const { transaction } = await import("@/lib/db/client");
  const { demoSlots } = await import("@/prisma/seed");
  // The demo car park, 120 slots, a few of them held.
  await transaction((tx) => tx.parkingSlot.createMany({ data: demoSlots() }));
  const { createDriver } = await import("../builders");
  const { reserveSlot } = await import("@/lib/reservations/service");
  const driver = await createDriver({ balanceCents: 50_000 });
  for (const slotId of [1, 5, 17, 42, 77]) {
    await reserveSlot(driver, { slotId, durationHours: 2 });
  }
});

const FILTERS: Partial<SlotSearchFilter>[] = [
  {},
  { available: "false" },
  { available: "all" },
  { floor: 2 },
  { zone: "B" },
  { type: "electric" },
  { maxPriceCents: 400 },
  { floor: 1, zone: "A", available: "all" },
  { type: "vip", maxPriceCents: 900, available: "all" },
];

describe("EXPLAIN QUERY PLAN", () => {
  it("sees the statements the domain really sends", async () => {
    const queries = await record(() => searchSlots({ available: "true", limit: 100, offset: 0 }));
    expect(queries.some((q) => /FROM\s+`main`\.`parking_slots`/.test(q.sql))).toBe(true);
  });

  it.each(FILTERS)("answers the slot search %o from an index", async (filter) => {
    resetSweepThrottle();
    const queries = await record(() =>
      searchSlots({ available: "true", limit: 100, offset: 0, ...filter }),
    );
    expectIndexed(await plansOf(queries, "parking_slots"), "parking_slots");
  });

  it("answers the default search (free slots, cheapest first) with the availability index", async () => {
    const queries = await record(() => searchSlots({ available: "true", limit: 100, offset: 0 }));
    const plans = await plansOf(queries, "parking_slots");
    expect(plans).toHaveLength(2); // the page and the count
    for (const { plan } of plans) expect(plan.join("\n")).toMatch(/idx_slots_availability/);
  });

  it("answers the availability summary from an index", async () => {
    const queries = await record(() => getAvailability());
    expectIndexed(await plansOf(queries, "parking_slots"), "parking_slots");
  });

  it("finds due reservations for the expiry sweep with the status index", async () => {
    resetSweepThrottle();
    const queries = await record(() => getAvailability());
    const plans = await plansOf(queries, "reservations");
    expectIndexed(plans, "reservations");
    expect(plans[0]!.plan.join("\n")).toMatch(/idx_reservations_status/);
  });
});
