// `npm run bench:data -- --slots 1000 --days 365 [--locations 1] [--out tmp/bench/bench.db]`:
// a garage network's worth of history for the benchmark (`--locations` garages of `--slots`
// slots each), written fast with bulk SQL in one transaction. The rows come from the same
// simulation as the demo seed (prisma/history.ts), each garage on its own local clock and
// rhythm, so they keep the same invariants as data written through the domain
// (tests/unit/bench-data.test.ts checks that on a small run).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { hashPassword } from "@/lib/auth/password";
import type { SlotType } from "@/lib/dto";
import { bulkFillRollupStatements } from "@/lib/analytics/rollups";
import type { HistorySlot } from "@/prisma/history";
import { benchLocation, simulateOnWorker, type SimulatedRows } from "./simulate";

export const BENCH_PASSWORD = "parking-demo";
export const BENCH_FLOORS = 10;
const ZONES = ["A", "B", "C", "D"];
const DAY_MS = 86_400_000;
const BASE_PRICE_CENTS: Record<SlotType, number> = {
  regular: 300,
  handicap: 200,
  vip: 800,
  electric: 450,
};

export type BenchDataOptions = {
  /** Slots per location. */
  slots: number;
  days: number;
  /** Locations (garages), default 1. */
  locations?: number;
  /** Drivers who book, network-wide; default five per slot. */
  drivers?: number;
  now?: Date;
  /** Called after each step with its name and seconds (the CLI prints them). */
  onStep?: (step: string, seconds: number) => void;
};

export type BenchDataSummary = {
  locations: number;
  /** All locations' slots. */
  slots: number;
  drivers: number;
  reservations: number;
  ledgerEntries: number;
  utilizationRows: number;
};

/** Random transaction ids, drawn from the CSPRNG 4096 at a time (one call each is slow). */
function transactionIds() {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === pool.length) {
      pool = randomBytes(16 * 4096);
      offset = 0;
    }
    offset += 16;
    return `txn_${pool.toString("hex", offset - 16, offset)}`;
  };
}

/** Prisma's SQLite text form of a DateTime. */
const sqlTime = (at: Date) => at.toISOString().replace("Z", "+00:00");

/**
 * sqlTime of an instant `step` ms apart from `from`, remembered by that index: the
 * history's times fall on whole minutes and its dates on whole days, a few hundred
 * thousand texts for tens of millions of values (an array by index, not a map by time).
 */
function remembered(from: number, step: number, text: (ms: number) => string) {
  const known: string[] = [];
  return (ms: number) => {
    const index = (ms - from) / step;
    if (!Number.isInteger(index) || index < 0) return text(ms);
    return (known[index] ??= text(ms));
  };
}

/**
 * An INSERT of many rows per statement: better-sqlite3 costs a few microseconds per run()
 * whatever the row, so rows are buffered and written `perStatement` at a time (the rest by
 * a statement of their own at flush()).
 */
function batchInsert(sqlite: Database.Database, into: string, values: string, perStatement = 250) {
  const width = values.split("?").length - 1;
  const statement = (rows: number) =>
    sqlite.prepare(`INSERT INTO ${into} VALUES ${Array<string>(rows).fill(values).join(", ")}`);
  const full = statement(perStatement);
  // One array for every statement, filled by index (tens of millions of rows: no growing).
  const params = new Array<unknown>(width * perStatement);
  let filled = 0;
  const flush = () => {
    if (filled === 0) return;
    if (filled === params.length) full.run(params);
    else statement(filled / width).run(params.slice(0, filled));
    filled = 0;
  };
  return {
    add(...row: unknown[]) {
      for (let i = 0; i < row.length; i++) params[filled++] = row[i];
      if (filled === params.length) flush();
    },
    flush,
  };
}

/**
 * Indexes kept while loading: the history arrives in their key order (utilization slot by
 * slot and hour by hour), so each row goes to the index's right edge, cheaper than sorting
 * the table afterwards (at 20 garages, 57 million rows: 13 s more loading instead of 24 s
 * sorting). Not so the reservations' and payments' indexes by time, though their rows come
 * in time order too: kept, they cost 25 s more loading against 17 s of sorting. The
 * generator's test checks that the rows do arrive in this order.
 */
export const INDEXES_FILLED_IN_ORDER = ["uq_utilization_slot_date_hour"];

function slotTypeAt(zone: string, index: number, perZone: number): SlotType {
  if (index % 12 === 0) return "handicap";
  if (index >= perZone - Math.max(1, Math.round(perZone / 8))) return "electric";
  if (zone === "A" && index <= Math.max(1, Math.round(perZone / 10))) return "vip";
  return "regular";
}

/**
 * Fills an empty, migrated database at `databasePath` with `slots` slots over ten floors,
 * a staff account and drivers, and `days` days of past reservations (all ended before
 * `now`) with their payments, ledger rows and utilization statistics.
 */
export async function generateBenchData(
  databasePath: string,
  options: BenchDataOptions,
): Promise<BenchDataSummary> {
  const now = options.now ?? new Date();
  const locationCount = options.locations ?? 1;
  const totalSlots = options.slots * locationCount;
  const driverCount = options.drivers ?? totalSlots * 5;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const historyStart = new Date(
    Math.floor(now.getTime() / DAY_MS) * DAY_MS - (options.days - 1) * DAY_MS,
  );

  let stepStarted = performance.now();
  const step = (name: string) => {
    const at = performance.now();
    options.onStep?.(name, (at - stepStarted) / 1000);
    stepStarted = at;
  };

  const sqlite = new Database(databasePath);
  // A one-off load into a file nobody else has open: durability per commit buys nothing.
  // No journal while loading (a failed load is deleted and made again), WAL afterwards as
  // the app runs it: every page is written once instead of to the WAL and back.
  // better-sqlite3 opens connections in defensive mode, which refuses journal_mode = OFF
  // without an error (the file, WAL since the migration, stayed WAL: every page written
  // twice); it is lifted for this pragma only.
  sqlite.unsafeMode(true);
  const journal = sqlite.pragma("journal_mode = OFF", { simple: true });
  sqlite.unsafeMode(false);
  if (journal !== "off") throw new Error(`journal_mode is ${String(journal)}, not off`);
  sqlite.pragma("synchronous = OFF");
  // Every row's references are checked once, by the generator's test (foreign_key_check on
  // a small run), not row by row on every load: a third of the load's time.
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -262144");
  // Reads (index builds, roll-ups) straight from the mapped file instead of copied into
  // the page cache; the build's limit is 2 GiB, so a large file is mapped in part.
  sqlite.pragma("mmap_size = 2147418112");
  try {
    const existing = sqlite
      .prepare(
        "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM parking_slots) + (SELECT COUNT(*) FROM locations)",
      )
      .pluck()
      .get();
    if (existing !== 0) throw new Error(`${databasePath} is not empty`);

    const insert = {
      location: sqlite.prepare(
        `INSERT INTO locations (id, slug, name, address, time_zone, requires_check_in, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      slot: sqlite.prepare(
        `INSERT INTO parking_slots (id, location_id, slot_number, floor_number, zone, slot_type, price_per_hour_cents, out_of_service, out_of_service_reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      staffLocation: sqlite.prepare(
        "INSERT INTO staff_locations (user_id, location_id, created_at) VALUES (?, ?, ?)",
      ),
      user: sqlite.prepare(
        `INSERT INTO users (id, username, email, vehicle_number, role, password_hash, wallet_balance_cents, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?)`,
      ),
      balance: sqlite.prepare("UPDATE users SET wallet_balance_cents = ? WHERE id = ?"),
    };

    // The history's tables, written in bulk.
    const reservations = batchInsert(
      sqlite,
      "reservations (id, user_id, slot_id, start_time, end_time, duration_hours, total_amount_cents, payment_status, status, created_at)",
      "(?, ?, ?, ?, ?, ?, ?, 'completed', 'completed', ?)",
    );
    const payments = batchInsert(
      sqlite,
      "payments (id, reservation_id, user_id, amount_cents, payment_method, transaction_id, payment_status, payment_date)",
      "(?, ?, ?, ?, 'wallet', ?, 'completed', ?)",
    );
    const ledger = batchInsert(
      sqlite,
      "wallet_transactions (id, user_id, kind, amount_cents, balance_after_cents, payment_id, reservation_id, created_at)",
      "(?, ?, ?, ?, ?, ?, ?, ?)",
    );
    const stats = batchInsert(
      sqlite,
      "utilization_stats (slot_id, date, hour, occupancy_count, revenue_cents)",
      "(?, ?, ?, ?, ?)",
    );
    const historyTime = remembered(historyStart.getTime(), 60_000, (ms) => sqlTime(new Date(ms)));
    const historyDate = remembered(historyStart.getTime(), DAY_MS, (ms) =>
      new Date(ms).toISOString().slice(0, 10),
    );

    // Loading into bare tables and indexing once afterwards is several times faster than
    // keeping a dozen indexes up to date row by row, except for the indexes the rows arrive
    // in the order of (INDEXES_FILLED_IN_ORDER). (Unique constraints declared inline have
    // no SQL in sqlite_master and stay; the generated rows satisfy them.)
    const indexes = sqlite
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    const missing = INDEXES_FILLED_IN_ORDER.filter((n) => !indexes.some((i) => i.name === n));
    if (missing.length > 0) throw new Error(`no index ${missing.join(", ")} to keep`);
    const dropped = indexes.filter(({ name }) => !INDEXES_FILLED_IN_ORDER.includes(name));
    for (const { name } of dropped) sqlite.exec(`DROP INDEX "${name}"`);
    // Likewise the triggers (the analytics roll-ups'): the roll-ups are filled once from
    // the loaded rows below, with the same GROUP BY the tests check them against.
    const triggers = sqlite
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
      .all() as { name: string; sql: string }[];
    for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name}"`);

    const summary: BenchDataSummary = {
      locations: locationCount,
      slots: totalSlots,
      drivers: driverCount,
      reservations: 0,
      ledgerEntries: 0,
      utilizationRows: 0,
    };
    const nextTransactionId = transactionIds();
    // One transaction for the load, begun and committed by hand: the rows arrive from the
    // worker between turns of the event loop, which sqlite.transaction() cannot span.
    sqlite.exec("BEGIN");
    {
      const created = sqlTime(historyStart);
      const locations: { id: number }[] = [];
      const slots: HistorySlot[] = [];
      const perFloor = Math.ceil(options.slots / BENCH_FLOORS);
      const perZone = Math.ceil(perFloor / ZONES.length);
      for (let l = 0; l < locationCount; l++) {
        const location = benchLocation(l);
        locations.push(location);
        insert.location.run(
          location.id,
          location.slug,
          location.name,
          `${l + 1} Bench Street`,
          location.timeZone,
          location.requiresCheckIn ? 1 : 0,
          created,
        );
        for (let i = 0; i < options.slots; i++) {
          const floor = 1 + Math.floor(i / perFloor);
          const zone = ZONES[Math.floor((i % perFloor) / perZone)]!;
          const index = (i % perFloor) % perZone;
          const slotType = slotTypeAt(zone, index, perZone);
          // About one bay in a hundred closed for repairs.
          const outOfService = i % 97 === 50;
          const slot = {
            id: slots.length + 1,
            locationId: location.id,
            slotType,
            // Lower floors cost more, ten cents a level.
            pricePerHourCents: BASE_PRICE_CENTS[slotType] + (BENCH_FLOORS - floor) * 10,
            outOfService,
          };
          slots.push(slot);
          insert.slot.run(
            slot.id,
            location.id,
            `${floor}-${zone}-${String(index + 1).padStart(3, "0")}`,
            floor,
            zone,
            slotType,
            slot.pricePerHourCents,
            outOfService ? 1 : 0,
            outOfService ? "Repairs" : null,
            created,
          );
        }
      }
      // Staff work at every location; the admin (last, after the drivers) needs no rows.
      insert.user.run(1, "staff", "staff@parking.example", null, "staff", passwordHash, created);
      for (const { id } of locations) insert.staffLocation.run(1, id, created);
      const driverIds: number[] = [];
      for (let i = 0; i < driverCount; i++) {
        const id = i + 2;
        const name = `driver${String(i + 1).padStart(5, "0")}`;
        insert.user.run(
          id,
          name,
          `${name}@parking.example`,
          `BN${String(i).padStart(6, "0")}`,
          "driver",
          passwordHash,
          created,
        );
        driverIds.push(id);
      }
      const adminId = driverCount + 2;
      insert.user.run(
        adminId,
        "admin",
        "admin@parking.example",
        null,
        "admin",
        passwordHash,
        created,
      );

      // The slots' and drivers' rows are in; the history streams in from the worker.
      const sink: SimulatedRows = {
        stat(slotId, dayMs, hour, occupancy, revenue) {
          stats.add(slotId, historyDate(dayMs), hour, occupancy, revenue);
          summary.utilizationRows += 1;
        },
        reservation(id, userId, slotId, startMs, endMs, hours, amount) {
          const start = historyTime(startMs);
          reservations.add(id, userId, slotId, start, historyTime(endMs), hours, amount, start);
          payments.add(id, id, userId, amount, nextTransactionId(), start);
          summary.reservations += 1;
        },
        ledger(id, userId, kind, amount, after, reservationId, createdMs) {
          const created = historyTime(createdMs);
          ledger.add(id, userId, kind, amount, after, reservationId, reservationId, created);
          summary.ledgerEntries += 1;
        },
      };
      const balances = await simulateOnWorker(
        {
          seed: 20261130,
          locations: locationCount,
          slots,
          driverIds,
          from: historyStart.getTime(),
          to: now.getTime() - 60_000,
        },
        sink,
      );
      for (const table of [reservations, payments, ledger, stats]) table.flush();
      for (const [userId, balance] of balances) insert.balance.run(balance, userId);
      sqlite.exec("COMMIT");
    }
    step("load");
    // What follows is sorting: the roll-ups' GROUP BYs and every index. SQLite's sorter
    // sorts runs of up to cache_size in memory and merges them; small runs sorted by every
    // core beat one large run (a unique index over 9 million payments: 16 s → 6.4 s).
    sqlite.pragma(`threads = ${os.availableParallelism()}`);
    sqlite.pragma("cache_size = -16384");
    // The roll-ups first: filled into tables without their secondary indexes, which are
    // then built by a sort like every other.
    sqlite.transaction(() => {
      for (const sql of bulkFillRollupStatements("sqlite")) {
        sqlite.exec(sql);
        step(`rollup ${/^INSERT INTO (\w+)/.exec(sql)?.[1] ?? sql.slice(0, 30)}`);
      }
    })();
    for (const { name, sql } of dropped) {
      sqlite.exec(sql);
      step(`index ${name}`);
    }
    for (const { sql } of triggers) sqlite.exec(sql);
    sqlite.pragma("journal_mode = WAL");
    // Statistics for the query planner, from a sample: a full ANALYZE reads every row.
    sqlite.pragma("analysis_limit = 1000");
    sqlite.exec("ANALYZE");
    step("finish");
    return summary;
  } finally {
    sqlite.close();
  }
}

const root = path.resolve(import.meta.dirname, "../..");
export const DEFAULT_BENCH_DATABASE = path.join(root, "tmp", "bench", "bench.db");

/**
 * Applies the migrations `databasePath` has not had yet: a dataset kept from an earlier run
 * is measured on today's schema (an index a migration added, or dropped), not the old one.
 */
export function migrateBenchDatabase(databasePath: string) {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${databasePath}` },
    stdio: "pipe",
  });
}

/** Deletes `databasePath`, migrates it afresh and generates the dataset into it. */
export async function createBenchDatabase(databasePath: string, options: BenchDataOptions) {
  fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", ".json"]) {
    fs.rmSync(databasePath + suffix, { force: true });
  }
  migrateBenchDatabase(databasePath);
  const summary = await generateBenchData(databasePath, options);
  // What the file was generated with, so `npm run bench` can reuse it when they match.
  fs.writeFileSync(
    `${databasePath}.json`,
    `${JSON.stringify({ ...summary, slotsPerLocation: options.slots, days: options.days }, null, 2)}\n`,
  );
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      slots: { type: "string", default: "1000" },
      days: { type: "string", default: "365" },
      locations: { type: "string", default: "1" },
      out: { type: "string", default: DEFAULT_BENCH_DATABASE },
    },
  });
  const slots = Number(values.slots);
  const days = Number(values.days);
  const locations = Number(values.locations);
  if (
    !Number.isInteger(slots) ||
    slots < 1 ||
    !Number.isInteger(days) ||
    days < 1 ||
    days > 3650 ||
    !Number.isInteger(locations) ||
    locations < 1 ||
    locations > 1000
  ) {
    console.error(
      "usage: npm run bench:data -- [--slots 1000 (per location)] [--days 365] [--locations 1] [--out file.db]",
    );
    process.exit(2);
  }
  // Seconds by phase (the step's first word: load, index, rollup, finish); every step
  // with BENCH_DATA_TIMING=1.
  const phases = new Map<string, number>();
  const onStep = (step: string, seconds: number) => {
    const phase = step.split(" ")[0]!;
    phases.set(phase, (phases.get(phase) ?? 0) + seconds);
    if (process.env.BENCH_DATA_TIMING === "1") console.log(`  ${step}: ${seconds.toFixed(2)} s`);
  };
  const started = performance.now();
  const summary = await createBenchDatabase(path.resolve(values.out), {
    slots,
    days,
    locations,
    onStep,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // CPU of this process (the migration runs in a child and is not counted): on a shared
  // machine the wall time says more about the neighbours than about the generator.
  const cpu = process.cpuUsage();
  const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
  console.log(
    `${values.out}: ${summary.locations} locations, ${summary.slots} slots, ${summary.drivers} drivers, ${summary.reservations} reservations, ` +
      `${summary.ledgerEntries} ledger rows, ${summary.utilizationRows} utilization rows in ${seconds} s ` +
      `wall, ${cpuSeconds} s CPU (${[...phases].map(([p, s]) => `${p} ${s.toFixed(1)} s`).join(", ")})`,
  );
}
