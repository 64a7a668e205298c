// Cross-site request refusal (the contract's "Conventions added"): a state-changing request
// whose Origin is another site, or whose Sec-Fetch-Site is cross-site, gets 403 FORBIDDEN
// and changes nothing; same-origin browsers and callers without those headers are served.
import { describe, expect, it } from "vitest";
import { baseUrl, Client, registerDriver } from "./client";
import { hoursAhead, newSlot, reserveAt, track } from "./booking-fixtures";
import { walletBalance } from "./db";
import { expectError, expectOk, ReserveBody, UserBody } from "./schemas";

const ownOrigin = new URL(baseUrl).origin;

const crossSite: [string, Record<string, string>][] = [
  ["Origin of another site", { origin: "https://evil.example" }],
  ["Origin of another port", { origin: ownOrigin.replace(/:\d+$/, ":1") }],
  ["Origin of another scheme", { origin: ownOrigin.replace("http:", "https:") }],
  ["an opaque Origin", { origin: "null" }],
  ["a malformed Origin", { origin: "not a url" }],
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
  ["cross-site, same Origin", { origin: ownOrigin, "sec-fetch-site": "cross-site" }],
];

async function signedIn(client: Client) {
  return expectOk(await client.get("/api/me"), 200, UserBody);
}

describe("state-changing requests from another site", () => {
  it.each(crossSite)("logout with %s: 403, the session still works", async (_name, headers) => {
    const driver = await registerDriver();
    expectError(await driver.post("/api/auth/logout", undefined, { headers }), {
      status: 403,
      code: "FORBIDDEN",
    });
    await signedIn(driver);
  });

  it.each(crossSite)("cancel with %s: 403, the booking stays", async (_name, headers) => {
    const driver = await registerDriver(5_000);
    const slot = await newSlot();
    const { reservation } = expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 1, startTime: hoursAhead(8) }),
      201,
      ReserveBody,
    );
    track(reservation.id);
    const balance = await walletBalance(driver.user!.id);
    expectError(
      await driver.post(`/api/reservations/${reservation.id}/cancel`, undefined, { headers }),
      { status: 403, code: "FORBIDDEN" },
    );
    const list = await driver.get("/api/reservations?status=all");
    expect(JSON.stringify(list.body)).toContain(`"id":${reservation.id}`);
    expect(
      (list.body as { reservations: { id: number; status: string }[] }).reservations.find(
        (r) => r.id === reservation.id,
      )?.status,
    ).toBe("upcoming");
    expect(await walletBalance(driver.user!.id)).toBe(balance);
  });

  it("a top-up with a JSON body from another site: 403, the wallet unchanged", async () => {
    const driver = await registerDriver(1_000);
    const response = await driver.post(
      "/api/add-balance",
      { amountCents: 500 },
      { headers: { origin: "https://evil.example" } },
    );
    expectError(response, { status: 403, code: "FORBIDDEN" });
    expect(await walletBalance(driver.user!.id)).toBe(1_000);
  });

  it("a sign-in from another site is refused too (login CSRF)", async () => {
    const driver = await registerDriver();
    const response = await new Client().post(
      "/api/auth/login",
      { username: driver.user!.username, password: driver.password },
      { headers: { "sec-fetch-site": "cross-site" } },
    );
    expectError(response, { status: 403, code: "FORBIDDEN" });
  });
});

describe("requests that are served", () => {
  it("same-origin browsers: Origin of this site, Sec-Fetch-Site same-origin", async () => {
    const driver = await registerDriver(1_000);
    const topUp = await driver.post(
      "/api/add-balance",
      { amountCents: 500 },
      { headers: { origin: ownOrigin, "sec-fetch-site": "same-origin" } },
    );
    expect(topUp.status).toBe(200);
    const logout = await driver.post("/api/auth/logout", undefined, {
      headers: { origin: ownOrigin, "sec-fetch-site": "same-origin" },
    });
    expect(logout.status).toBe(204);
  });

  it("callers with neither header (scripts, devices): as before", async () => {
    const driver = await registerDriver();
    expect((await driver.post("/api/auth/logout")).status).toBe(204);
  });

  it("reads from another site are not state-changing: GET is served", async () => {
    const driver = await registerDriver();
    const response = await driver.get("/api/me", {
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.status).toBe(200);
  });

  it("behind a proxy: this site is X-Forwarded-Proto + X-Forwarded-Host", async () => {
    const driver = await registerDriver(1_000);
    const proxied = { "x-forwarded-host": "parking.example", "x-forwarded-proto": "https" };
    const same = await driver.post(
      "/api/add-balance",
      { amountCents: 100 },
      { headers: { ...proxied, origin: "https://parking.example" } },
    );
    expect(same.status).toBe(200);
    const other = await driver.post(
      "/api/add-balance",
      { amountCents: 100 },
      { headers: { ...proxied, origin: ownOrigin } },
    );
    expectError(other, { status: 403, code: "FORBIDDEN" });
    expect(await walletBalance(driver.user!.id)).toBe(1_100);
  });
});
