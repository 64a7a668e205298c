// A multi-process app server (tests/setup/procs-server.ts: a primary and two workers on one
// database): both workers serve the port, and a worker killed with SIGKILL in the middle of
// a burst of bookings (worker 0, which books for the others on SQLite) is replaced by the
// primary while the others go on serving; every booking retried with its Idempotency-Key
// after a lost connection ends up booked exactly once, and the database invariants hold.
// A replacement that dies while it starts is replaced in turn; it never stops the workers
// that serve. Whether the server serves is asked on new connections (rawRequest), not over
// fetch's pool, which may hold a connection to the worker a test just killed, lost with it.
import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { baseUrl, registerDrivers, type ApiResponse, type Client } from "../api/client";
import { expectInvariants, rows } from "../api/db";
import { freeSlots } from "../api/fixtures";
import { rawRequest } from "../api/raw-http";
import { serverEntryPath } from "../../scripts/server-process";
import { projectRoot } from "../setup/paths";
import { childPids } from "../setup/processes";
import { PROCS_WORKERS } from "../setup/procs-server";
import { primary, readyPids, until, untilAllReady, workerPid } from "./server-workers";

/** Starts the server entry in production with `env` on top; its exit code and output. */
async function startRefused(env: Record<string, string>) {
  const server = spawn(process.execPath, [serverEntryPath(projectRoot)], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PAYMENT_PROVIDER: "",
      ALLOW_DEMO_PAYMENTS: "1",
      WEB_CONCURRENCY: "1",
      PORT: "0",
      NODE_ENV: "production",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // A server that does start (the refusal broke) is stopped, not left running: the test
  // then fails on its exit code and output instead of hanging until its timeout.
  const started = setTimeout(() => server.kill("SIGTERM"), 30_000);
  const code = await new Promise<number | null>((resolve) => server.once("exit", resolve));
  clearTimeout(started);
  return { code, output };
}

/**
 * A reserve, retried with the same key while the connection is lost (the worker died). No
 * timeout: a connection the server neither answers nor closes hangs this test.
 */
async function reserveSurely(
  driver: Client,
  slotId: number,
  key: string,
  lost: { count: number },
): Promise<ApiResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await driver.post(
        "/api/reserve",
        { slotId, durationHours: 1 },
        { headers: { "idempotency-key": key } },
      );
    } catch (error) {
      if (attempt >= 20) throw error;
      lost.count++;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * A request on a connection of its own; resolves when the server closes the connection
 * (with what it answered, maybe nothing) or, still open after `waitMs`, with `open: true`.
 */
function requestOnItsOwnConnection(path: string, waitMs: number) {
  const { hostname, port } = new URL(baseUrl);
  return new Promise<{ open: boolean; answer: string }>((resolve) => {
    let answer = "";
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`),
    );
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ open: true, answer });
    }, waitMs);
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("error", () => {}); // a reset ends it like a close
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ open: false, answer });
    });
  });
}

describe("a multi-process server", () => {
  it(`runs ${PROCS_WORKERS} workers under one primary`, () => {
    expect(childPids(primary)).toHaveLength(PROCS_WORKERS);
  });

  it("replaces a worker killed mid-load; nothing lost or doubled", async () => {
    const drivers = await registerDrivers(20, 20_000);
    const slots = await freeSlots(40, (s) => s.pricePerHourCents <= 5_000);
    const before = childPids(primary);
    expect(before).toHaveLength(PROCS_WORKERS);
    // Worker 0 books for the others on SQLite (lib/reservations/forwarding.ts): its death
    // loses bookings in flight on every worker, not just on its own connections.
    const victim = workerPid(0);

    const lost = { count: 0 };
    let answered = 0;
    let killed = false;
    const bookings = drivers.map(async (driver, i) => {
      const results: ApiResponse[] = [];
      for (const slot of [slots[2 * i]!, slots[2 * i + 1]!]) {
        const response = await reserveSurely(driver, slot.id, `kill-${i}-${slot.id}`, lost);
        results.push(response);
        // The first answers are in: the load is running; kill one worker in the middle of it.
        if (++answered === 5 && !killed) {
          killed = true;
          process.kill(victim, "SIGKILL");
        }
      }
      return results;
    });
    const results = (await Promise.all(bookings)).flat();
    expect(killed).toBe(true);
    // About half the connections were the killed worker's, with bookings in flight on them.
    expect(lost.count).toBeGreaterThan(0);

    // Every booking has its answer: a 201, each for its own slot and key.
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const booked = await rows<{ idempotency_key: string; n: number }>(
      `SELECT idempotency_key, COUNT(*) AS n FROM reservations
       WHERE idempotency_key LIKE 'kill-%' GROUP BY idempotency_key`,
    );
    expect(booked).toHaveLength(40);
    expect(booked.filter((b) => Number(b.n) !== 1)).toEqual([]);
    const [charged] = await rows<{ n: number }>(
      `SELECT COUNT(*) AS n FROM payments p JOIN reservations r ON r.id = p.reservation_id
       WHERE r.idempotency_key LIKE 'kill-%'`,
    );
    expect(Number(charged!.n)).toBe(40);
    await expectInvariants();

    // The primary forked a replacement, which serves.
    const after = await untilAllReady([victim]);
    expect(after).not.toContain(victim);
    for (let i = 0; i < 10; i++) {
      expect((await rawRequest("GET", "/api/health")).status).toBe(200);
    }
  });

  it("goes on serving when a replacement dies before it is ready, and starts another", async () => {
    // From a full set of ready workers, also when an earlier test failed half-way.
    const before = await untilAllReady();
    const victim = before[0]!;
    process.kill(victim, "SIGKILL");
    // Caught as soon as it is forked: a worker takes far longer than 10 ms to be ready.
    const replacement = await until(
      "the replacement to be forked",
      () => childPids(primary).find((pid) => !before.includes(pid)),
      { everyMs: 10 },
    );
    process.kill(replacement, "SIGKILL");
    expect(readyPids().has(replacement)).toBe(false);

    // The server did not stop: the other worker serves meanwhile, and a third one comes.
    for (let i = 0; i < 10; i++) {
      expect((await rawRequest("GET", "/api/health")).status).toBe(200);
    }
    const after = await untilAllReady([victim, replacement]);
    expect(after).toContain(before[1]);
    for (let i = 0; i < 10; i++) {
      expect((await rawRequest("GET", "/api/health")).status).toBe(200);
    }
  });

  it("hands a connection that a worker died before taking to another worker", async () => {
    // From a full set of ready workers, also when an earlier test failed half-way.
    const before = await untilAllReady();
    const victim = before[0]!;
    // A stopped worker takes no connection it is handed (nor says it took one); the
    // primary hands the first of these to each worker that is free, the rest to the others.
    process.kill(victim, "SIGSTOP");
    let endings: Promise<{ open: boolean; answer: string }>[];
    try {
      endings = Array.from({ length: 2 * PROCS_WORKERS }, () =>
        requestOnItsOwnConnection("/api/health", 20_000),
      );
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      process.kill(victim, "SIGKILL");
    }
    const ended = await Promise.all(endings);
    // The stopped worker never said it took its connection, so it never read from it: the
    // primary hands it to a live worker, and every request is answered (none left open
    // with nobody to answer it, none closed unanswered).
    expect(ended.filter((e) => e.open)).toEqual([]);
    expect(ended.map((e) => e.answer.split("\r\n")[0])).toEqual(
      endings.map(() => "HTTP/1.1 200 OK"),
    );

    await untilAllReady([victim]);
    for (let i = 0; i < 10; i++) {
      expect((await rawRequest("GET", "/api/health")).status).toBe(200);
    }
  });

  it("refuses a WEB_CONCURRENCY that is not a process count", async () => {
    for (const value of ["0", "two", "1.5", "100000"]) {
      const { code, output } = await startRefused({ WEB_CONCURRENCY: value });
      expect(code).toBe(1);
      expect(output).toContain("WEB_CONCURRENCY must be a whole number");
    }
  });

  it("stops with exit code 1 when its port is in use, before it forks a worker", async () => {
    const { hostname, port } = new URL(baseUrl);
    const { code, output } = await startRefused({
      WEB_CONCURRENCY: "2",
      HOST: hostname,
      PORT: port,
    });
    expect(code).toBe(1);
    expect(output).toContain("EADDRINUSE");
    expect(output).not.toContain("starting the workers");
  });

  it("refuses to serve demo money in production unless allowed", async () => {
    for (const provider of [{}, { PAYMENT_PROVIDER: "demo" }] as Record<string, string>[]) {
      const { code, output } = await startRefused({ ...provider, ALLOW_DEMO_PAYMENTS: "0" });
      expect(code).toBe(1);
      expect(output).toContain("Demo payments are refused with NODE_ENV=production");
    }
  });
});
