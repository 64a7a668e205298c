// Sessions across two app servers on one PostgreSQL database (tests/setup/pg-servers.ts):
// ending a session on one server ends it on the other on the very next request, with no
// shared secret and no cache to wait out. Every request goes over HTTP.
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";

const [serverA, serverB] = inject("pgBaseUrls") as [string, string];
const PASSWORD = "parking-demo-pw";

/** One browser: its cookie and its client address, sent to whichever server. */
class Browser {
  cookie = "";
  readonly address = `10.${[...randomBytes(3)].join(".")}`;

  async post(baseUrl: string, route: string, json?: unknown): Promise<number> {
    const response = await fetch(`${baseUrl}${route}`, {
      method: "POST",
      headers: {
        cookie: this.cookie,
        "x-forwarded-for": this.address,
        ...(json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    await response.arrayBuffer();
    return response.status;
  }

  async me(baseUrl: string): Promise<number> {
    const response = await fetch(`${baseUrl}/api/me`, {
      headers: { cookie: this.cookie, "x-forwarded-for": this.address },
    });
    await response.arrayBuffer();
    return response.status;
  }
}

/** A new user signed in in `count` browsers, the first on server A, the rest on B. */
async function oneUser(count: number): Promise<{ username: string; browsers: Browser[] }> {
  const username = `s${randomBytes(6).toString("hex")}`;
  const first = new Browser();
  const registered = await first.post(serverA, "/api/auth/register", {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
  });
  expect(registered).toBe(201);
  const browsers = [first];
  for (let i = 1; i < count; i++) {
    const browser = new Browser();
    expect(await browser.post(serverB, "/api/auth/login", { username, password: PASSWORD })).toBe(
      200,
    );
    browsers.push(browser);
  }
  return { username, browsers };
}

describe("sessions across two app servers", () => {
  it("a session ended on one server is refused by the other on the next request", async () => {
    const { browsers } = await oneUser(1);
    const browser = browsers[0]!;
    const copy = Object.assign(new Browser(), { cookie: browser.cookie });
    for (const server of [serverA, serverB, serverB]) expect(await copy.me(server)).toBe(200);
    expect(await browser.post(serverA, "/api/auth/logout")).toBe(204);
    expect(await copy.me(serverB)).toBe(401);
    expect(await copy.me(serverA)).toBe(401);
  });

  it("a password change on one server ends the user's other sessions on both, and keeps its own", async () => {
    const { username, browsers } = await oneUser(3);
    const [changer, other, third] = browsers as [Browser, Browser, Browser];
    for (const server of [serverA, serverB]) expect(await other.me(server)).toBe(200);
    const newPassword = "another-passphrase";
    expect(
      await changer.post(serverB, "/api/auth/password", {
        currentPassword: PASSWORD,
        newPassword,
      }),
    ).toBe(204);
    for (const server of [serverA, serverB]) {
      expect(await changer.me(server)).toBe(200);
      expect(await other.me(server)).toBe(401);
      expect(await third.me(server)).toBe(401);
    }
    const login = (server: string, password: string) =>
      new Browser().post(server, "/api/auth/login", { username, password });
    expect(await login(serverA, PASSWORD)).toBe(401);
    expect(await login(serverA, newPassword)).toBe(200);
  });

  it("sign out everywhere on one server ends every session of the user on both", async () => {
    const { browsers } = await oneUser(3);
    for (const browser of browsers) expect(await browser.me(serverA)).toBe(200);
    expect(await browsers[1]!.post(serverB, "/api/auth/logout-everywhere")).toBe(204);
    for (const browser of browsers) {
      expect(await browser.me(serverA)).toBe(401);
      expect(await browser.me(serverB)).toBe(401);
    }
  });
});
