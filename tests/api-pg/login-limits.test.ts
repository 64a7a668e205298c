// The failed-login limits hold across app servers (tests/setup/pg-servers.ts: two `next
// start` processes on one PostgreSQL database): failures counted on one server block the
// username or address on the other, also when the attempts arrive concurrently. Every
// request goes over HTTP; the database is only read.
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

describe("login rate limits across two app servers", () => {
  it("blocks a username on both servers after 10 failures split between them", async () => {
    const username = await newUsername();
    for (let i = 0; i < 10; i++) {
      const response = await login(i % 2 ? serverB : serverA, username, `wrong-password-${i}`);
      expect(response).toEqual({ status: 401, code: "INVALID_CREDENTIALS" });
    }
    // The 11th attempt, with the right password, on either server.
    for (const server of [serverA, serverB]) {
      expect(await login(server, username, PASSWORD)).toEqual({
        status: 429,
        code: "RATE_LIMITED",
      });
    }
    const { rows } = await database.query<{ n: string }>(
      "SELECT COUNT(*) AS n FROM login_failures WHERE username = $1",
      [username],
    );
    expect(Number(rows[0]!.n)).toBe(10);
  });

  it("lets at most 10 of 40 concurrent wrong attempts on both servers reach the password check", async () => {
    const username = await newUsername();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(i % 2 ? serverB : serverA, username, `wrong-password-${i}`),
      ),
    );
    const checked = responses.filter((r) => r.status === 401);
    const refused = responses.filter((r) => r.status === 429);
    expect(checked.length + refused.length).toBe(40);
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(10);
    for (const r of refused) expect(r.code).toBe("RATE_LIMITED");
    // Concurrent attempts at the limit may refuse each other; one by one, the rest of the
    // 10 get through, then both servers refuse even the right password.
    let more = 0;
    while (
      more < 10 &&
      (await login(more % 2 ? serverA : serverB, username, "wrong!!!")).status === 401
    ) {
      more++;
    }
    expect(checked.length + more).toBe(10);
    for (const server of [serverA, serverB]) {
      expect((await login(server, username, PASSWORD)).status).toBe(429);
    }
  });

  it("blocks an address on both servers after 50 failures split between them", async () => {
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
});
