// The gate's keys, log and manual open over HTTP: keys shown once and stored hashed,
// listed without the key, revoked idempotently; the log of a location newest first with
// its total; staff opening the gate by hand with the reason recorded. Refused requests
// change nothing. (Who may call each route: authorization-locations.test.ts.)
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseUrl, login, uniqueUsername, type Client } from "./client";
import { rows, snapshot } from "./db";
import { baselineSnapshot, staff } from "./fixtures";
import { expectError, expectOk } from "./schemas";

const CreatedKey = z
  .object({
    id: z.int().positive(),
    key: z.string().regex(/^gk_[A-Za-z0-9_-]{43}$/),
    label: z.string(),
    locationId: z.int().positive(),
  })
  .strict();
const GateKey = z
  .object({
    id: z.int().positive(),
    label: z.string(),
    locationId: z.int().positive(),
    keyPrefix: z.string(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .strict();
const GateKeys = z.object({ keys: z.array(GateKey) }).strict();
const GateEvent = z
  .object({
    id: z.int().positive(),
    locationId: z.int().positive(),
    direction: z.enum(["in", "out"]),
    plate: z.string().nullable(),
    reservationId: z.int().positive().nullable(),
    at: z.iso.datetime(),
    decision: z.enum(["open", "deny"]),
    reason: z.string(),
    manual: z.boolean(),
    staffUserId: z.int().positive().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .strict();
const GateEventBody = z.object({ event: GateEvent }).strict();
const GateEvents = z.object({ events: z.array(GateEvent), total: z.int().min(0) }).strict();
const LocationBody = z.object({ location: z.object({ id: z.int() }).loose() });

let admin: Client;
let locationId: number;

beforeAll(async () => {
  admin = await login("admin");
  const created = await admin.post("/api/locations", {
    slug: uniqueUsername("gate").replace(/[^a-z0-9-]/g, "-"),
    name: "Gate test garage",
    address: "1 Barrier lane",
    timeZone: "Europe/London",
  });
  locationId = expectOk(created, 201, LocationBody).location.id;
  const staffId = (await staff()).user!.id;
  const assigned = await admin.request("PUT", `/api/locations/${locationId}/staff`, {
    json: { userIds: [staffId] },
  });
  expect(assigned.status).toBe(200);
});

describe("gate keys", () => {
  it("shows a new key once, stores only its SHA-256, and lists it by prefix", async () => {
    const created = expectOk(
      await admin.post("/api/gate/keys", { locationId, label: "  North barrier " }),
      201,
      CreatedKey,
    );
    expect(created).toMatchObject({ label: "North barrier", locationId });
    const [stored] = await rows<{ key_hash: string; key_prefix: string }>(
      "SELECT key_hash, key_prefix FROM gate_keys WHERE id = ?",
      created.id,
    );
    expect(stored!.key_hash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(created.key.startsWith(stored!.key_prefix)).toBe(true);
    expect(stored!.key_prefix.length).toBeLessThan(created.key.length / 4);

    const { keys } = expectOk(
      await admin.get(`/api/gate/keys?locationId=${locationId}`),
      200,
      GateKeys,
    );
    expect(keys.find((k) => k.id === created.id)).toMatchObject({
      label: "North barrier",
      keyPrefix: stored!.key_prefix,
      revokedAt: null,
    });
    expect(JSON.stringify(keys)).not.toContain(created.key);
    const all = expectOk(await admin.get("/api/gate/keys"), 200, GateKeys);
    expect(all.keys.map((k) => k.id)).toContain(created.id);
  });

  it("revokes a key idempotently (the first time stays) and answers 404 for unknown ids", async () => {
    const { id } = expectOk(
      await admin.post("/api/gate/keys", { locationId, label: "South" }),
      201,
      CreatedKey,
    );
    expect((await admin.request("DELETE", `/api/gate/keys/${id}`)).status).toBe(204);
    const revokedAt = async () =>
      expectOk(await admin.get(`/api/gate/keys?locationId=${locationId}`), 200, GateKeys).keys.find(
        (k) => k.id === id,
      )!.revokedAt;
    const first = await revokedAt();
    expect(first).not.toBeNull();
    expect((await admin.request("DELETE", `/api/gate/keys/${id}`)).status).toBe(204);
    expect(await revokedAt()).toBe(first);
    expectError(await admin.request("DELETE", "/api/gate/keys/999999"), {
      status: 404,
      code: "NOT_FOUND",
    });
  });

  it("refuses bad bodies and unknown locations, writing nothing", async () => {
    const before = await baselineSnapshot();
    for (const [body, field] of [
      [{ locationId, label: "" }, "label"],
      [{ locationId, label: "x".repeat(61) }, "label"],
      [{ label: "No location" }, "locationId"],
      [{ locationId: "1", label: "Text id" }, "locationId"],
    ] as const) {
      expectError(await admin.post("/api/gate/keys", body), {
        status: 400,
        code: "VALIDATION_ERROR",
        field,
      });
    }
    expectError(await admin.post("/api/gate/keys", { locationId: 999_999, label: "Nowhere" }), {
      status: 404,
      code: "NOT_FOUND",
    });
    expectError(await admin.get("/api/gate/keys?locationId=999999"), {
      status: 404,
      code: "NOT_FOUND",
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("gate log and manual open", () => {
  it("records a manual open with who and why, and lists the log newest first", async () => {
    const staffUser = await staff();
    const opened = expectOk(
      await staffUser.post("/api/gate/open", {
        locationId,
        direction: "in",
        reason: "  Delivery van, no booking ",
        plate: "van-42 x",
      }),
      201,
      GateEventBody,
    );
    expect(opened.event).toMatchObject({
      locationId,
      direction: "in",
      plate: "VAN42X",
      reservationId: null,
      decision: "open",
      reason: "manual",
      manual: true,
      staffUserId: staffUser.user!.id,
      note: "Delivery van, no booking",
    });
    const second = expectOk(
      await admin.post("/api/gate/open", { locationId, direction: "out", reason: "Barrier test" }),
      201,
      GateEventBody,
    );
    expect(second.event.plate).toBeNull();

    const log = expectOk(
      await staffUser.get(`/api/gate/events?locationId=${locationId}`),
      200,
      GateEvents,
    );
    expect(log.events.slice(0, 2)).toEqual([second.event, opened.event]);
    expect(log.total).toBeGreaterThanOrEqual(2);
    const page = expectOk(
      await staffUser.get(`/api/gate/events?locationId=${locationId}&limit=1&offset=1`),
      200,
      GateEvents,
    );
    expect(page).toEqual({ events: [opened.event], total: log.total });
  });

  it("filters the log to denials or manual opens, paging and counting only those", async () => {
    const staffUser = await staff();
    const { key } = expectOk(
      await admin.post("/api/gate/keys", { locationId, label: "Filter test barrier" }),
      201,
      CreatedKey,
    );
    // A plate nobody has: refused on the way in, let out (no stay) on the way out.
    const device = (eventId: string, direction: string) =>
      fetch(`${baseUrl}/api/gate/events`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ eventId, plate: "NOBODY9", direction }),
      });
    for (const [i, direction] of ["in", "in", "out"].entries()) {
      expect((await device(`filter-${Date.now()}-${i}`, direction)).status).toBe(200);
    }
    expectOk(
      await staffUser.post("/api/gate/open", { locationId, direction: "out", reason: "Test" }),
      201,
      GateEventBody,
    );
    const all = expectOk(
      await staffUser.get(`/api/gate/events?locationId=${locationId}&limit=100`),
      200,
      GateEvents,
    );
    expect(all.total).toBe(all.events.length);
    for (const [show, kept] of [
      ["denials", (e: z.infer<typeof GateEvent>) => e.decision === "deny"],
      ["manual", (e: z.infer<typeof GateEvent>) => e.manual],
    ] as const) {
      const expected = all.events.filter(kept);
      expect(expected.length).toBeGreaterThanOrEqual(2);
      expect(expected.length).toBeLessThan(all.events.length);
      const url = `/api/gate/events?locationId=${locationId}&show=${show}`;
      expect(expectOk(await staffUser.get(url), 200, GateEvents)).toEqual({
        events: expected,
        total: expected.length,
      });
      expect(expectOk(await staffUser.get(`${url}&limit=1&offset=1`), 200, GateEvents)).toEqual({
        events: [expected[1]],
        total: expected.length,
      });
    }
    const everything = `/api/gate/events?locationId=${locationId}&show=all&limit=100`;
    expect(expectOk(await staffUser.get(everything), 200, GateEvents)).toEqual(all);
  });

  it("refuses bad requests with 400 and unknown locations with 404, writing nothing", async () => {
    const staffUser = await staff();
    const before = await baselineSnapshot();
    const open = { locationId, direction: "in", reason: "Visitor" };
    for (const [body, field] of [
      [{ ...open, reason: "ab" }, "reason"],
      [{ ...open, reason: "x".repeat(201) }, "reason"],
      [{ ...open, direction: "up" }, "direction"],
      [{ ...open, plate: "A" }, "plate"],
      [{ ...open, plate: "AB_12" }, "plate"],
      [{ direction: "in", reason: "Visitor" }, "locationId"],
    ] as const) {
      expectError(await staffUser.post("/api/gate/open", body), {
        status: 400,
        code: "VALIDATION_ERROR",
        field,
      });
    }
    expectError(await staffUser.post("/api/gate/open", { ...open, locationId: 999_999 }), {
      status: 404,
      code: "NOT_FOUND",
    });
    for (const [query, field] of [
      ["", "locationId"],
      [`locationId=${locationId}&limit=0`, "limit"],
      [`locationId=${locationId}&limit=101`, "limit"],
      [`locationId=${locationId}&offset=-1`, "offset"],
      [`locationId=${locationId}&show=everything`, "show"],
    ] as const) {
      expectError(await staffUser.get(`/api/gate/events?${query}`), {
        status: 400,
        code: "VALIDATION_ERROR",
        field,
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});
