// The login and sign-up limits hold across app servers (tests/setup/pg-servers.ts: two
// app server processes on one PostgreSQL database): failures counted on one server
// refuse a username's address, or an address, on the other, also when the attempts
// arrive concurrently; failures from many addresses slow the username on both but never
// refuse the right password; sign-ups count across servers. Every request goes over
// HTTP; the database is only read.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pgPool } from "../setup/pg";

const [serverA, serverB] = inject("pgBaseUrls") as [string, string];
const database = pgPool(inject("pgDatabaseUrl"));
afterAll(() => database.end());

const PASSWORD = "parking-demo-pw";
const uniqueAddress = () => `10.${[...randomBytes(3)].join(".")}`;

async function post(baseUrl: string, route: string, json: unknown, address: string) {
  const response = await fetch(`${baseUrl}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify(json),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
}

async function newUsername(): Promise<string> {
  const username = `l${randomBytes(6).toString("hex")}`;
  const registered = await post(
    serverA,
    "/api/auth/register",
    { username, email: `${username}@example.test`, password: PASSWORD },
    uniqueAddress(),
  );
  expect(registered.status).toBe(201);
  return username;
}

const login = (baseUrl: string, username: string, password: string, address = uniqueAddress()) =>
  post(baseUrl, "/api/auth/login", { username, password }, address);

describe("login limits across two app servers", () => {
  it("refuses a username from an address on both servers after 10 failures from it split between them", async () => {
    const username = await newUsername();
    const address = uniqueAddress();
    for (let i = 0; i < 10; i++) {
      const response = await login(i % 2 ? serverB : serverA, username, `wrong-${i}`, address);
      expect(response).toEqual({ status: 401, code: "INVALID_CREDENTIALS" });
    }
    // The 11th attempt, with the right password, on either server.
    for (const server of [serverA, serverB]) {
      expect(await login(server, username, PASSWORD, address)).toEqual({
        status: 429,
        code: "RATE_LIMITED",
      });
    }
    const { rows } = await database.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM login_failures WHERE username = $1",
      [username],
    );
    expect(Number(rows[0]!.n)).toBe(10);
    // Another address signs in on either server.
    for (const server of [serverA, serverB]) {
      expect((await login(server, username, PASSWORD)).status).toBe(200);
    }
  });

  it("lets at most 10 of 40 concurrent wrong attempts from one address on both servers reach the password check", async () => {
    const username = await newUsername();
    const address = uniqueAddress();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(i % 2 ? serverB : serverA, username, `wrong-password-${i}`, address),
      ),
    );
    const checked = responses.filter((r) => r.status === 401);
    const refused = responses.filter((r) => r.status === 429);
    expect(checked.length + refused.length).toBe(40);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(10);
    for (const r of refused) expect(r.code).toBe("RATE_LIMITED");
    // Concurrent attempts at the limit may refuse each other; one by one, the rest of the
    // 10 get through, then both servers refuse even the right password from that address.
    let more = 0;
    while (
      more < 10 &&
      (await login(more % 2 ? serverA : serverB, username, "wrong!!!", address)).status === 401
    ) {
      more++;
    }
    expect(checked.length + more).toBe(10);
    for (const server of [serverA, serverB]) {
      expect((await login(server, username, PASSWORD, address)).status).toBe(429);
    }
  });

  it("never refuses the right password from a clean address after failures from many on both servers: at most 9 s late", async () => {
    const username = await newUsername();
    const failures = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        login(i % 2 ? serverB : serverA, username, `guess-${i}`),
      ),
    );
    for (const response of failures) {
      expect(response).toEqual({ status: 401, code: "INVALID_CREDENTIALS" });
    }
    for (const server of [serverA, serverB]) {
      const started = performance.now();
      expect((await login(server, username, PASSWORD)).status).toBe(200);
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(9_000);
      expect(elapsed).toBeLessThan(10_000);
    }
  });

  it("refuses an address on both servers after 50 failures split between them", async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 50; i++) {
      const response = await login(
        i % 2 ? serverB : serverA,
        `nobody-${randomBytes(4).toString("hex")}`,
        "wrong-password",
        address,
      );
      expect(response.status).toBe(401);
    }
    for (const server of [serverA, serverB]) {
      expect(await login(server, "alice", "parking-demo", address)).toEqual({
        status: 429,
        code: "RATE_LIMITED",
      });
      // The same user from another address signs in on either server.
      expect((await login(server, "alice", "parking-demo")).status).toBe(200);
    }
  });

  it("counts sign-ups from one address on both servers: the 301st is refused on either", async () => {
    const address = uniqueAddress();
    const register = (server: string, from = address) => {
      const username = `u${randomBytes(6).toString("hex")}`;
      return post(
        server,
        "/api/auth/register",
        { username, email: `${username}@example.test`, password: PASSWORD },
        from,
      );
    };
    // Four at a time (the password hash is CPU-bound), alternating servers.
    for (let i = 0; i < 300; i += 4) {
      const batch = await Promise.all([0, 1, 2, 3].map((j) => register(j % 2 ? serverB : serverA)));
      for (const response of batch) expect(response.status).toBe(201);
    }
    for (const server of [serverA, serverB]) {
      expect(await register(server)).toEqual({ status: 429, code: "RATE_LIMITED" });
    }
    // Another address signs up on either server.
    for (const server of [serverA, serverB]) {
      expect((await register(server, uniqueAddress())).status).toBe(201);
    }
  });
});
