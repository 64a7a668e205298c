// Two app servers, one PostgreSQL database (tests/setup/pg-servers.ts): a session made on
// one server works on the other, a burst of reserve requests for one slot, split between
// the servers, books it exactly once, now and ahead, and the retries of one extension
// extend it once. Every request goes over HTTP; the database is only read, for the invariants.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pgPool } from "../setup/pg";
import { ROLLUP_TABLES, ROLLUPS } from "@/lib/analytics/rollups";

const [serverA, serverB] = inject("pgBaseUrls") as [string, string];
const database = pgPool(inject("pgDatabaseUrl"));
afterAll(() => database.end());

type Response = { status: number; body: Record<string, unknown> };

/** A signed-in user: the session cookie, sent to whichever server. */
class Session {
  cookie = "";
  // Each session has its own client address, so login rate limits never interfere.
  readonly address = `10.${[...randomBytes(3)].join(".")}`;

  async request(
    baseUrl: string,
    method: string,
    route: string,
    json?: unknown,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(`${baseUrl}${route}`, {
      method,
      headers: {
        ...headers,
        cookie: this.cookie,
        "x-forwarded-for": this.address,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} } as Response;
  }
}

async function newDriver(baseUrl: string): Promise<Session & { id: number }> {
  const session = new Session();
  const username = `x${randomBytes(6).toString("hex")}`;
  const registered = await session.request(baseUrl, "POST", "/api/auth/register", {
    username,
    email: `${username}@example.test`,
    password: "parking-demo-pw",
  });
  expect(registered.status).toBe(201);
  const topUp = await session.request(baseUrl, "POST", "/api/add-balance", {
    amountCents: 100_000,
  });
  expect(topUp.status).toBe(200);
  return Object.assign(session, { id: (registered.body.user as { id: number }).id });
}

/** Slots that are in service, free now, and have no upcoming or active reservation. */
async function untouchedSlots(count: number): Promise<number[]> {
  const { rows } = await database.query<{ id: number }>(
    `SELECT s.id FROM parking_slots s
     WHERE s.is_available AND NOT s.out_of_service
       AND NOT EXISTS (SELECT 1 FROM reservations r
                       WHERE r.slot_id = s.id AND r.status IN ('active', 'upcoming'))
     ORDER BY s.id LIMIT $1`,
    [count],
  );
  expect(rows).toHaveLength(count);
  return rows.map((row) => row.id);
}

async function untouchedSlot(): Promise<number> {
  return (await untouchedSlots(1))[0]!;
}

async function expectInvariants() {
  // Every wallet equals the sum of its ledger, and none is negative.
  const { rows: wallets } = await database.query(`
    SELECT u.id FROM users u
    LEFT JOIN (SELECT user_id, SUM(amount_cents) AS total FROM wallet_transactions
               GROUP BY user_id) l ON l.user_id = u.id
    WHERE u.wallet_balance_cents <> COALESCE(l.total, 0) OR u.wallet_balance_cents < 0`);
  expect(wallets).toEqual([]);
  // No two upcoming/active reservations of one slot overlap in time.
  const { rows: overlaps } = await database.query(`
    SELECT a.id, b.id FROM reservations a
    JOIN reservations b ON b.slot_id = a.slot_id AND b.id > a.id
    WHERE a.status IN ('active', 'upcoming') AND b.status IN ('active', 'upcoming')
      AND a.start_time < b.end_time AND b.start_time < a.end_time`);
  expect(overlaps).toEqual([]);
  // is_available is false exactly for the slots an active reservation holds.
  const { rows: flags } = await database.query(`
    SELECT s.id FROM parking_slots s
    WHERE s.is_available = EXISTS (
      SELECT 1 FROM reservations r WHERE r.slot_id = s.id AND r.status = 'active')`);
  expect(flags).toEqual([]);
  // The analytics roll-ups, kept by the trigger functions, equal their recomputation
  // (rows a reversal brought to 0 stay, so all-zero rows are left out on both sides).
  for (const table of ROLLUP_TABLES) {
    const { columns, key, select } = ROLLUPS[table];
    const values = columns.filter((c) => !(key as readonly string[]).includes(c));
    const nonZero = values.map((c) => `${c} <> 0`).join(" OR ");
    const order = key.map((_, i) => i + 1).join(", ");
    const list = columns.map((c) => `${c}::text AS ${c}`).join(", ");
    const stored = await database.query(
      `SELECT ${list} FROM ${table} WHERE ${nonZero} ORDER BY ${order}`,
    );
    const recomputed = await database.query(
      `SELECT ${list} FROM (${select("postgres")}) x WHERE ${nonZero} ORDER BY ${order}`,
    );
    expect(stored.rows.length, table).toBeGreaterThan(0);
    expect(stored.rows, table).toEqual(recomputed.rows);
  }
}

/**
 * 40 concurrent POSTs of one body with one fresh Idempotency-Key, split between the servers;
 * every one must get `status` (the first answer or its replay).
 */
async function sameKeyBurst(
  driver: Session,
  route: string,
  json: unknown,
  status: number,
): Promise<Response[]> {
  const key = `pg-${randomBytes(8).toString("hex")}`;
  const responses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      driver.request(i % 2 ? serverB : serverA, "POST", route, json, { "idempotency-key": key }),
    ),
  );
  expect(
    responses.map((r) => r.status),
    JSON.stringify(responses.find((r) => r.status !== status)?.body),
  ).toEqual(Array(40).fill(status));
  return responses;
}

describe("two app servers on one PostgreSQL", () => {
  it("serve a session made on either one", async () => {
    const session = new Session();
    const login = await session.request(serverA, "POST", "/api/auth/login", {
      username: "alice",
      password: "parking-demo",
    });
    expect(login.status).toBe(200);
    const me = await session.request(serverB, "GET", "/api/me");
    expect(me.status).toBe(200);
    expect((me.body.user as { username: string }).username).toBe("alice");
    const logout = await session.request(serverB, "POST", "/api/auth/logout");
    expect(logout.status).toBe(204);
    expect((await session.request(serverA, "GET", "/api/me")).status).toBe(401);
  });

  it("book a slot exactly once for 100 concurrent reserve requests split between them", async () => {
    const drivers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => newDriver(i % 2 ? serverB : serverA)),
    );
    const slotId = await untouchedSlot();
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        drivers[i % drivers.length]!.request(i % 2 ? serverB : serverA, "POST", "/api/reserve", {
          slotId,
          durationHours: 1,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const r of responses.filter((r) => r.status === 409)) {
      expect((r.body.error as { code: string }).code).toBe("SLOT_UNAVAILABLE");
    }
    const { rows } = await database.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM reservations
       WHERE slot_id = $1 AND status IN ('active', 'upcoming')`,
      [slotId],
    );
    expect(Number(rows[0]!.n)).toBe(1);
    // Both servers see the slot as taken at once (their slot models are not stale).
    for (const server of [serverA, serverB]) {
      const slots = await drivers[0]!.request(server, "GET", "/api/slots?available=all&limit=500");
      const slot = (slots.body.slots as { id: number; isAvailable: boolean }[]).find(
        (s) => s.id === slotId,
      );
      expect(slot?.isAvailable).toBe(false);
    }
    await expectInvariants();
  });

  it("book overlapping windows ahead exactly once for 100 concurrent requests", async () => {
    const drivers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => newDriver(i % 2 ? serverA : serverB)),
    );
    const slotId = await untouchedSlot();
    // Tomorrow at 09:00 UTC plus 0, 30, 60 or 90 minutes, two hours each: every two of
    // these windows overlap.
    const day = new Date(Date.now() + 24 * 3_600_000);
    const base = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9);
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        drivers[i % drivers.length]!.request(i % 2 ? serverB : serverA, "POST", "/api/reserve", {
          slotId,
          durationHours: 2,
          startTime: new Date(base + (i % 4) * 30 * 60_000).toISOString(),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const { rows } = await database.query<{ status: string }>(
      `SELECT status FROM reservations
       WHERE slot_id = $1 AND status IN ('active', 'upcoming')`,
      [slotId],
    );
    expect(rows).toEqual([{ status: "upcoming" }]);
    await expectInvariants();
  });

  it("debit one wallet for 100 concurrent bookings of different slots split between them: all go through", async () => {
    // Each server's bookings change the wallet the other server's bookings read: none of
    // them may be refused for that (a 409 "busy"), however often the other one wins.
    const driver = await newDriver(serverA);
    for (let i = 0; i < 3; i++) {
      const topUp = await driver.request(serverB, "POST", "/api/add-balance", {
        amountCents: 100_000,
      });
      expect(topUp.status).toBe(200);
    }
    const slotIds = await untouchedSlots(100);
    const responses = await Promise.all(
      slotIds.map((slotId, i) =>
        driver.request(i % 2 ? serverB : serverA, "POST", "/api/reserve", {
          slotId,
          durationHours: 1,
        }),
      ),
    );
    expect(
      responses.map((r) => r.status),
      JSON.stringify(responses.find((r) => r.status !== 201)?.body),
    ).toEqual(Array(100).fill(201));
    const charged = responses.reduce(
      (sum, r) => sum + (r.body.reservation as { totalAmountCents: number }).totalAmountCents,
      0,
    );
    const { rows } = await database.query<{ wallet_balance_cents: number }>(
      "SELECT wallet_balance_cents FROM users WHERE id = $1",
      [driver.id],
    );
    expect(rows[0]!.wallet_balance_cents).toBe(400_000 - charged);
    await expectInvariants();
  });

  it("answer 40 concurrent requests with one Idempotency-Key, split between them, with one booking", async () => {
    const driver = await newDriver(serverA);
    const slotId = await untouchedSlot();
    // The first answer and 39 replays of it: never a 409 for the overlap with itself.
    const responses = await sameKeyBurst(driver, "/api/reserve", { slotId, durationHours: 1 }, 201);
    const ids = new Set(responses.map((r) => (r.body.reservation as { id: number }).id));
    expect(ids.size).toBe(1);
    const { rows } = await database.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM payments WHERE user_id = $1",
      [driver.id],
    );
    expect(Number(rows[0]!.n)).toBe(1);
    await expectInvariants();
  });

  it("answer 40 concurrent extends with one Idempotency-Key, split between them, with one extension", async () => {
    const driver = await newDriver(serverA);
    const slotId = await untouchedSlot();
    const reserved = await driver.request(serverA, "POST", "/api/reserve", {
      slotId,
      durationHours: 1,
    });
    expect(reserved.status).toBe(201);
    const reservationId = (reserved.body.reservation as { id: number }).id;
    const responses = await sameKeyBurst(
      driver,
      `/api/reservations/${reservationId}/extend`,
      { hours: 1 },
      200,
    );
    const payments = new Set(responses.map((r) => (r.body.payment as { id: number }).id));
    expect(payments.size).toBe(1);
    const { rows } = await database.query<{ duration_hours: number; extensions: string }>(
      `SELECT r.duration_hours,
              (SELECT COUNT(*) FROM payments p
                WHERE p.reservation_id = r.id AND p.kind = 'extension') AS extensions
       FROM reservations r WHERE r.id = $1`,
      [reservationId],
    );
    expect(rows.map((r) => [r.duration_hours, Number(r.extensions)])).toEqual([[2, 1]]);
    await expectInvariants();
  });
});
