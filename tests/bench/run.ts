// `npm run bench`: throughput and latency of the hot routes against the production
// build, over its own database (demo seed plus bench slots and funded drivers).
// Speed is measured here, never asserted in tests. Prints a table; exits non-zero only
// when a run fails outright (errors or 5xx responses).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = path.join(root, "tmp", "bench");
const databasePath = path.join(tmp, "bench.db");
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BENCH_DRIVERS = 100;
const BENCH_SLOTS = 4000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const env = {
  ...process.env,
  NODE_ENV: "production" as const,
  DATABASE_URL: `file:${databasePath}`,
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123",
  NEXT_TELEMETRY_DISABLED: "1",
};

async function prepareDatabase() {
  fs.mkdirSync(tmp, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: root, env, stdio: "pipe" });
  execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], {
    cwd: root,
    env,
    stdio: "pipe",
  });
  // Bench-only rows go straight in with better-sqlite3: cheap slots on floors 10+, and
  // drivers with balances whose ledger explains them (one top-up each).
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(databasePath);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const passwordHash = sqlite
    .prepare("SELECT password_hash FROM users WHERE username = 'alice'")
    .pluck()
    .get() as string;
  sqlite.transaction(() => {
    const slot = sqlite.prepare(
      "INSERT INTO parking_slots (slot_number, floor_number, zone, slot_type, price_per_hour_cents, created_at) VALUES (?, ?, ?, 'regular', 100, ?)",
    );
    for (let i = 0; i < BENCH_SLOTS; i++) {
      slot.run(
        `${10 + Math.floor(i / 400)}-Z-${String(i % 400).padStart(3, "0")}`,
        10 + Math.floor(i / 400),
        "Z",
        now,
      );
    }
    const user = sqlite.prepare(
      "INSERT INTO users (username, email, password_hash, wallet_balance_cents, created_at) VALUES (?, ?, ?, 1000000, ?)",
    );
    const topUp = sqlite.prepare(
      "INSERT INTO wallet_transactions (user_id, kind, amount_cents, balance_after_cents, created_at) VALUES (?, 'top_up', 1000000, 1000000, ?)",
    );
    for (let i = 0; i < BENCH_DRIVERS; i++) {
      const { lastInsertRowid } = user.run(
        `bench${i}`,
        `bench${i}@bench.example`,
        passwordHash,
        now,
      );
      topUp.run(lastInsertRowid, now);
    }
  })();
  const firstBenchSlot = sqlite
    .prepare("SELECT min(id) FROM parking_slots WHERE zone = 'Z'")
    .pluck()
    .get() as number;
  sqlite.close();
  return { firstBenchSlot };
}

async function login(baseUrl: string, username: string, index: number): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    // One address per driver keeps the per-address login limit out of the way.
    headers: { "content-type": "application/json", "x-forwarded-for": `10.9.${index}.1` },
    body: JSON.stringify({ username, password: "parking-demo" }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Row = { name: string; result: autocannon.Result };

function run(name: string, options: autocannon.Options): Promise<Row> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...options }, (error, result) =>
      error ? reject(error) : resolve({ name, result }),
    );
  });
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    execFileSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
  const { firstBenchSlot } = await prepareDatabase();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = spawn(
    path.join(root, "node_modules", ".bin", "next"),
    ["start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: root,
      env,
      stdio: "ignore",
    },
  );
  try {
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${baseUrl}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const cookies = await Promise.all(
      Array.from({ length: BENCH_DRIVERS }, (_, i) => login(baseUrl, `bench${i}`, i)),
    );
    let nextSlot = firstBenchSlot;
    let nextUser = 0;
    const rows: Row[] = [];
    rows.push(await run("GET /api/health", { url: `${baseUrl}/api/health` }));
    rows.push(await run("GET /api/availability", { url: `${baseUrl}/api/availability` }));
    rows.push(
      await run("GET /api/slots (filtered)", {
        url: `${baseUrl}/api/slots?type=regular&maxPriceCents=400&limit=50`,
      }),
    );
    rows.push(
      await run("POST /api/reserve (distinct slots)", {
        url: baseUrl,
        requests: [
          {
            method: "POST",
            path: "/api/reserve",
            setupRequest: (request) => ({
              ...request,
              headers: {
                "content-type": "application/json",
                cookie: cookies[nextUser++ % BENCH_DRIVERS]!,
              },
              body: JSON.stringify({ slotId: nextSlot++, durationHours: 1 }),
            }),
          },
        ],
      }),
    );
    console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each\n`);
    console.log(
      "route                               req/s    p50 ms   p99 ms   2xx      non-2xx  errors",
    );
    let failed = false;
    for (const { name, result } of rows) {
      console.log(
        [
          name.padEnd(34),
          result.requests.average.toFixed(0).padStart(7),
          String(result.latency.p50).padStart(8),
          String(result.latency.p99).padStart(8),
          String(result["2xx"]).padStart(8),
          String(result.non2xx).padStart(8),
          String(result.errors).padStart(7),
        ].join(" "),
      );
      if (result.errors > 0 || result["5xx"] > 0) failed = true;
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    server.kill("SIGTERM");
  }
}

await main();
