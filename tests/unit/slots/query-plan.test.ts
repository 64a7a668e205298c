// Every statement on a request path is answered from an index, never by a full scan of a
// large table (reservations, payments, wallet_transactions, utilization_stats: the ones
// that grow with history; the bench dataset has ~800k reservations). This captures the SQL
// the real domain functions send (a recording adapter under this file's Prisma client) and
// asks SQLite for each statement's plan with the same arguments.
//
// parking_slots is small (one row per bay, a few thousand at most) and is read whole on
// purpose: the in-memory slot model (lib/slots/model.ts) loads it after a write, and the
// availability summary and slot search are then answered without SQL at all. users is
// not on the list either: the staff user search matches substrings (LIKE '%q%'), which no
// B-tree index can answer; every other users statement is by primary key or unique key.
// The analytics statements have their own plan test (tests/unit/analytics/indexes.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import type { SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { createSqliteAdapterFactory } from "@/lib/db/sqlite-adapter";
import { ReadWriteSqliteAdapter } from "@/lib/db/sqlite-connections";
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
    const recorded = <Q extends Pick<typeof adapter, "queryRaw" | "executeRaw">>(q: Q): Q => {
      const read = q.queryRaw.bind(q);
      const write = q.executeRaw.bind(q);
      q.queryRaw = async (query) => {
        if (recording) captured.push(query);
        return read(query);
      };
      q.executeRaw = async (query) => {
        if (recording) captured.push(query);
        return write(query);
      };
      return q;
    };
    recorded(adapter);
    // Statements inside transactions (every write) go through the transaction object.
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => recorded(await startTransaction(...args));
    // Reads that skip Prisma's client (lib/db/read-now.ts) go through the adapter's readNow.
    if (adapter instanceof ReadWriteSqliteAdapter) {
      const readNow = adapter.readNow.bind(adapter);
      adapter.readNow = (sql, values) => {
        if (recording) {
          const argTypes = values.map(() => ({
            scalarType: "unknown" as const,
            arity: "scalar" as const,
          }));
          captured.push({ sql, args: [...values], argTypes });
        }
        return readNow(sql, values);
      };
    }
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

// login_failures and sign_up_attempts hold about one window of attempts, which an
// attacker spraying usernames from forged addresses can make large; sessions hold a week
// of sign-ins.
const LARGE_TABLES = [
  "reservations",
  "payments",
  "wallet_transactions",
  "utilization_stats",
  "login_failures",
  "sign_up_attempts",
  "sessions",
];

/** The plan of every statement that reads or writes rows (not BEGIN/COMMIT/PRAGMA). */
async function plansOfAll(queries: SqlQuery[]) {
  const statements = queries.filter((q) => /^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)\b/i.test(q.sql));
  return Promise.all(statements.map(async (q) => ({ sql: q.sql, plan: await explain!(q) })));
}

/**
 * A top-N read: rows in index order, stopped by LIMIT, nothing aggregated. SQLite reports
 * walking an index in order as SCAN … USING INDEX, but it reads only limit + offset rows.
 */
const isTopN = (sql: string, step: string) =>
  / USING (COVERING )?INDEX /.test(step) &&
  /\bORDER BY\b/i.test(sql) &&
  /\bLIMIT\b/i.test(sql) &&
  !/\b(COUNT|SUM|GROUP BY)\b/i.test(sql);

/** No step reads a large table from end to end (SCAN), with or without an index. */
function expectNoLargeScan(plans: { sql: string; plan: string[] }[]) {
  for (const { sql, plan } of plans) {
    for (const step of plan) {
      const scanned = /^SCAN (?:main\.)?(\w+)/.exec(step)?.[1] ?? "";
      const fullScan = LARGE_TABLES.includes(scanned) && !isTopN(sql, step);
      expect(fullScan, `${step}\n  in: ${sql}`).toBe(false);
    }
  }
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

type Domain = {
  queries: typeof import("@/lib/slots/queries");
  expiry: typeof import("@/lib/reservations/expiry");
  reservations: typeof import("@/lib/reservations/service");
  reservationQueries: typeof import("@/lib/reservations/queries");
  wallet: typeof import("@/lib/wallet/service");
  users: typeof import("@/lib/users/queries");
  auth: typeof import("@/lib/auth/service");
  sessions: typeof import("@/lib/auth/session-store");
  pricing: typeof import("@/lib/pricing/service");
  slots: typeof import("@/lib/slots/service");
  builders: typeof import("../builders");
};
let domain: Domain;
let driver: Awaited<ReturnType<Domain["builders"]["createDriver"]>>;
let staff: Awaited<ReturnType<Domain["builders"]["createStaff"]>>;
let admin: Awaited<ReturnType<Domain["builders"]["createAdmin"]>>;
/** Free, in-service slots nobody in this file has touched yet, handed out one by one. */
let freeSlots: number[] = [];
const freeSlot = () => freeSlots.shift()!;

beforeAll(async () => {
  domain = {
    queries: await import("@/lib/slots/queries"),
    expiry: await import("@/lib/reservations/expiry"),
    reservations: await import("@/lib/reservations/service"),
    reservationQueries: await import("@/lib/reservations/queries"),
    wallet: await import("@/lib/wallet/service"),
    users: await import("@/lib/users/queries"),
    auth: await import("@/lib/auth/service"),
    sessions: await import("@/lib/auth/session-store"),
    pricing: await import("@/lib/pricing/service"),
    slots: await import("@/lib/slots/service"),
    builders: await import("../builders"),
  };
  const { transaction } = await import("@/lib/db/client");
  const { demoSlots } = await import("@/prisma/seed");
  // The demo car park, 120 slots, a few of them held.
  await transaction((tx) =>
    tx.parkingSlot.createMany({
      data: demoSlots().map((slot) => ({ ...slot, locationId: domain.builders.TEST_LOCATION_ID })),
    }),
  );
  driver = await domain.builders.createDriver({ balanceCents: 90_000 });
  staff = await domain.builders.createStaff();
  admin = await domain.builders.createAdmin();
  for (const slotId of [1, 5, 17, 42, 77]) {
    await domain.reservations.reserveSlot(driver, { slotId, durationHours: 2 });
  }
  const free = await domain.queries.searchSlots({ available: "true", limit: 100, offset: 0 });
  freeSlots = free.slots.map((slot) => slot.id);
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

/**
 * A page past the end of a list: the domain counts a list's total only when the page cannot
 * tell it (lib/db/pages.ts), and the count's plan is checked along with the page's.
 */
const COUNTED_PAGE = { limit: 50, offset: 1_000_000 };

describe("EXPLAIN QUERY PLAN", () => {
  it("sees the statements the domain really sends", async () => {
    const queries = await record(() =>
      domain.reservationQueries.listReservations(driver, { status: "all", limit: 10, offset: 0 }),
    );
    expect(queries.some((q) => /FROM\s+`main`\.`reservations`/.test(q.sql))).toBe(true);
  });

  it.each(FILTERS)(
    "answers the slot search %o from the slot model, without SQL",
    async (filter) => {
      await domain.queries.searchSlots({ available: "true", limit: 100, offset: 0 });
      const queries = await record(() =>
        domain.queries.searchSlots({ available: "true", limit: 100, offset: 0, ...filter }),
      );
      expect(queries.filter((q) => /parking_slots/.test(q.sql))).toEqual([]);
    },
  );

  it("answers the availability summary from the slot model, without SQL", async () => {
    await domain.queries.getAvailability();
    const queries = await record(() => domain.queries.getAvailability());
    expect(queries.filter((q) => /parking_slots/.test(q.sql))).toEqual([]);
  });

  it("reloads the slot model (one read of the small slot table) after a write", async () => {
    await domain.builders.createDriver({ balanceCents: 100 });
    const queries = await record(() => domain.queries.getAvailability());
    const plans = await plansOf(queries, "parking_slots");
    expect(plans).toHaveLength(1);
  });

  it.each([
    { from: 1, to: 3 },
    { from: 30, to: 54 },
  ])("answers a window search (%o hours ahead) from indexes", async ({ from, to }) => {
    const now = Date.now();
    const queries = await record(() =>
      domain.queries.searchSlots({
        available: "true",
        from: new Date(now + from * 3_600_000),
        to: new Date(now + to * 3_600_000),
        type: "regular",
        limit: 50,
        offset: 0,
      }),
    );
    const plans = await plansOf(queries, "reservations");
    expectIndexed(plans, "reservations");
    expectNoLargeScan(await plansOfAll(queries));
  });

  it.each([
    ["a wrong password", "x".repeat(9)],
    ["a success", "right"],
  ])("counts, records and clears login failures with their indexes (%s)", async (_, password) => {
    const user = await domain.builders.createDriver();
    const queries = await record(() =>
      domain.auth
        .signIn(
          {
            username: user.username,
            password: password === "right" ? domain.builders.TEST_PASSWORD : password,
          },
          "10.0.0.2",
        )
        .catch(() => null),
    );
    const statements = queries.filter(
      (q) => /^\s*(SELECT|UPDATE|DELETE|INSERT)\b/i.test(q.sql) && q.sql.includes("login_failures"),
    );
    // Two limit counts before the attempt is written, two after, the username's count for
    // the delay; the sweep of expired rows; on success the attempt's row and the pair's
    // failures.
    const kinds = statements.map((q) => /^\s*(\w+)/.exec(q.sql)![1]!.toUpperCase());
    expect(kinds.filter((k) => k === "SELECT")).toHaveLength(5);
    expect(kinds).toContain("DELETE");
    if (password === "right") expect(kinds).toContain("UPDATE");
    const plans = await Promise.all(
      statements
        .filter((q) => !/^\s*INSERT/i.test(q.sql))
        .map(async (q) => ({ sql: q.sql, plan: await explain!(q) })),
    );
    expectIndexed(plans, "login_failures");
    const all = plans.map((p) => p.plan.join(" ")).join("\n");
    expect(all).toMatch(/idx_login_failures_pair/);
    expect(all).toMatch(/idx_login_failures_username/);
    expect(all).toMatch(/idx_login_failures_address/);
    expect(all).toMatch(/idx_login_failures_created/);
    if (password === "right") {
      const sessionPlans = await plansOfAll(
        queries.filter((q) => /^\s*(UPDATE|DELETE)\b/i.test(q.sql) && q.sql.includes("sessions")),
      );
      expectIndexed(sessionPlans, "sessions");
      expect(sessionPlans.map((p) => p.plan.join(" ")).join("\n")).toMatch(/idx_sessions_expires/);
    }
  });

  it("reads a session with one indexed query, and remembers it while nothing changes", async () => {
    const { token } = await domain.auth.signIn(
      { username: driver.username, password: domain.builders.TEST_PASSWORD },
      "10.0.0.3",
    );
    const first = await record(() => domain.sessions.findSessionActor(token, new Date()));
    const reads = first.filter((q) => /^\s*SELECT/i.test(q.sql));
    expect(reads).toHaveLength(1);
    const plans = await plansOfAll(reads);
    expectIndexed(plans, "sessions");
    expectIndexed(plans, "users");
    const again = await record(() => domain.sessions.findSessionActor(token, new Date()));
    expect(again).toEqual([]);
  });

  it("reads a page of reservations once while nothing changes, and again after a commit", async () => {
    const filter = { status: "active" as const, limit: 7, offset: 0 };
    // The page's query orders by creation; the expiry sweep's probes do not.
    const pageReads = (queries: SqlQuery[]) =>
      queries.filter((q) =>
        /FROM\s+`main`\.`reservations`[\s\S]*ORDER BY[\s\S]*created_at/.test(q.sql),
      );
    const first = await record(() => domain.reservationQueries.listReservations(driver, filter));
    expect(pageReads(first)).toHaveLength(1);
    const again = await record(() => domain.reservationQueries.listReservations(driver, filter));
    expect(pageReads(again)).toEqual([]);

    const made = await domain.reservations.reserveSlot(driver, {
      slotId: freeSlot(),
      durationHours: 1,
    });
    const afterQueries = await record(async () => {
      const after = await domain.reservationQueries.listReservations(driver, filter);
      expect(after.reservations.map((r) => r.id)).toContain(made.reservation.id);
    });
    expect(pageReads(afterQueries)).toHaveLength(1);
  });

  it("finds due reservations for the expiry sweep with the status index", async () => {
    domain.expiry.resetSweepThrottle();
    const queries = await record(() => domain.queries.getAvailability());
    const plans = await plansOf(queries, "reservations");
    expectIndexed(plans, "reservations");
    expect(plans[0]!.plan.join("\n")).toMatch(/idx_reservations_status/);
  });
});

describe("no request path scans a large table", () => {
  const HOUR = 3_600_000;
  let takenSlot = 0;
  let keyedSlot = 0;
  const paths: [string, () => Promise<unknown>][] = [
    ["session user (findUserById)", () => domain.users.findUserById(driver.id)],
    [
      "a failed login",
      () =>
        domain.auth
          .signIn({ username: driver.username, password: "x".repeat(9) }, "10.0.0.1")
          .catch(() => null),
    ],
    [
      "a login",
      () =>
        domain.auth.signIn(
          { username: driver.username, password: domain.builders.TEST_PASSWORD },
          "10.0.0.1",
        ),
    ],
    [
      "a sign-up",
      () =>
        domain.auth.registerUser(
          { username: "plan-user", email: "plan-user@example.test", password: "plan-password" },
          "10.0.0.4",
        ),
    ],
    [
      "a session read",
      async () => {
        const { token } = await domain.auth.signIn(
          { username: driver.username, password: domain.builders.TEST_PASSWORD },
          "10.0.0.1",
        );
        captured.length = 0;
        return domain.sessions.findSessionActor(token, new Date());
      },
    ],
    [
      "a password change",
      async () => {
        const user = await domain.builders.createDriver();
        captured.length = 0;
        const password = domain.builders.TEST_PASSWORD;
        return domain.auth.changePassword(
          user,
          { currentPassword: password, newPassword: password },
          "10.0.0.5",
          undefined,
        );
      },
    ],
    ["sign out everywhere", () => domain.auth.signOutEverywhere(driver)],
    [
      "reserve now (group commit)",
      () =>
        domain.reservations.reserveSlot(driver, {
          slotId: (takenSlot = freeSlot()),
          durationHours: 3,
        }),
    ],
    [
      "reserve ahead (group commit)",
      () =>
        domain.reservations.reserveSlot(driver, {
          slotId: freeSlot(),
          durationHours: 2,
          startTime: new Date(Date.now() + 30 * HOUR),
        }),
    ],
    [
      "reserve with an Idempotency-Key (group commit)",
      () =>
        domain.reservations.reserveSlot(driver, {
          slotId: (keyedSlot = freeSlot()),
          durationHours: 1,
          idempotencyKey: "plan-test-key",
        }),
    ],
    [
      "replay of an Idempotency-Key",
      () =>
        domain.reservations.reserveSlot(driver, {
          slotId: keyedSlot,
          durationHours: 1,
          idempotencyKey: "plan-test-key",
        }),
    ],
    [
      "reserve a taken slot (refused)",
      () =>
        domain.reservations
          .reserveSlot(driver, { slotId: takenSlot, durationHours: 1 })
          .catch(() => null),
    ],
    [
      "quote",
      () =>
        domain.pricing.quoteForSlot(
          (globalThis as unknown as { prisma: Parameters<typeof domain.pricing.quoteForSlot>[0] })
            .prisma,
          { slotId: freeSlot(), startTime: new Date(), durationHours: 2 },
          new Date(),
        ),
    ],
    [
      "end a reservation",
      async () => {
        const { reservation } = await domain.reservations.reserveSlot(driver, {
          slotId: freeSlot(),
          durationHours: 1,
        });
        captured.length = 0;
        return domain.reservations.endReservation(driver, reservation.id);
      },
    ],
    [
      "cancel a booking ahead",
      async () => {
        const { reservation } = await domain.reservations.reserveSlot(driver, {
          slotId: freeSlot(),
          durationHours: 1,
          startTime: new Date(Date.now() + 5 * HOUR),
        });
        captured.length = 0;
        return domain.reservations.cancelReservation(driver, reservation.id);
      },
    ],
    [
      "expiry sweep (complete and start)",
      async () => {
        const now = new Date(Date.now() + 40 * HOUR);
        domain.expiry.resetSweepThrottle();
        return domain.expiry.sweepExpiredReservations(now);
      },
    ],
    [
      "driver's reservations",
      () => domain.reservationQueries.listReservations(driver, { status: "all", ...COUNTED_PAGE }),
    ],
    [
      "driver's active reservations",
      () =>
        domain.reservationQueries.listReservations(driver, {
          status: "active",
          ...COUNTED_PAGE,
        }),
    ],
    [
      "a user's reservations (staff)",
      () =>
        domain.reservationQueries.listReservations(staff, {
          status: "all",
          userId: driver.id,
          ...COUNTED_PAGE,
        }),
    ],
    [
      "everyone's active reservations (staff)",
      () =>
        domain.reservationQueries.listReservations(staff, {
          status: "active",
          ...COUNTED_PAGE,
        }),
    ],
    ["top-up", () => domain.wallet.topUpWallet(driver, { amountCents: 500 })],
    ["ledger", () => domain.wallet.listWalletTransactions(driver, { ...COUNTED_PAGE })],
    ["slot detail (staff)", () => domain.slots.getSlotDetail(staff, takenSlot)],
    [
      "slot update (staff)",
      () => domain.slots.updateSlot(staff, freeSlot(), { pricePerHourCents: 350 }),
    ],
  ];

  it.each(paths)("%s", async (_, work) => {
    const queries = await record(work);
    const plans = await plansOfAll(queries);
    expect(plans.length).toBeGreaterThan(0);
    expectNoLargeScan(plans);
  });
});

// Known: the list of ALL reservations (no user, no status) pages by created_at on an
// index, but its `total` is a COUNT(*) over the whole table (~800k rows on the bench
// dataset, tens of ms). Marked as failing so that it is seen, and flips when it is fixed
// (a maintained counter, or an estimate for the unfiltered total). An admin's list shows
// it; staff lists are filtered by their locations, which reads as index lookups per slot
// in the plan but counts the same rows when they work everywhere.
it.fails("known full scan: the total of everyone's reservations (admin)", async () => {
  const queries = await record(() =>
    domain.reservationQueries.listReservations(admin, { status: "all", ...COUNTED_PAGE }),
  );
  expectNoLargeScan(await plansOfAll(queries));
});
