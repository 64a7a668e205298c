// `npm run bench [-- --slots 1000 --days 365 --locations 1 --db sqlite|postgres]`: throughput
// and latency of the hot routes of the production build on a garage's (or, with
// --locations N, a network of N garages') worth of history, each line also as a ratio to
// GET /api/health measured in the same run (absolute numbers drift on shared machines;
// ratios measured side by side do not). Writes bench/results.json and bench/results.md
// (bench/results-postgres.* with --db postgres; bench/results-network.* with --locations
// above 1, which adds per-location scenarios next to the network-wide ones). Speed is
// measured here, never asserted in tests.
//
// Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_WARMUP_SECONDS (2),
// WEB_CONCURRENCY (the worker count `npm start` would run, default one per CPU: the
// availability, slot search and reserve scenarios are measured at 1 worker first, then
// everything at that count, and the report gives the scaling factor; on SQLite the scaling
// and the pages' ratio to the ceiling are measured once more with the two loads taking
// turns, see "Interleaved" below), SKIP_BUILD=1 (reuse
// the build), BENCH_CPU_PROF=1 (server writes a --cpu-prof profile into
// tmp/bench/prof), BENCH_ONLY=health,reserve,... (run a subset; health always runs),
// PG_BENCH_URL (--db postgres: a PostgreSQL server and a role that may create databases;
// the bench copies the dataset into a database of its own there and drops it after).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import {
  BENCH_PASSWORD,
  createBenchDatabase,
  DEFAULT_BENCH_DATABASE,
  migrateBenchDatabase,
} from "./data";
import { dropDatabase, pgPool } from "../setup/pg";
import { serverEntryPath, serverProcessEnv } from "../../scripts/server-process";
import { ROLLUP_TABLES } from "../../lib/analytics/rollups";
import { workerCount } from "../../lib/processes";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = path.join(root, "tmp", "bench");
const resultsDir = path.join(root, "bench");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const ONLY = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
/** Drivers who reserve, each given a large top-up (with its ledger row) before the run. */
const BENCH_DRIVERS = 100;
const BENCH_TOP_UP_CENTS = 50_000_000;
const CONTENTION_ROUNDS = 10;
const CONTENTION_REQUESTS = 100;
const CONTENTION_SLOTS = 5;
const HOUR_MS = 3_600_000;
/** The pages measured whole, as a signed-in driver (BENCH_ONLY names them by `scenario`). */
const PAGES = [
  { scenario: "dashboard", name: "GET / (dashboard, driver)", path: "/" },
  {
    scenario: "search-page",
    name: "GET /slots (slot search page, driver)",
    path: "/slots?floor=3&type=regular",
  },
] as const;
/** The slot searches, in turn. */
const SEARCHES = [
  "/api/slots?floor=3&type=regular&maxPriceCents=400",
  "/api/slots?floor=7&type=electric&maxPriceCents=500",
  "/api/slots?floor=1&type=vip&maxPriceCents=900",
  "/api/slots?floor=5&type=handicap&maxPriceCents=300",
  "/api/slots?floor=9&type=regular&maxPriceCents=320",
];

// ---------------------------------------------------------------------------------------
// The database behind the server: SQLite (a copy of the dataset file) or PostgreSQL (the
// same dataset copied into a throwaway database). The SQL below uses `?` placeholders and
// runs on both.

type Target = {
  name: string;
  databaseUrl: string;
  /** SQL checks after the run, against the same database the server used. */
  query<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** `slots` per location. */
type DatasetOptions = { slots: number; days: number; locations: number };

/** What a dataset file was generated with (its .json beside it), and how long it took. */
type DatasetMeta = {
  locations?: number;
  slotsPerLocation?: number;
  days?: number;
  reservations?: number;
  /** Wall time of the generation, when this script generated it. */
  generatedSeconds?: number;
};

/** One file per shape: the one-garage dataset stays where earlier runs left it. */
function datasetFile(options: DatasetOptions): string {
  return options.locations === 1
    ? DEFAULT_BENCH_DATABASE
    : path.join(tmp, `network-${options.locations}x${options.slots}-${options.days}d.db`);
}

/** The dataset file for these options, generated when missing or different. */
async function benchDataset(options: DatasetOptions): Promise<{ file: string; meta: DatasetMeta }> {
  const source = datasetFile(options);
  const metaFile = `${source}.json`;
  const read = (): DatasetMeta =>
    fs.existsSync(metaFile) ? (JSON.parse(fs.readFileSync(metaFile, "utf8")) as DatasetMeta) : {};
  const meta = read();
  const shape = `${options.locations} × ${options.slots} slots, ${options.days} days`;
  if (
    !fs.existsSync(source) ||
    meta.slotsPerLocation !== options.slots ||
    (meta.locations ?? 1) !== options.locations ||
    meta.days !== options.days
  ) {
    console.log(`Generating the dataset (${shape})...`);
    const started = performance.now();
    const summary = await createBenchDatabase(source, options);
    const generatedSeconds = Math.round((performance.now() - started) / 1000);
    console.log(`  ${summary.reservations} reservations in ${generatedSeconds} s`);
    fs.writeFileSync(metaFile, `${JSON.stringify({ ...read(), generatedSeconds }, null, 2)}\n`);
  } else {
    console.log(`Reusing ${path.relative(root, source)} (${shape}).`);
    migrateBenchDatabase(source);
  }
  return { file: source, meta: read() };
}

async function prepareSqlite(options: DatasetOptions, copy = "run"): Promise<Target> {
  const { file: source } = await benchDataset(options);
  // Every run starts from the pristine dataset: the run writes reservations.
  const file = path.join(tmp, `${copy}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(source, file);
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  fundBenchDrivers(sqlite);
  return {
    name: "sqlite",
    databaseUrl: `file:${file}`,
    query: async <T>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).all(...args) as T[],
    close: async () => {
      sqlite.close();
    },
  };
}

/** Tables in the order their foreign keys allow. */
const TABLES = [
  "locations",
  "users",
  "staff_locations",
  "parking_slots",
  "pricing_rules",
  "reservations",
  "payments",
  "wallet_transactions",
  "utilization_stats",
];
const COPY_BATCH = 5_000;

/**
 * The SQLite dataset, copied into a new database on PG_BENCH_URL's server (migrated with
 * prisma/postgres/migrations): rows go over as JSON and json_populate_recordset turns
 * each value into its column's type (0/1 → boolean, ISO text → timestamptz, text → enum).
 */
async function preparePostgres(options: DatasetOptions): Promise<Target> {
  const adminUrl = process.env.PG_BENCH_URL;
  if (!adminUrl) {
    throw new Error(
      "--db postgres needs PG_BENCH_URL=postgresql://role:password@host/db (CREATEDB)",
    );
  }
  const { file: source } = await benchDataset(options);
  const database = `parking_bench_${process.pid}`;
  const admin = pgPool(adminUrl);
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "pipe",
  });
  const pg = pgPool(databaseUrl);
  const sqlite = new Database(source, { readonly: true });
  const started = performance.now();
  // The roll-up tables come over as bench:data computed them (same definitions on both
  // databases); the triggers that keep them are off while the base rows load (row by row
  // in plpgsql they made the copy take an hour) and on again before the server starts.
  const tables = [...TABLES, ...ROLLUP_TABLES];
  for (const table of tables) await pg.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  for (const table of tables) {
    const hasId = !(ROLLUP_TABLES as string[]).includes(table);
    // Batch by batch: a network's utilization table does not fit in memory as objects.
    const insert = (rows: unknown[]) =>
      pg.query(
        `INSERT INTO "${table}" SELECT * FROM json_populate_recordset(NULL::"${table}", $1::json)`,
        [JSON.stringify(rows)],
      );
    let batch: unknown[] = [];
    for (const row of sqlite
      .prepare(`SELECT * FROM "${table}"${hasId ? " ORDER BY id" : ""}`)
      .iterate()) {
      batch.push(row);
      if (batch.length === COPY_BATCH) {
        await insert(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await insert(batch);
    if (hasId) {
      await pg.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT MAX(id) FROM "${table}"), 0) + 1, false)`,
      );
    }
  }
  for (const table of tables) await pg.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
  sqlite.close();
  await pg.query("ANALYZE");
  console.log(`  copied into PostgreSQL in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const query = async <T>(sql: string, ...args: unknown[]) => {
    let n = 0;
    const { rows } = await pg.query<T>(
      sql.replace(/\?/g, () => `$${++n}`),
      args,
    );
    return rows;
  };
  await fundBenchDriversPg(query);
  return {
    name: "postgres",
    databaseUrl,
    query,
    close: async () => {
      await pg.end();
      await dropDatabase(admin, database);
      await admin.end();
    },
  };
}

/** fundBenchDrivers on PostgreSQL (COUNT/SUM come back as strings there: Number()). */
async function fundBenchDriversPg(query: Target["query"]) {
  await query(
    `WITH d AS (
       SELECT id, wallet_balance_cents AS balance FROM users WHERE role = 'driver' ORDER BY id LIMIT ?
     ), ledger AS (
       INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, created_at)
       SELECT id, 'top_up', CAST(? AS INTEGER), balance + CAST(? AS INTEGER), now() FROM d
     )
     UPDATE users u SET wallet_balance_cents = d.balance + CAST(? AS INTEGER) FROM d WHERE u.id = d.id`,
    BENCH_DRIVERS,
    BENCH_TOP_UP_CENTS,
    BENCH_TOP_UP_CENTS,
    BENCH_TOP_UP_CENTS,
  );
}

/** The first BENCH_DRIVERS drivers get a top-up, written as the domain writes one. */
function fundBenchDrivers(sqlite: Database.Database) {
  const now = new Date().toISOString().replace("Z", "+00:00");
  const drivers = sqlite
    .prepare(
      "SELECT id, wallet_balance_cents AS balance FROM users WHERE role = 'driver' ORDER BY id LIMIT ?",
    )
    .all(BENCH_DRIVERS) as { id: number; balance: number }[];
  const ledger = sqlite.prepare(
    "INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, created_at) VALUES (?, 'top_up', ?, ?, ?)",
  );
  const balance = sqlite.prepare("UPDATE users SET wallet_balance_cents = ? WHERE id = ?");
  sqlite.transaction(() => {
    for (const d of drivers) {
      ledger.run(d.id, BENCH_TOP_UP_CENTS, d.balance + BENCH_TOP_UP_CENTS, now);
      balance.run(d.balance + BENCH_TOP_UP_CENTS, d.id);
    }
  })();
}

// ---------------------------------------------------------------------------------------
// The server and its memory.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const taskDir = `/proc/${pids[i]}/task`;
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(taskDir);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        const children = fs.readFileSync(`${taskDir}/${task}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return pids;
}

/** Resident memory of each process of the tree, in MB (Linux /proc). */
function processRssMb(pid: number): number[] {
  const sizes: number[] = [];
  for (const p of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (match) sizes.push(Number(match[1]) / 1024);
    } catch {
      // gone
    }
  }
  return sizes;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, ms) the process and its descendants have used so far (Linux /proc). */
function treeCpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): utime and stime are the
      // 12th and 13th of them.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * The server's CPU time so far (ms), set for each pass: a scenario reads it before and after
 * its measured part, so each line says what a request cost the server, a figure the load
 * generator beside it on the same cores does not move as it moves requests/s.
 */
let serverCpuMs: () => number = () => 0;

/** Runs the measured part of a scenario and gives the server's CPU ms a request during it. */
async function withServerCpu<T>(
  run: () => Promise<T>,
  requests: (result: T) => number,
): Promise<[T, number | undefined]> {
  const before = serverCpuMs();
  const result = await run();
  const count = requests(result);
  const used = serverCpuMs() - before;
  return [result, count > 0 && used >= 0 ? Math.round((used / count) * 10) / 10 : undefined];
}

/** Resident memory of the process and its descendants, in MB. */
function treeRssMb(pid: number): number {
  return processRssMb(pid).reduce((a, b) => a + b, 0);
}

async function startServer(
  databaseUrl: string,
  port: number,
  workers: number,
): Promise<ChildProcess> {
  // Node refuses --cpu-prof in NODE_OPTIONS, so it goes on the command line; the profile is
  // written when the server exits.
  const profileFlags = process.env.BENCH_CPU_PROF
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(tmp, "prof")}`]
    : [];
  // The server entry `npm start` runs; its log (a JSON line per request) goes to a file, so
  // writing it is measured but does not flood this report.
  fs.mkdirSync(tmp, { recursive: true });
  const log = fs.openSync(path.join(tmp, `bench-server-${workers}w.log`), "w");
  const server = spawn(process.execPath, [...profileFlags, serverEntryPath(root)], {
    cwd: root,
    // The heap bound and malloc arenas `npm start` gives each server process.
    env: serverProcessEnv({
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The demo payment provider, as `npm start` runs it without configuration.
      ALLOW_DEMO_PAYMENTS: "1",
      WEB_CONCURRENCY: String(workers),
    }),
    stdio: ["ignore", log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error("the server exited during start-up");
    const up = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not come up within 60 s");
}

// ---------------------------------------------------------------------------------------
// Load.

async function login(baseUrl: string, username: string, index: number): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `10.9.${index % 250}.1` },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** The first `count` drivers signed in on the server at `baseUrl`, four at a time: their cookies. */
async function signInDrivers(target: Target, baseUrl: string, count: number): Promise<string[]> {
  const drivers = await target.query<{ username: string }>(
    "SELECT username FROM users WHERE role = 'driver' ORDER BY id LIMIT ?",
    count,
  );
  const cookies: string[] = [];
  for (let i = 0; i < drivers.length; i += 4) {
    cookies.push(
      ...(await Promise.all(
        drivers.slice(i, i + 4).map((d, j) => login(baseUrl, d.username, i + j)),
      )),
    );
  }
  return cookies;
}

/** The slots a reservation may take, in id order. */
async function freeSlotsOf(target: Target): Promise<number[]> {
  return (
    await target.query<{ id: number }>(
      "SELECT id FROM parking_slots WHERE out_of_service = false AND is_available = true ORDER BY id",
    )
  ).map((r) => r.id);
}

/** Stops the server (as Ctrl-C would) and waits until it exited. */
async function stopServer(server: ChildProcess): Promise<void> {
  server.kill("SIGINT");
  await new Promise((r) => server.once("exit", r));
}

type Line = {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Status code → count, for every response; plus socket errors and timeouts. */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  ratio?: number;
  note?: string;
  /** Peak server RSS while this scenario ran (MB): which load makes memory grow. */
  peakRssMb?: number;
  /** Server CPU (all its processes) per request while the measured part ran, ms. */
  cpuMsPerRequest?: number;
};

/** Responses by status code (autocannon counts them; its types do not say so). */
function resultStatuses(result: autocannon.Result): Record<string, number> {
  const stats =
    (result as unknown as { statusCodeStats?: Record<string, { count: number }> })
      .statusCodeStats ?? {};
  return Object.fromEntries(Object.entries(stats).map(([code, { count }]) => [code, count]));
}

const resultRequests = (result: autocannon.Result) =>
  Object.values(resultStatuses(result)).reduce((a, b) => a + b, 0);

function toLine(
  name: string,
  result: autocannon.Result,
  note?: string,
  cpuMsPerRequest?: number,
): Line {
  const statuses = resultStatuses(result);
  const requests = resultRequests(result);
  const seconds = result.duration > 0 ? result.duration : 1;
  return {
    name,
    requests,
    rps: Math.round(requests / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    note,
    cpuMsPerRequest,
  };
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const length = options.amount === undefined ? { duration: SECONDS } : {};
    autocannon({ connections: CONNECTIONS, ...length, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function getScenario(name: string, url: string, headers: Record<string, string> = {}) {
  if (WARMUP_SECONDS > 0) await cannon({ url, headers, duration: WARMUP_SECONDS });
  const [result, cpu] = await withServerCpu(() => cannon({ url, headers }), resultRequests);
  return toLine(name, result, undefined, cpu);
}

/** Autocannon requests: GETs of `paths` in turn. */
function rotation(paths: readonly string[], headers: Record<string, string> = {}) {
  let i = 0;
  return [{ setupRequest: (r: object) => ({ ...r, headers, path: paths[i++ % paths.length] }) }];
}

/** GETs of `paths` in turn (one location after another, one query after another). */
async function rotatingScenario(
  name: string,
  baseUrl: string,
  paths: readonly string[],
  headers: Record<string, string> = {},
  note?: string,
) {
  const requests = rotation(paths, headers);
  if (WARMUP_SECONDS > 0) await cannon({ url: baseUrl, requests, duration: WARMUP_SECONDS });
  const [result, cpu] = await withServerCpu(
    () => cannon({ url: baseUrl, requests }),
    resultRequests,
  );
  return toLine(name, result, note, cpu);
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * CONNECTIONS signed-in clients, each asking for `pathname` again as soon as the whole page
 * has arrived: `runFor(seconds)` gives every request's time to first and to last byte.
 * Each run opens its own connections and closes them at its end, as autocannon does: a
 * connection left idle between two runs in turns (5 s and more) meets the server's
 * keep-alive timeout, and a request sent as the server closes it fails with a reset.
 */
function pageLoad(baseUrl: string, pathname: string, cookie: string) {
  const url = new URL(pathname, baseUrl);
  const one = (agent: http.Agent) =>
    new Promise<{ status: number; ttfb: number; full: number; bytes: number }>(
      (resolve, reject) => {
        const started = performance.now();
        let ttfb = 0;
        let bytes = 0;
        const req = http.get(url, { agent, headers: { cookie } }, (res) => {
          res.once("data", () => (ttfb = performance.now() - started));
          res.on("data", (chunk: Buffer) => (bytes += chunk.length));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              ttfb,
              full: performance.now() - started,
              bytes,
            }),
          );
        });
        req.on("error", reject);
      },
    );
  const runFor = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    const ttfbs: number[] = [];
    const fulls: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    let bytes = 0;
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          try {
            const answer = await one(agent);
            statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
            ttfbs.push(answer.ttfb);
            fulls.push(answer.full);
            bytes += answer.bytes;
          } catch {
            errors++;
          }
        }
      }),
    );
    agent.destroy();
    return { ttfbs, fulls, statuses, errors, bytes };
  };
  return runFor;
}

/**
 * A page at CONNECTIONS concurrent signed-in clients: complete HTML (every byte of the
 * streamed response) per request, and its time to first byte. Two lines: the whole page
 * (p50/p99 of the full time, requests/s) and its TTFB (p50/p99 of the first byte).
 */
async function pageScenario(
  name: string,
  baseUrl: string,
  pathname: string,
  cookie: string,
): Promise<[Line, Line]> {
  const runFor = pageLoad(baseUrl, pathname, cookie);
  if (WARMUP_SECONDS > 0) await runFor(WARMUP_SECONDS);
  const started = performance.now();
  const [{ ttfbs, fulls, statuses, errors, bytes }, cpuMsPerRequest] = await withServerCpu(
    () => runFor(SECONDS),
    (run) => run.fulls.length,
  );
  const elapsed = (performance.now() - started) / 1000;
  ttfbs.sort((a, b) => a - b);
  fulls.sort((a, b) => a - b);
  const ms = (sorted: number[], p: number) => Math.round(percentile(sorted, p) * 10) / 10;
  const base = {
    requests: fulls.length,
    rps: Math.round(fulls.length / elapsed),
    statuses,
    cpuMsPerRequest,
  };
  const kb = fulls.length === 0 ? 0 : Math.round(bytes / fulls.length / 1024);
  return [
    {
      name: `${name} whole page`,
      ...base,
      p50: ms(fulls, 50),
      p99: ms(fulls, 99),
      errors,
      timeouts: 0,
      note: `latency = until the last byte of the HTML (${kb} KB a page)`,
    },
    {
      name: `${name} TTFB`,
      ...base,
      p50: ms(ttfbs, 50),
      p99: ms(ttfbs, 99),
      errors: 0,
      timeouts: 0,
      note: "latency = time to first byte of the HTML, of the same requests",
    },
  ];
}

/**
 * `count` requests to GET `url` (or to each of `url`'s list in turn), each after the 3 s
 * analytics cache has lapsed.
 */
async function coldScenario(
  name: string,
  url: string | readonly string[],
  cookie: string,
  count: number,
) {
  const urls = typeof url === "string" ? [url] : url;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, 3_200));
    const started = performance.now();
    const response = await fetch(urls[i % urls.length]!, { headers: { cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return {
    name,
    requests: count,
    rps: 0,
    p50: Math.round(percentile(times, 50)),
    p99: Math.round(times.at(-1) ?? 0),
    statuses,
    errors: 0,
    timeouts: 0,
    note: `${count} sequential requests, each after the 3 s cache expired (p99 = max)`,
  } satisfies Line;
}

/**
 * Reservations that never compete: request i books slot i mod n for one hour, in pass
 * ⌊i / n⌋: pass 0 starts now, pass p ≥ 1 starts 2 h + (p − 1) × 25 h from now (after pass
 * 0's hour is over): no two requests ever want the same slot and window.
 */
function distinctReservations(freeSlots: readonly number[], cookies: readonly string[]) {
  let next = 0;
  const passStart = Date.now() + 2 * HOUR_MS;
  const requests = [
    {
      method: "POST" as const,
      path: "/api/reserve",
      setupRequest: (request: object) => {
        const i = next++;
        const slotId = freeSlots[i % freeSlots.length]!;
        const pass = Math.floor(i / freeSlots.length);
        return {
          ...request,
          headers: { "content-type": "application/json", cookie: cookies[i % cookies.length]! },
          body: JSON.stringify({
            slotId,
            durationHours: 1,
            ...(pass > 0 && {
              startTime: new Date(passStart + (pass - 1) * 25 * HOUR_MS).toISOString(),
            }),
          }),
        };
      },
    },
  ];
  return { requests, sent: () => next };
}

// ---------------------------------------------------------------------------------------

type Invariants = {
  doubleBookings: number;
  walletsOffLedger: number;
  contention: { rounds: number; created: number; conflicts: number; other: Record<string, number> };
};

async function checkInvariants(target: Target): Promise<Omit<Invariants, "contention">> {
  const [{ n: doubleBookings }] = (await target.query<{ n: number }>(`
    SELECT COUNT(*) AS n FROM reservations a JOIN reservations b
      ON a.slot_id = b.slot_id AND a.id < b.id
    WHERE a.status IN ('active', 'upcoming') AND b.status IN ('active', 'upcoming')
      AND a.start_time < b.end_time AND b.start_time < a.end_time`)) as [{ n: number }];
  const [{ n: walletsOffLedger }] = (await target.query<{ n: number }>(`
    SELECT COUNT(*) AS n FROM users u
    LEFT JOIN (SELECT user_id, SUM(amount_cents) AS total FROM wallet_transactions GROUP BY user_id) l
      ON l.user_id = u.id
    WHERE u.wallet_balance_cents <> COALESCE(l.total, 0)`)) as [{ n: number }];
  return { doubleBookings: Number(doubleBookings), walletsOffLedger: Number(walletsOffLedger) };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

type Scaling = {
  name: string;
  oneWorker: { rps: number; ratio: number; cpuMsPerRequest?: number };
  workers: { rps: number; ratio: number; cpuMsPerRequest?: number };
  /** req/s at the default worker count over req/s at 1 worker. */
  factor: number;
};

function markdown(report: {
  machine: ReturnType<typeof machine>;
  dataset: { reservations?: number; generatedSeconds?: number };
  lines: Line[];
  peakRssMb: number;
  peakProcessRssMb: number;
  invariants: Invariants;
  settings: Record<string, unknown> & { workers: number };
  scaling: Scaling[];
  interleaved: InterleavedLine[];
}): string {
  const fmtStatuses = (s: Record<string, number>) =>
    Object.entries(s)
      .map(([code, n]) => `${code}: ${n}`)
      .join(", ");
  const rows = report.lines.map((l) =>
    [
      l.name,
      l.rps ? String(l.rps) : "–",
      l.ratio !== undefined ? `${l.ratio.toFixed(2)}×` : "–",
      String(l.p50),
      String(l.p99),
      fmtStatuses(l.statuses) +
        (l.errors || l.timeouts ? `; errors ${l.errors}, timeouts ${l.timeouts}` : ""),
      l.peakRssMb !== undefined ? String(l.peakRssMb) : "–",
      l.cpuMsPerRequest !== undefined ? l.cpuMsPerRequest.toFixed(1) : "–",
    ].join(" | "),
  );
  const cpu = (pass: { cpuMsPerRequest?: number }) => pass.cpuMsPerRequest?.toFixed(1) ?? "–";
  const m = report.machine;
  const c = report.invariants.contention;
  const n = report.settings.workers;
  const scaling = report.scaling.length
    ? [
        "",
        `Scaling, 1 worker → ${n} workers (each pass on a fresh copy of the dataset, ratios to that pass's own ceiling):`,
        "",
        `| scenario | 1 worker req/s | × ceiling | CPU ms/req | ${n} workers req/s | × ceiling | CPU ms/req | scaling |`,
        `|---|---:|---:|---:|---:|---:|---:|---:|`,
        ...report.scaling.map(
          (s) =>
            `| ${s.name} | ${s.oneWorker.rps} | ${s.oneWorker.ratio.toFixed(2)}× | ${cpu(s.oneWorker)} | ${s.workers.rps} | ${s.workers.ratio.toFixed(2)}× | ${cpu(s.workers)} | ${s.factor.toFixed(2)}× |`,
        ),
      ]
    : [];
  const side = (s: SideFigures) => `${s.rps} | ${cpu(s)}`;
  const interleaved = report.interleaved.length
    ? [
        "",
        `Interleaved: two loads measured in turns (${SLICES} slices of ${(SECONDS / SLICES).toFixed(1)} s each, A B B A …), so that the machine's drift moves both alike. Scaling: a 1-worker server and a ${n}-worker server up at once, each on its own copy of the dataset. Pages: the page and the ceiling in turns on the ${n}-worker server.`,
        "",
        `| scenario | A | A req/s | A CPU ms/req | B | B req/s | B CPU ms/req | B / A |`,
        `|---|---|---:|---:|---|---:|---:|---:|`,
        ...report.interleaved.map(
          (l) =>
            `| ${l.name} | ${l.a.side} | ${side(l.a)} | ${l.b.side} | ${side(l.b)} | ${l.factor.toFixed(2)}× |`,
        ),
      ]
    : [];
  return [
    `${n} worker process(es):`,
    "",
    `| scenario | req/s | × ceiling | p50 ms | p99 ms | responses | peak RSS MB | server CPU ms/req |`,
    `|---|---:|---:|---:|---:|---|---:|---:|`,
    ...rows.map((r) => `| ${r} |`),
    "",
    `Server CPU ms/req: the user and system time of the server's processes during the measured part of a scenario, per request (the load generator shares the cores: its share moves req/s, not this). ` +
      `Peak server RSS: ${report.peakRssMb.toFixed(0)} MB (the largest process ${report.peakProcessRssMb.toFixed(0)} MB). ` +
      `Contention: ${c.rounds} rounds × ${CONTENTION_REQUESTS} requests on ${CONTENTION_SLOTS} slots → ` +
      `${c.created} created, ${c.conflicts} 409, other ${JSON.stringify(c.other)}; ` +
      `double bookings ${report.invariants.doubleBookings}, wallets off their ledger ${report.invariants.walletsOffLedger}.`,
    "",
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}; ${m.date}. ` +
      `Settings: ${JSON.stringify(report.settings)}. ` +
      `Dataset: ${report.dataset.reservations ?? "?"} past reservations` +
      (report.dataset.generatedSeconds !== undefined
        ? `, generated in ${report.dataset.generatedSeconds} s.`
        : " (generated before this run was timed)."),
    ...report.lines.filter((l) => l.note).map((l) => `- ${l.name}: ${l.note}`),
    ...scaling,
    ...interleaved,
    "",
  ].join("\n");
}

/**
 * Scenarios measured at 1 worker too, for the scaling factor. The pages among them: they run
 * before the reserve, and a reserve measured after the reads and the pages cost more (3.8–5.3
 * ms of CPU a booking at 2 workers, 3.3 after the reads alone): both passes run the same
 * scenarios before it.
 */
const SCALING_SCENARIOS = ["availability", "slots", "dashboard", "search-page", "reserve"];

type Pass = {
  workers: number;
  lines: Line[];
  peakRssMb: number;
  /** The most any one process of the server held (the primary or a worker). */
  peakProcessRssMb: number;
  invariants: Invariants;
};

/** Starts the server with `workers` processes on a fresh copy of the dataset and measures. */
async function runPass(
  db: "sqlite" | "postgres",
  options: DatasetOptions,
  workers: number,
  want: (name: string) => boolean,
): Promise<Pass> {
  const target = db === "postgres" ? await preparePostgres(options) : await prepareSqlite(options);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startServer(target.databaseUrl, port, workers);
  serverCpuMs = () => treeCpuMs(server.pid!);
  let peakRssMb = 0;
  let peakProcessRssMb = 0;
  let scenarioPeakRssMb = 0;
  const sampler = setInterval(() => {
    const sizes = processRssMb(server.pid!);
    const rss = sizes.reduce((a, b) => a + b, 0);
    peakRssMb = Math.max(peakRssMb, rss);
    peakProcessRssMb = Math.max(peakProcessRssMb, ...sizes);
    scenarioPeakRssMb = Math.max(scenarioPeakRssMb, rss);
  }, 200);
  try {
    const cookies = await signInDrivers(target, baseUrl, BENCH_DRIVERS);
    const staffCookie = await login(baseUrl, "staff", 251);
    const locationIds = (
      await target.query<{ id: number }>("SELECT id FROM locations ORDER BY id")
    ).map((r) => Number(r.id));
    // A network's lines say whether they cover the whole network or one garage at a time.
    const network = locationIds.length > 1;
    const whole = network ? " (network)" : "";
    const perLocation = (paths: readonly string[]) =>
      locationIds.flatMap((id) =>
        paths.map((p) => `${p}${p.includes("?") ? "&" : "?"}locationId=${id}`),
      );
    const rotationNote = `each request the next of the ${locationIds.length} locations`;
    const freeSlots = await freeSlotsOf(target);

    const lines: Line[] = [];
    console.log(
      `${workers} worker process(es): ${CONNECTIONS} connections, ${SECONDS} s per scenario (+${WARMUP_SECONDS} s warm-up)`,
    );
    const say = (line: Line) => {
      line.peakRssMb = Math.round(Math.max(scenarioPeakRssMb, treeRssMb(server.pid!)));
      scenarioPeakRssMb = 0;
      lines.push(line);
      console.log(
        `  ${line.name}: ${line.rps} req/s, p50 ${line.p50} ms, p99 ${line.p99} ms, ${JSON.stringify(line.statuses)}`,
      );
    };
    say(await getScenario("GET /api/health (ceiling)", `${baseUrl}/api/health`));
    if (want("availability")) {
      say(await getScenario(`GET /api/availability${whole}`, `${baseUrl}/api/availability`));
      if (network) {
        say(
          await rotatingScenario(
            "GET /api/availability?locationId (per location)",
            baseUrl,
            perLocation(["/api/availability"]),
            {},
            rotationNote,
          ),
        );
      }
    }
    if (want("slots")) {
      say(
        await rotatingScenario(
          `GET /api/slots?floor&type&maxPriceCents${whole}`,
          baseUrl,
          SEARCHES,
        ),
      );
      if (network) {
        say(
          await rotatingScenario(
            "GET /api/slots?floor&type&maxPriceCents&locationId (per location)",
            baseUrl,
            perLocation(SEARCHES),
            {},
            rotationNote,
          ),
        );
      }
    }

    // The pages before any booking: the search then lists a full page of free slots (after
    // the reserve scenarios most of a garage is taken, and it would list a few).
    for (const page of PAGES) {
      if (!want(page.scenario)) continue;
      for (const line of await pageScenario(page.name, baseUrl, page.path, cookies[0]!)) say(line);
    }

    // Contention first, on slots nobody else touches; distinct reservations get the rest.
    const contentionSlots = freeSlots.splice(0, CONTENTION_ROUNDS * CONTENTION_SLOTS);
    const contention = { rounds: 0, created: 0, conflicts: 0, other: {} as Record<string, number> };
    if (want("reserve")) {
      const { requests: distinct, sent } = distinctReservations(freeSlots, cookies);
      const [result, cpu] = await withServerCpu(
        () => cannon({ url: baseUrl, requests: distinct }),
        resultRequests,
      );
      const now = Math.min(sent(), freeSlots.length);
      say(
        toLine(
          "POST /api/reserve (distinct slots)",
          result,
          `${now} reservations starting now on distinct free slots, the other ${Math.max(0, sent() - now)} booked ahead on the same slots (one 25 h later per pass); never two requests for one slot and window`,
          cpu,
        ),
      );

      const contentionLatencies: number[] = [];
      let contentionRequests = 0;
      let contentionSeconds = 0;
      for (let round = 0; round < CONTENTION_ROUNDS; round++) {
        const slots = contentionSlots.slice(
          round * CONTENTION_SLOTS,
          (round + 1) * CONTENTION_SLOTS,
        );
        let k = 0;
        const result = await cannon({
          url: baseUrl,
          connections: CONTENTION_REQUESTS,
          amount: CONTENTION_REQUESTS,
          requests: [
            {
              method: "POST",
              path: "/api/reserve",
              setupRequest: (request) => {
                const i = k++;
                return {
                  ...request,
                  headers: {
                    "content-type": "application/json",
                    cookie: cookies[i % cookies.length]!,
                  },
                  body: JSON.stringify({ slotId: slots[i % slots.length], durationHours: 2 }),
                };
              },
            },
          ],
        });
        const line = toLine("contention", result);
        contention.rounds++;
        for (const [code, n] of Object.entries(line.statuses)) {
          if (code === "201") contention.created += n;
          else if (code === "409") contention.conflicts += n;
          else contention.other[code] = (contention.other[code] ?? 0) + n;
        }
        if (line.errors || line.timeouts)
          contention.other.errors = (contention.other.errors ?? 0) + line.errors + line.timeouts;
        contentionLatencies.push(line.p50);
        contentionRequests += line.requests;
        contentionSeconds += result.duration;
      }
      const statuses: Record<string, number> = {
        "201": contention.created,
        "409": contention.conflicts,
        ...contention.other,
      };
      contentionLatencies.sort((a, b) => a - b);
      say({
        name: `POST /api/reserve (contention: ${CONTENTION_REQUESTS} on ${CONTENTION_SLOTS} slots × ${CONTENTION_ROUNDS})`,
        requests: contentionRequests,
        rps: Math.round(contentionRequests / contentionSeconds),
        p50: percentile(contentionLatencies, 50),
        p99: contentionLatencies.at(-1) ?? 0,
        statuses,
        errors: 0,
        timeouts: 0,
        note: `${CONTENTION_REQUESTS} connections at once per round; p50 is the median of the rounds' medians, p99 the worst round's median; expected ${CONTENTION_ROUNDS * CONTENTION_SLOTS} created`,
      });
    }

    if (want("analytics")) {
      const headers = { cookie: staffCookie };
      for (const days of [30, 365]) {
        say(
          await getScenario(
            `GET /api/analytics?days=${days}${whole}`,
            `${baseUrl}/api/analytics?days=${days}`,
            headers,
          ),
        );
        if (network) {
          say(
            await rotatingScenario(
              `GET /api/analytics?days=${days}&locationId (per location)`,
              baseUrl,
              perLocation([`/api/analytics?days=${days}`]),
              headers,
              rotationNote,
            ),
          );
        }
      }
      for (const days of [30, 365]) {
        say(
          await coldScenario(
            `GET /api/analytics?days=${days}${whole} (uncached)`,
            `${baseUrl}/api/analytics?days=${days}`,
            staffCookie,
            5,
          ),
        );
        if (network) {
          say(
            await coldScenario(
              `GET /api/analytics?days=${days}&locationId (per location, uncached)`,
              perLocation([`/api/analytics?days=${days}`]).map((p) => `${baseUrl}${p}`),
              staffCookie,
              10,
            ),
          );
        }
      }
    }
    // The ceiling moves by a quarter between measurements of one day (the first scenario
    // after start-up met a colder server or a busier machine): it is measured again at the
    // end of the pass, and every ratio is to the higher of the two.
    const end = await getScenario(
      "GET /api/health (ceiling, again at the end)",
      `${baseUrl}/api/health`,
    );
    end.note = "every × ceiling of this pass is to the higher of the two health measurements";
    say(end);
    const ceiling = Math.max(lines[0]!.rps, end.rps);
    for (const line of lines) if (line.rps > 0) line.ratio = line.rps / ceiling;
    const invariants: Invariants = { ...(await checkInvariants(target)), contention };
    return {
      workers,
      lines,
      peakRssMb: Math.round(peakRssMb),
      peakProcessRssMb: Math.round(peakProcessRssMb),
      invariants,
    };
  } finally {
    clearInterval(sampler);
    await target.close();
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------
// Interleaved: two loads measured in turns. This machine's speed moves by a third within
// minutes (the ceiling of one pass 692 → 1,297 req/s), so a ratio of two figures measured
// minutes apart (a 1-worker pass, then the default count's) is as much the machine as the
// app. Here both servers are up at once, each on its own copy of the dataset, and the
// loads take turns in short slices (A B B A A B …): a slow minute slows both sides alike.

/** The number of slices each side runs; together they last about SECONDS. */
const SLICES = 4;

type SliceResult = { requests: number; statuses: Record<string, number>; errors: number };

/** A load on one server, run for a slice at a time, and that server's CPU time so far. */
type Side = { run: (seconds: number) => Promise<SliceResult>; cpuMs: () => number };

type SideFigures = {
  rps: number;
  cpuMsPerRequest?: number;
  statuses: Record<string, number>;
  errors: number;
};

type InterleavedLine = {
  name: string;
  /** Each side, named ("1 worker", "the page"). */
  a: SideFigures & { side: string };
  b: SideFigures & { side: string };
  /** b's req/s over a's. */
  factor: number;
};

function cannonSlice(options: autocannon.Options): (seconds: number) => Promise<SliceResult> {
  return async (seconds) => {
    const result = await cannon({ ...options, duration: seconds });
    return {
      requests: resultRequests(result),
      statuses: resultStatuses(result),
      errors: result.errors + result.timeouts,
    };
  };
}

function pageSlice(baseUrl: string, pathname: string, cookie: string) {
  const runFor = pageLoad(baseUrl, pathname, cookie);
  return async (seconds: number): Promise<SliceResult> => {
    const { fulls, statuses, errors } = await runFor(seconds);
    return { requests: fulls.length, statuses, errors };
  };
}

async function interleave(name: string, sides: [string, string], a: Side, b: Side) {
  const slice = SECONDS / SLICES;
  const totals = [a, b].map(() => ({
    requests: 0,
    seconds: 0,
    cpuMs: 0,
    statuses: {} as Record<string, number>,
    errors: 0,
  }));
  if (WARMUP_SECONDS > 0) {
    await a.run(WARMUP_SECONDS);
    await b.run(WARMUP_SECONDS);
  }
  for (let i = 0; i < SLICES; i++) {
    // A B, then B A: a drift within a pair favours neither side.
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const side = k === 0 ? a : b;
      const total = totals[k]!;
      const cpuBefore = side.cpuMs();
      const started = performance.now();
      const result = await side.run(slice);
      total.seconds += (performance.now() - started) / 1000;
      total.cpuMs += side.cpuMs() - cpuBefore;
      total.requests += result.requests;
      total.errors += result.errors;
      for (const [code, n] of Object.entries(result.statuses)) {
        total.statuses[code] = (total.statuses[code] ?? 0) + n;
      }
    }
  }
  const [ta, tb] = totals.map((t): SideFigures => ({
    rps: t.seconds > 0 ? Math.round(t.requests / t.seconds) : 0,
    cpuMsPerRequest: t.requests > 0 ? Math.round((t.cpuMs / t.requests) * 10) / 10 : undefined,
    statuses: t.statuses,
    errors: t.errors,
  })) as [SideFigures, SideFigures];
  const line: InterleavedLine = {
    name,
    a: { side: sides[0], ...ta },
    b: { side: sides[1], ...tb },
    factor: ta.rps > 0 ? Math.round((tb.rps / ta.rps) * 100) / 100 : 0,
  };
  console.log(
    `  ${name}: ${sides[0]} ${ta.rps} req/s, ${sides[1]} ${tb.rps} req/s → ${line.factor.toFixed(2)}×`,
  );
  return line;
}

/** A server for the interleaved scenarios: its dataset copy, signed-in drivers, free slots. */
async function interleavedServer(options: DatasetOptions, workers: number) {
  const target = await prepareSqlite(options, `interleaved-${workers}w`);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startServer(target.databaseUrl, port, workers);
  const cookies = await signInDrivers(target, baseUrl, CONNECTIONS);
  const freeSlots = await freeSlotsOf(target);
  return {
    baseUrl,
    cookies,
    freeSlots,
    side: (run: Side["run"]): Side => ({ run, cpuMs: () => treeCpuMs(server.pid!) }),
    target,
    async stop() {
      await target.close();
      await stopServer(server);
    },
  };
}

/**
 * The scaling scenarios with a 1-worker server and a `workers` one up at once, in turns;
 * and on the latter each page in turns with the ceiling. SQLite only: on PostgreSQL the
 * dataset's copy takes minutes, and a second one at once would double that.
 */
async function runInterleaved(
  options: DatasetOptions,
  workers: number,
  want: (name: string) => boolean,
): Promise<{ lines: InterleavedLine[]; invariants: Omit<Invariants, "contention">[] }> {
  const one = await interleavedServer(options, 1);
  const many = await interleavedServer(options, workers).catch(async (error: unknown) => {
    await one.stop();
    throw error;
  });
  console.log(`Interleaved: 1 worker and ${workers} workers up at once, ${SLICES} slices each`);
  const lines: InterleavedLine[] = [];
  const scaling: [string, string] = ["1 worker", `${workers} workers`];
  try {
    const scale = async (name: string, load: (s: typeof one) => Side["run"]) =>
      lines.push(await interleave(name, scaling, one.side(load(one)), many.side(load(many))));
    const health = (s: typeof one) => cannonSlice({ url: `${s.baseUrl}/api/health` });
    await scale("GET /api/health", health);
    if (want("availability")) {
      await scale("GET /api/availability", (s) =>
        cannonSlice({ url: `${s.baseUrl}/api/availability` }),
      );
    }
    if (want("slots")) {
      await scale("GET /api/slots?floor&type&maxPriceCents", (s) =>
        cannonSlice({ url: s.baseUrl, requests: rotation(SEARCHES) }),
      );
    }
    for (const { scenario, name, path: pathname } of PAGES) {
      if (!want(scenario)) continue;
      lines.push(
        await interleave(
          `${name} whole page, ${workers} workers`,
          ["GET /api/health (ceiling)", "the page"],
          many.side(health(many)),
          many.side(pageSlice(many.baseUrl, pathname, many.cookies[0]!)),
        ),
      );
    }
    if (want("reserve")) {
      await scale("POST /api/reserve (distinct slots)", (s) =>
        cannonSlice({
          url: s.baseUrl,
          requests: distinctReservations(s.freeSlots, s.cookies).requests,
        }),
      );
    }
    const invariants = [await checkInvariants(one.target), await checkInvariants(many.target)];
    return { lines, invariants };
  } finally {
    await one.stop();
    await many.stop();
  }
}

/** Each scenario of the 1-worker pass next to the same at the default count. */
function scalingOf(single: Pass, multi: Pass): Scaling[] {
  return single.lines.flatMap((one) => {
    const many = multi.lines.find((l) => l.name === one.name);
    if (!many || !one.rps || !many.rps) return [];
    return [
      {
        name: one.name,
        oneWorker: { rps: one.rps, ratio: one.ratio ?? 0, cpuMsPerRequest: one.cpuMsPerRequest },
        workers: { rps: many.rps, ratio: many.ratio ?? 0, cpuMsPerRequest: many.cpuMsPerRequest },
        factor: Math.round((many.rps / one.rps) * 100) / 100,
      },
    ];
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      slots: { type: "string", default: "1000" },
      days: { type: "string", default: "365" },
      locations: { type: "string", default: "1" },
      db: { type: "string", default: "sqlite" },
    },
  });
  const options = {
    slots: Number(values.slots),
    days: Number(values.days),
    locations: Number(values.locations),
  };
  const db = values.db;
  if (db !== "sqlite" && db !== "postgres") {
    throw new Error(`--db ${db}: sqlite or postgres`);
  }
  if (!Number.isInteger(options.locations) || options.locations < 1) {
    throw new Error(`--locations ${values.locations}: a whole number of garages, 1 or more`);
  }
  // What `npm start` runs here: WEB_CONCURRENCY, else one worker per CPU.
  const defaultWorkers = workerCount(process.env.WEB_CONCURRENCY, os.availableParallelism());
  fs.mkdirSync(tmp, { recursive: true });
  if (process.env.SKIP_BUILD !== "1") {
    execFileSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  }
  const want = (name: string) => !ONLY || ONLY.includes(name);
  // The scaling scenarios at 1 worker first, then everything at the default count.
  const single =
    defaultWorkers > 1
      ? await runPass(db, options, 1, (name) => SCALING_SCENARIOS.includes(name) && want(name))
      : null;
  const multi = await runPass(db, options, defaultWorkers, want);
  const passes = single ? [single, multi] : [multi];
  const interleaved =
    db === "sqlite" && defaultWorkers > 1
      ? await runInterleaved(options, defaultWorkers, want)
      : null;
  const { meta } = await benchDataset(options);
  const report = {
    machine: machine(),
    settings: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      db,
      workers: defaultWorkers,
      ...options,
    },
    dataset: {
      reservations: meta.reservations,
      generatedSeconds: meta.generatedSeconds,
    },
    lines: multi.lines,
    peakRssMb: multi.peakRssMb,
    peakProcessRssMb: multi.peakProcessRssMb,
    invariants: multi.invariants,
    scaling: single ? scalingOf(single, multi) : [],
    interleaved: interleaved?.lines ?? [],
    oneWorker: single && {
      lines: single.lines,
      peakRssMb: single.peakRssMb,
      peakProcessRssMb: single.peakProcessRssMb,
      invariants: single.invariants,
    },
  };
  fs.mkdirSync(resultsDir, { recursive: true });
  // One pair of files per database and shape: the tables sit side by side.
  const stem = [
    "results",
    ...(options.locations > 1 ? ["network"] : []),
    ...(db === "postgres" ? ["postgres"] : []),
  ].join("-");
  fs.writeFileSync(path.join(resultsDir, `${stem}.json`), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(report);
  fs.writeFileSync(path.join(resultsDir, `${stem}.md`), md);
  console.log(`\n${md}`);
  const failed =
    passes.some(
      ({ lines, invariants }) =>
        lines.some((l) => Object.keys(l.statuses).some((c) => c.startsWith("5")) || l.errors > 0) ||
        invariants.doubleBookings > 0 ||
        invariants.walletsOffLedger > 0,
    ) ||
    (interleaved !== null &&
      (interleaved.lines.some((l) =>
        [l.a, l.b].some(
          (side) => Object.keys(side.statuses).some((c) => c.startsWith("5")) || side.errors > 0,
        ),
      ) ||
        interleaved.invariants.some((i) => i.doubleBookings > 0 || i.walletsOffLedger > 0)));
  if (failed) process.exitCode = 1;
}

await main();
