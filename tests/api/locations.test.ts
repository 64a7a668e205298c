// Locations over HTTP (API.md v2 → Locations): the public list, the admin's routes, the
// location-scoped staff routes (403 at other locations, 404 for unknown ids), and v1
// answers that only gain fields. Refused requests change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, registerDriver, uniqueUsername } from "./client";
import { snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot, freeSlot, reserve, staff } from "./fixtures";
import {
  AvailabilityBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  UserBody,
  expectError,
  expectOk,
} from "./schemas";

const Location = z
  .object({
    id: z.int().positive(),
    slug: z.string().regex(/^[a-z0-9-]{2,40}$/),
    name: z.string().min(1),
    address: z.string().min(1),
    timeZone: z.string().min(1),
    requiresCheckIn: z.boolean(),
    totalSlots: z.int().nonnegative(),
    available: z.int().nonnegative(),
  })
  .strict();
const LocationBody = z.object({ location: Location });
const LocationsBody = z.object({ locations: z.array(Location) });
// The v1 schemas with the fields v2 adds (zod drops keys a schema does not name).
const UserV2Body = z.object({
  user: UserBody.shape.user.extend({ locationIds: z.array(z.int().positive()) }),
});
const ReserveV2Body = ReserveBody.extend({
  reservation: ReserveBody.shape.reservation.extend({ locationId: z.int().positive() }),
});
const ScopedAvailabilityBody = AvailabilityBody.extend({
  byFloor: z.array(
    z.object({ locationId: z.int(), floor: z.int(), total: z.int(), available: z.int() }),
  ),
});
const StaffBody = z.object({ location: Location, staffUserIds: z.array(z.int().positive()) });

let admin: Client;
/** A staff user assigned nowhere. */
let outsider: Client;
let seededStaffId: number;
let driver: Client;
/**
 * A location created here. The seeded staff user is assigned to it (other test files may
 * pick its slot, priced above the seeded ones so that cheapest-first picks reach it last).
 */
let elsewhere: z.infer<typeof Location>;
let elsewhereSlotId: number;

async function promote(client: Client, role: "admin" | "staff"): Promise<void> {
  await writeAsAnotherConnection("UPDATE users SET role = ? WHERE id = ?", role, client.user!.id);
}

const newLocation = (overrides: Record<string, unknown> = {}) => ({
  slug: uniqueUsername("loc").replace(/[^a-z0-9-]/g, "-"),
  name: "Airport long-stay",
  address: "Terminal road 1",
  timeZone: "Europe/Berlin",
  requiresCheckIn: true,
  ...overrides,
});

beforeAll(async () => {
  [admin, driver, outsider] = await Promise.all([
    registerDriver(),
    registerDriver(10_000),
    registerDriver(),
  ]);
  await promote(admin, "admin");
  await promote(outsider, "staff");
  seededStaffId = (await staff()).user!.id;
  elsewhere = expectOk(
    await admin.post("/api/locations", newLocation()),
    201,
    LocationBody,
  ).location;
  // Staff first, then its slot: the seeded staff user works at every location that has
  // slots throughout, so other files' network analytics stay theirs.
  expectOk(
    await admin.request("PUT", `/api/locations/${elsewhere.id}/staff`, {
      json: { userIds: [seededStaffId] },
    }),
    200,
    StaffBody,
  );
  const created = await admin.post("/api/slots", {
    locationId: elsewhere.id,
    slotNumber: `LOC-${elsewhere.id}`,
    floor: 1,
    zone: "L",
    type: "regular",
    pricePerHourCents: 9_000,
  });
  elsewhereSlotId = expectOk(created, 201, z.object({ slot: z.object({ id: z.int() }) })).slot.id;
});

describe("GET /api/locations and /api/locations/{id} (public)", () => {
  it("lists every location by name with its slot counts, which add up to availability", async () => {
    const ByLocation = AvailabilityBody.extend({
      byLocation: z.array(z.object({ locationId: z.int(), total: z.int(), available: z.int() })),
    });
    const availability = async () =>
      expectOk(await new Client().get("/api/availability"), 200, ByLocation);
    const total = (rows: { total: number }[]) => rows.reduce((sum, r) => sum + r.total, 0);
    // Other test files create slots meanwhile: compare a list read between two equal counts.
    for (let attempt = 1; ; attempt++) {
      const before = await availability();
      const { locations } = expectOk(await new Client().get("/api/locations"), 200, LocationsBody);
      const after = await availability();
      if (before.total !== after.total && attempt < 5) continue;
      const names = locations.map((l) => l.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(locations.map((l) => l.id)).toContain(elsewhere.id);
      expect(total(locations.map((l) => ({ total: l.totalSlots })))).toBe(after.total);
      expect(total(after.byLocation)).toBe(after.total);
      break;
    }
  });

  it("reads one; an unknown id is 404, a malformed one 400", async () => {
    const { location } = expectOk(
      await new Client().get(`/api/locations/${elsewhere.id}`),
      200,
      LocationBody,
    );
    expect(location).toMatchObject({ timeZone: "Europe/Berlin", totalSlots: 1, available: 1 });
    expectError(await new Client().get("/api/locations/99999999"), {
      status: 404,
      code: "NOT_FOUND",
    });
    expectError(await new Client().get("/api/locations/abc"), {
      status: 400,
      code: "VALIDATION_ERROR",
    });
  });
});

describe("the admin's routes", () => {
  it("refuses anonymous (401), drivers and staff (403), and changes nothing", async () => {
    const before = await baselineSnapshot();
    const calls = (client: Client) => [
      client.post("/api/locations", newLocation()),
      client.request("PATCH", `/api/locations/${elsewhere.id}`, { json: { name: "x" } }),
      client.request("PUT", `/api/locations/${elsewhere.id}/staff`, { json: { userIds: [] } }),
      client.request("PATCH", `/api/users/${driver.user!.id}`, { json: { role: "admin" } }),
    ];
    for (const response of await Promise.all(calls(new Client()))) {
      expectError(response, { status: 401, code: "UNAUTHENTICATED" });
    }
    for (const client of [driver, outsider]) {
      for (const response of await Promise.all(calls(client))) {
        expectError(response, { status: 403, code: "FORBIDDEN" });
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a 400 naming the field, a taken slug with 409", async () => {
    const before = await baselineSnapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: "A!" }, "slug"],
      [{ slug: "x" }, "slug"],
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ name: "" }, "name"],
    ];
    for (const [overrides, field] of cases) {
      expectError(await admin.post("/api/locations", newLocation(overrides)), {
        status: 400,
        code: "VALIDATION_ERROR",
        field,
      });
    }
    expectError(await admin.post("/api/locations", newLocation({ slug: elsewhere.slug })), {
      status: 409,
      code: "CONFLICT",
    });
    expectError(
      await admin.request("PATCH", `/api/locations/${elsewhere.id}`, {
        json: { timeZone: "Nowhere/Else" },
      }),
      { status: 400, code: "VALIDATION_ERROR", field: "timeZone" },
    );
    expectError(await admin.request("PATCH", "/api/locations/99999999", { json: { name: "x" } }), {
      status: 404,
      code: "NOT_FOUND",
    });
    expectError(
      await admin.request("PUT", `/api/locations/${elsewhere.id}/staff`, {
        json: { userIds: [driver.user!.id] },
      }),
      { status: 400, code: "VALIDATION_ERROR", field: "userIds" },
    );
    expectError(
      await admin.request("PATCH", `/api/users/${driver.user!.id}`, { json: { role: "root" } }),
      { status: 400, code: "VALIDATION_ERROR", field: "role" },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("changes a location's settings", async () => {
    const created = expectOk(
      await admin.post("/api/locations", newLocation({ requiresCheckIn: undefined })),
      201,
      LocationBody,
    ).location;
    expect(created.requiresCheckIn).toBe(false);
    const { location } = expectOk(
      await admin.request("PATCH", `/api/locations/${created.id}`, {
        json: { name: "City centre", timeZone: "Europe/London" },
      }),
      200,
      LocationBody,
    );
    expect(location).toMatchObject({ id: created.id, name: "City centre" });
    expect(location.timeZone).toBe("Europe/London");
  });

  it("makes a user staff, assigns them, and they see locationIds in /api/me", async () => {
    const worker = await registerDriver();
    const { user } = expectOk(
      await admin.request("PATCH", `/api/users/${worker.user!.id}`, { json: { role: "staff" } }),
      200,
      UserV2Body,
    );
    expect(user).toMatchObject({ role: "staff", locationIds: [] });
    const assigned = expectOk(
      await admin.request("PUT", `/api/locations/${elsewhere.id}/staff`, {
        json: { userIds: [seededStaffId, worker.user!.id] },
      }),
      200,
      StaffBody,
    );
    expect(assigned.staffUserIds).toEqual([seededStaffId, worker.user!.id]);
    const me = expectOk(await worker.get("/api/me"), 200, UserV2Body);
    expect(me.user).toMatchObject({ role: "staff", locationIds: [elsewhere.id] });
    // Works there, and nowhere else.
    expect((await worker.get(`/api/slots/${elsewhereSlotId}`)).status).toBe(200);
    const home = (await freeSlot((slot) => slot.id !== elsewhereSlotId)).id;
    expectError(await worker.get(`/api/slots/${home}`), { status: 403, code: "FORBIDDEN" });
    // Unassigned again: the location no longer answers to them.
    expectOk(
      await admin.request("PUT", `/api/locations/${elsewhere.id}/staff`, {
        json: { userIds: [seededStaffId] },
      }),
      200,
      StaffBody,
    );
    expectError(await worker.get(`/api/slots/${elsewhereSlotId}`), {
      status: 403,
      code: "FORBIDDEN",
    });
  });
});

describe("location-scoped staff routes", () => {
  it("staff get 403 at a location they do not work at; admin passes; unknown ids 404", async () => {
    const before = await baselineSnapshot();
    const scoped = [
      `/api/slots/${elsewhereSlotId}`,
      `/api/pricing-rules?locationId=${elsewhere.id}`,
      `/api/reservations?locationId=${elsewhere.id}`,
    ];
    for (const path of scoped) {
      expectError(await outsider.get(path), { status: 403, code: "FORBIDDEN" });
      expect((await admin.get(path)).status, path).toBe(200);
    }
    expectError(
      await outsider.request("PATCH", `/api/slots/${elsewhereSlotId}`, {
        json: { outOfService: true },
      }),
      { status: 403, code: "FORBIDDEN" },
    );
    expectError(
      await outsider.post("/api/slots", {
        locationId: elsewhere.id,
        slotNumber: "NOPE-1",
        floor: 1,
        zone: "L",
        type: "regular",
        pricePerHourCents: 100,
      }),
      { status: 403, code: "FORBIDDEN" },
    );
    expect(await snapshot()).toEqual(before);
    for (const path of [
      "/api/availability?locationId=99999999",
      "/api/slots?locationId=99999999",
      "/api/reservations?locationId=99999999",
      "/api/pricing-rules?locationId=99999999",
    ]) {
      expectError(await admin.get(path), { status: 404, code: "NOT_FOUND" });
    }
  });

  it("a reservation there: staff elsewhere may not end or cancel it (403), the owner may", async () => {
    const booked = expectOk(
      await reserve(driver, { slotId: elsewhereSlotId, durationHours: 1 }),
      201,
      ReserveV2Body,
    );
    expect(booked.reservation.locationId).toBe(elsewhere.id);
    const id = booked.reservation.id;
    const before = await baselineSnapshot();
    expectError(await outsider.post("/api/end-reservation", { reservationId: id }), {
      status: 403,
      code: "FORBIDDEN",
    });
    expectError(await outsider.post(`/api/reservations/${id}/cancel`), {
      status: 403,
      code: "FORBIDDEN",
    });
    expect(await snapshot()).toEqual(before);
    // Staff elsewhere do not list it; staff there, admin and the owner do.
    const listed = (client: Client) =>
      client
        .get(`/api/reservations?userId=${driver.user!.id}`)
        .then((r) => expectOk(r, 200, ReservationsBody).reservations.map((x) => x.id));
    expect(await listed(outsider)).not.toContain(id);
    expect(await listed(admin)).toContain(id);
    expect(await listed(await staff())).toContain(id);
    expect(await listed(driver)).toContain(id);
    expect((await driver.post("/api/end-reservation", { reservationId: id })).status).toBe(200);
  });

  it("scopes availability and slot search to one location", async () => {
    const scoped = expectOk(
      await new Client().get(`/api/availability?locationId=${elsewhere.id}`),
      200,
      ScopedAvailabilityBody,
    );
    expect(scoped.total).toBe(1);
    expect(scoped.byFloor).toEqual([
      expect.objectContaining({ locationId: elsewhere.id, floor: 1, total: 1 }),
    ]);
    const raw = await new Client().get(`/api/availability?locationId=${elsewhere.id}`);
    expect(raw.body).not.toHaveProperty("byLocation");
    const { slots, total } = expectOk(
      await new Client().get(`/api/slots?locationId=${elsewhere.id}&available=all`),
      200,
      SlotsBody,
    );
    expect(total).toBe(1);
    expect(slots.map((s) => s.id)).toEqual([elsewhereSlotId]);
  });
});
