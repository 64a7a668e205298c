// Gate devices over HTTP (API.md v2 → Arrival, stay and exit): the bearer key checked
// before anything (401 INVALID_GATE_KEY, the body unread), malformed events refused with
// 400, a retried eventId answered with its first answer, a different body under it 409
// CONFLICT; a refused request writes nothing. The decisions themselves are proved on the
// domain (tests/unit/gate); here a car drives up, leaves, and the log shows it.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseUrl, login, registerDriver, uniqueUsername, type Client } from "./client";
import { snapshot } from "./db";
import { baselineSnapshot } from "./fixtures";
import { expectError, expectOk } from "./schemas";

const Answer = z
  .object({
    decision: z.enum(["open", "deny"]),
    reason: z.string().min(1),
    reservationId: z.int().positive().optional(),
  })
  .strict();
const Key = z.object({ id: z.int(), key: z.string() }).loose();
const Events = z.object({
  events: z.array(z.object({ reason: z.string(), plate: z.string().nullable() }).loose()),
  total: z.int(),
});

let admin: Client;
let locationId: number;
let key: string;
let eventCounter = 0;
const eventId = () => `api-${process.pid}-${++eventCounter}`;

/** A gate request as a device sends it: no cookies, a bearer key. */
async function gate(body: unknown, authorization: string | null = `Bearer ${key}`) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(`${baseUrl}/api/gate/events`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

async function newPlateFor(driver: Client): Promise<string> {
  const plate = uniqueUsername("g")
    .replace(/[^a-z0-9]/g, "")
    .slice(-9)
    .toUpperCase();
  expect((await driver.post("/api/vehicles", { plate })).status).toBe(201);
  return plate;
}

beforeAll(async () => {
  admin = await login("admin");
  const created = await admin.post("/api/locations", {
    slug: uniqueUsername("gev").replace(/[^a-z0-9-]/g, "-"),
    name: "Gate events garage",
    address: "2 Barrier lane",
    timeZone: "Europe/London",
  });
  locationId = expectOk(created, 201, z.object({ location: z.object({ id: z.int() }).loose() }))
    .location.id;
  for (const n of [1, 2]) {
    const slot = await admin.post("/api/slots", {
      locationId,
      slotNumber: `GE-${n}`,
      floor: 1,
      zone: "G",
      type: "regular",
      pricePerHourCents: 200,
    });
    expect(slot.status).toBe(201);
  }
  key = expectOk(
    await admin.post("/api/gate/keys", { locationId, label: "API gate" }),
    201,
    Key,
  ).key;
});

describe("gate events", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401 before reading the body", async () => {
    const revoked = expectOk(
      await admin.post("/api/gate/keys", { locationId, label: "Old gate" }),
      201,
      Key,
    );
    expect((await admin.request("DELETE", `/api/gate/keys/${revoked.id}`)).status).toBe(204);
    const before = await baselineSnapshot();
    const body = { eventId: eventId(), direction: "in", plate: "ANY1" };
    for (const authorization of [
      null,
      "Bearer",
      `Basic ${key}`,
      "Bearer gk_unknown",
      `Bearer ${key}x`,
      `Bearer ${revoked.key}`,
    ]) {
      expectError(await gate(body, authorization), { status: 401, code: "INVALID_GATE_KEY" });
      // Not even a broken body is looked at without a key.
      expectError(await gate("{not json", authorization), {
        status: 401,
        code: "INVALID_GATE_KEY",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses malformed events with 400, writing nothing", async () => {
    const before = await baselineSnapshot();
    const ok = { eventId: eventId(), direction: "in", plate: "ABC123" };
    const far = (ms: number) => new Date(Date.now() + ms).toISOString();
    for (const [body, field] of [
      [{ ...ok, plate: "A" }, "plate"],
      [{ ...ok, plate: "AB_12" }, "plate"],
      [{ ...ok, eventId: "" }, "eventId"],
      [{ ...ok, eventId: "e".repeat(65) }, "eventId"],
      [{ ...ok, direction: "sideways" }, "direction"],
      [{ ...ok, at: far(25 * 3_600_000) }, "at"],
      [{ ...ok, at: far(-25 * 3_600_000) }, "at"],
      [{ ...ok, at: "2026-11-24T09:00:00+01:00" }, "at"],
      [{ eventId: ok.eventId, direction: "in" }, "plate"],
      [{ ...ok, pass: "rp_1.x" }, "plate"],
    ] as const) {
      expectError(await gate(body), { status: 400, code: "VALIDATION_ERROR", field });
    }
    expectError(await gate("{not json"), { status: 400, code: "INVALID_JSON" });
    expect(await snapshot()).toEqual(before);
  });

  it("parks a driver's car at the gate and lets it out; retries get the first answer", async () => {
    const driver = await registerDriver(1_000);
    const plate = await newPlateFor(driver);
    const arrival = { eventId: eventId(), direction: "in", plate: plate.toLowerCase() };
    const entered = expectOk(await gate(arrival), 200, Answer);
    expect(entered).toMatchObject({ decision: "open", reason: "drive_up" });

    const before = await baselineSnapshot();
    expect(expectOk(await gate(arrival), 200, Answer)).toEqual(entered);
    expectError(await gate({ ...arrival, direction: "out" }), { status: 409, code: "CONFLICT" });
    expectError(await gate({ ...arrival, at: new Date().toISOString() }), {
      status: 409,
      code: "CONFLICT",
    });
    expect(await snapshot()).toEqual(before);

    expect(
      expectOk(await gate({ eventId: eventId(), direction: "in", plate }), 200, Answer),
    ).toEqual({
      decision: "deny",
      reason: "already_inside",
      reservationId: entered.reservationId,
    });
    const left = expectOk(await gate({ eventId: eventId(), direction: "out", plate }), 200, Answer);
    expect(left).toEqual({
      decision: "open",
      reason: "paid",
      reservationId: entered.reservationId,
    });
    const wallet = await driver.get("/api/wallet/transactions");
    expect(wallet.body).toMatchObject({
      transactions: [{ kind: "drive_up", amountCents: -200, balanceAfterCents: 800 }, {}],
    });

    const log = expectOk(
      await admin.get(`/api/gate/events?locationId=${locationId}&limit=3`),
      200,
      Events,
    );
    expect(log.events.map((e) => [e.reason, e.plate])).toEqual([
      ["paid", plate],
      ["already_inside", plate],
      ["drive_up", plate],
    ]);
  });

  it("denies an unknown plate and lets any car out (no_stay)", async () => {
    const unknown = "ZZ" + String(process.pid).slice(-6);
    expect(
      expectOk(await gate({ eventId: eventId(), direction: "in", plate: unknown }), 200, Answer),
    ).toEqual({ decision: "deny", reason: "unknown_plate" });
    expect(
      expectOk(await gate({ eventId: eventId(), direction: "out", plate: unknown }), 200, Answer),
    ).toEqual({ decision: "open", reason: "no_stay" });
  });
});
