// On SQLite, worker 0 books for every worker of the machine (lib/reservations/forwarding.ts,
// server/booking-relay.ts): a booking or an extension that reaches worker 1 waits for
// worker 0, and is made once worker 0 runs again. When worker 0 dies with a forwarded
// booking in its hands, one with an Idempotency-Key is decided by worker 1 (booked exactly
// once), one without is answered 503 and was not booked; the replacement worker 0 books
// for the others again. A keyed one that worker 0 does not answer within 10 s (stopped)
// is answered 503; sent again with its key, it is booked once. On PostgreSQL each worker books itself: worker 1 books while
// worker 0 is stopped.
import http from "node:http";
import { afterEach, describe, expect, inject, it } from "vitest";
import { registerDrivers, type ApiResponse, type Client } from "../api/client";
import { expectInvariants, rows } from "../api/db";
import { freeSlots } from "../api/fixtures";
import { rawRequest } from "../api/raw-http";
import { untilAllReady, untilLogged, workerPid } from "./server-workers";

const onPostgres = inject("databaseUrl").startsWith("postgres");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a booking forwarded to a stopped worker 0 is seen waiting (it cannot be answered). */
const SEEN_WAITING_MS = 1_500;

/** Whether `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = await Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    sleep(ms).then(() => false),
  ]);
  return settled;
}

const agents: http.Agent[] = [];
afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
});

/**
 * A keep-alive connection served by a worker other than worker 0, which is stopped: the
 * primary hands worker 0 at most one connection it cannot take, the next go to the others.
 */
async function otherWorkersConnection(): Promise<http.Agent> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    const health = rawRequest("GET", "/api/health", { agent });
    if (await settlesWithin(health, 3_000)) {
      if ((await health).status === 200) return agent;
    }
  }
  throw new Error("no worker but worker 0 answered");
}

function postOn(
  agent: http.Agent,
  driver: Client,
  path: string,
  json: unknown,
  key: string | null,
): Promise<ApiResponse> {
  return rawRequest("POST", path, {
    agent,
    headers: {
      ...driver.baseHeaders(),
      "content-type": "application/json",
      ...(key === null ? {} : { "idempotency-key": key }),
    },
    body: JSON.stringify(json),
  });
}

async function bookingsOf(driver: Client) {
  return rows<{ slot_id: number; idempotency_key: string | null }>(
    `SELECT slot_id, idempotency_key FROM reservations WHERE user_id = ?`,
    driver.user!.id,
  );
}

type Post = (path: string, json: unknown, key: string | null) => Promise<ApiResponse>;

/**
 * A new driver with a free slot; `before` runs (while every worker runs), then `request` is
 * posted through worker 1 while worker 0 is stopped and seen waiting (for `stoppedMs`, or
 * until it is answered), then worker 0 gets `then` (SIGCONT: it runs again; SIGKILL: it
 * dies). `post` goes on through worker 1.
 */
async function whileWorker0Stopped<T>(
  then: "SIGCONT" | "SIGKILL",
  before: (driver: Client, slotId: number) => Promise<T>,
  request: (post: Post, prepared: T) => Promise<ApiResponse>,
  stoppedMs = SEEN_WAITING_MS,
) {
  await untilAllReady();
  const booker = workerPid(0);
  // Ready to serve is not yet booking for the others (lib/reservations/forwarding.ts).
  if (!onPostgres) await untilLogged(booker, "booking for the other workers");
  const [driver] = await registerDrivers(1, 20_000);
  const [slot] = await freeSlots(1, (s) => s.pricePerHourCents <= 5_000);
  const prepared = await before(driver!, slot!.id);
  process.kill(booker, "SIGSTOP");
  let pending: Promise<ApiResponse>;
  let waited: boolean;
  let post: Post;
  try {
    const agent = await otherWorkersConnection();
    post = (path, json, key) => postOn(agent, driver!, path, json, key);
    pending = request(post, prepared);
    waited = !(await settlesWithin(pending, stoppedMs));
  } finally {
    process.kill(booker, then);
  }
  return { answer: await pending, waited, driver: driver!, slotId: slot!.id, booker, post };
}

/** A one-hour booking of the slot, with `key` (or none), through worker 1 while worker 0 is stopped. */
function bookWhileWorker0Stopped(
  key: string | null,
  then: "SIGCONT" | "SIGKILL",
  stoppedMs = SEEN_WAITING_MS,
) {
  return whileWorker0Stopped(
    then,
    async (_driver, slotId) => slotId,
    (post, slotId) => post("/api/reserve", { slotId, durationHours: 1 }, key),
    stoppedMs,
  );
}

describe.skipIf(onPostgres)("one booking queue per machine (SQLite)", () => {
  it("books a booking that reached worker 1 on worker 0: it waits while worker 0 is stopped", async () => {
    const { answer, waited, driver, slotId } = await bookWhileWorker0Stopped(null, "SIGCONT");
    expect(waited).toBe(true);
    expect(answer.status).toBe(201);
    expect(await bookingsOf(driver)).toEqual([{ slot_id: slotId, idempotency_key: null }]);
  });

  it("extends on worker 0 too: an extension that reached worker 1 waits for it", async () => {
    const { answer, waited } = await whileWorker0Stopped(
      "SIGCONT",
      async (driver, slotId) => {
        const booked = await driver.post("/api/reserve", { slotId, durationHours: 1 });
        expect(booked.status).toBe(201);
        return booked.body as { reservation: { id: number; endTime: string } };
      },
      (post, { reservation }) =>
        post(`/api/reservations/${reservation.id}/extend`, { hours: 2 }, "extend-forwarded"),
    );
    expect(waited).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ reservation: { durationHours: 3 } });
    await expectInvariants();
  });

  it("decides a keyed booking on worker 1 when worker 0 dies with it: booked once", async () => {
    const key = "forwarded-then-lost";
    const { answer, waited, driver, slotId, booker } = await bookWhileWorker0Stopped(
      key,
      "SIGKILL",
    );
    expect(waited).toBe(true);
    expect(answer.status).toBe(201);
    expect(await bookingsOf(driver)).toEqual([{ slot_id: slotId, idempotency_key: key }]);
    await expectInvariants();
    await untilAllReady([booker]);
  });

  it("answers 503 for a booking without a key that worker 0 died with, and booked nothing", async () => {
    const { answer, waited, driver, booker } = await bookWhileWorker0Stopped(null, "SIGKILL");
    expect(waited).toBe(true);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: "SERVICE_BUSY" } });
    // Stopped before it read the request, worker 0 never booked it.
    expect(await bookingsOf(driver)).toEqual([]);
    await expectInvariants();
    await untilAllReady([booker]);
  });

  it("answers 503 for a keyed booking worker 0 does not answer in time; sent again, booked once", async () => {
    const key = "forwarded-unanswered";
    // Worker 1 waits for worker 0 as long as a write waits for the lock (10 s).
    const { answer, waited, driver, slotId, post } = await bookWhileWorker0Stopped(
      key,
      "SIGCONT",
      20_000,
    );
    expect(waited).toBe(false);
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ error: { code: "SERVICE_BUSY" } });
    // Resumed, worker 0 books the request it held, then decides the one sent again
    // (forwarded after it), which finds that booking.
    const again = await post("/api/reserve", { slotId, durationHours: 1 }, key);
    expect(again.status).toBe(201);
    expect(await bookingsOf(driver)).toEqual([{ slot_id: slotId, idempotency_key: key }]);
    await expectInvariants();
  });

  it("books for the other workers again once a replacement worker 0 serves", async () => {
    const { answer, waited } = await bookWhileWorker0Stopped("after-replacement", "SIGCONT");
    expect(waited).toBe(true);
    expect(answer.status).toBe(201);
  });
});

describe.runIf(onPostgres)("a booking queue per worker (PostgreSQL)", () => {
  it("books on worker 1 while worker 0 is stopped", async () => {
    const { answer, waited, driver, slotId } = await bookWhileWorker0Stopped(null, "SIGCONT");
    expect(waited).toBe(false);
    expect(answer.status).toBe(201);
    expect(await bookingsOf(driver)).toEqual([{ slot_id: slotId, idempotency_key: null }]);
  });
});
