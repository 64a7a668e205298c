// The authorization matrix of the garage network: every route that names a location, a
// slot or a reservation there, or manages the network, called by an anonymous client, the
// driver who owns the resource, another driver, staff who work at the location ("here"),
// staff who work only at another one ("elsewhere") and an admin. Each cell is the status
// the contract and docs/locations.md give; a refused call changes nothing. The v1 callers
// of the routes that name no location (health, auth, me) are in authorization.test.ts, and
// the last test checks that every route under app/api is in one of the two matrices.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, registerDriver, uniqueUsername, type ApiResponse } from "./client";
import { snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot, reserve, staff } from "./fixtures";
import { passSchema } from "@/lib/api-schemas/parking";
import {
  AddBalanceBody,
  AvailabilityBody,
  ReservationBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  UserBody,
  UsersBody,
  WalletTransactionsBody,
  expectError,
  expectOk,
} from "./schemas";

type Caller = "anonymous" | "owner" | "otherDriver" | "staffHere" | "staffElsewhere" | "admin";
const callers: Caller[] = [
  "anonymous",
  "owner",
  "otherDriver",
  "staffHere",
  "staffElsewhere",
  "admin",
];

type Context = {
  owner: Client;
  ownerId: number;
  /** The location the rows are about, and the other one. */
  here: number;
  elsewhere: number;
  admin: Client;
};

type Row = {
  /** "METHOD /api/route/[param]" as under app/api, and what the row calls it with. */
  route: string;
  what: string;
  expected: Record<Caller, number>;
  schema: z.ZodType;
  prepare?: (context: Context) => Promise<number>;
  call: (caller: Client, context: Context, prepared: number) => Promise<ApiResponse>;
  /** The error code of its refusals when not the usual one for the status. */
  errorCode?: "INVALID_GATE_KEY";
};

const everyone = (status: number): Record<Caller, number> => ({
  anonymous: status,
  owner: status,
  otherDriver: status,
  staffHere: status,
  staffElsewhere: status,
  admin: status,
});
/** Staff working at the location and admins; 403 to drivers and staff elsewhere. */
const STAFF_HERE = (ok: number) => ({
  anonymous: 401,
  owner: 403,
  otherDriver: 403,
  staffHere: ok,
  staffElsewhere: 403,
  admin: ok,
});
const ADMIN_ONLY = (ok: number) => ({
  anonymous: 401,
  owner: 403,
  otherDriver: 403,
  staffHere: 403,
  staffElsewhere: 403,
  admin: ok,
});
/** Network-wide staff routes: every staff user, wherever they work. */
const ANY_STAFF = (ok: number) => ({
  anonymous: 401,
  owner: 403,
  otherDriver: 403,
  staffHere: ok,
  staffElsewhere: ok,
  admin: ok,
});
/** The owner's own resource at the location: theirs, its location's staff and admins. */
const OWNERS_HERE = (ok: number) => ({
  anonymous: 401,
  owner: ok,
  otherDriver: 404,
  staffHere: ok,
  staffElsewhere: 403,
  admin: ok,
});

// Above the seeded prices, so that other files' cheapest-first picks reach these last.
const PRICE = 3_000;
let slotCounter = 0;

async function newSlot({ admin, here }: Context): Promise<number> {
  const response = await admin.post("/api/slots", {
    locationId: here,
    slotNumber: `AZ-${++slotCounter}-${Date.now() % 100_000}`,
    floor: 1,
    zone: "Z",
    type: "regular",
    pricePerHourCents: PRICE,
  });
  return expectOk(response, 201, z.object({ slot: z.object({ id: z.int() }) })).slot.id;
}

async function ownersBooking(context: Context, startInHours = 0): Promise<number> {
  const slotId = await newSlot(context);
  const startTime =
    startInHours === 0 ? undefined : new Date(Date.now() + startInHours * 3_600_000).toISOString();
  const booked = await context.owner.post("/api/reserve", { slotId, durationHours: 1, startTime });
  return expectOk(booked, 201, ReserveBody).reservation.id;
}

let plateCounter = 0;
/** A plate nobody in this run has (letters and digits, at most 10). */
function newPlate(): string {
  return `MX${++plateCounter}R${process.pid % 100_000}`.slice(0, 10);
}

async function ownersVehicle({ owner }: Context): Promise<number> {
  const added = await owner.post("/api/vehicles", { plate: newPlate() });
  return expectOk(added, 201, VehicleBody).vehicle.id;
}

const Location = z.object({ id: z.int(), slug: z.string(), name: z.string() }).loose();
const LocationBody = z.object({ location: Location });
const SlotBody = z.object({ slot: z.object({ id: z.int() }).loose() });
const SlotDetailBody = z.object({ slot: z.object({ id: z.int() }).loose() }).loose();
const RulesBody = z.object({ rules: z.object({ enabled: z.boolean() }).loose() });
const AnalyticsBody = z.object({ range: z.object({ days: z.int() }).loose() }).loose();
const AuditBody = z.object({ entries: z.array(z.unknown()), total: z.int() }).loose();
const StaffBody = z.object({ staffUserIds: z.array(z.int()) }).loose();
const QuoteBody = z.object({ totalCents: z.int() }).loose();
const LocationsBody = z.object({ locations: z.array(Location) });
const VehicleBody = z.object({ vehicle: z.object({ id: z.int() }).loose() });
const VehiclesBody = z.object({ vehicles: z.array(z.object({ id: z.int() }).loose()) });
const TopUpsBody = z.object({ topUps: z.array(z.object({ id: z.int() }).loose()), total: z.int() });
const TopUpCreatedBody = z.object({ topUp: z.object({ id: z.int() }).loose() });
const CancelBody = z.object({ reservation: z.object({ status: z.literal("cancelled") }).loose() });
const GateKeyBody = z.object({ id: z.int(), key: z.string() }).loose();
const GateKeysBody = z.object({ keys: z.array(z.object({ id: z.int() }).loose()) });
const GateEventsBody = z.object({ events: z.array(z.unknown()), total: z.int() });
const GateEventBody = z.object({ event: z.object({ manual: z.literal(true) }).loose() });

async function gateKeyHere({ admin, here }: Context): Promise<number> {
  const created = await admin.post("/api/gate/keys", { locationId: here, label: "Matrix gate" });
  return expectOk(created, 201, GateKeyBody).id;
}

const rows: Row[] = [
  // Public reads, scoped or not.
  {
    route: "GET /api/availability",
    what: "?locationId=here",
    expected: everyone(200),
    schema: AvailabilityBody,
    call: (c, { here }) => c.get(`/api/availability?locationId=${here}`),
  },
  {
    route: "GET /api/slots",
    what: "?locationId=here",
    expected: everyone(200),
    schema: SlotsBody,
    call: (c, { here }) => c.get(`/api/slots?locationId=${here}&available=all`),
  },
  {
    route: "GET /api/locations",
    what: "",
    expected: everyone(200),
    schema: LocationsBody,
    call: (c) => c.get("/api/locations"),
  },
  {
    route: "GET /api/locations/[id]",
    what: "here",
    expected: everyone(200),
    schema: LocationBody,
    call: (c, { here }) => c.get(`/api/locations/${here}`),
  },
  {
    route: "GET /api/quote",
    what: "a slot here",
    expected: everyone(200),
    schema: QuoteBody,
    prepare: newSlot,
    call: (c, _context, slotId) => c.get(`/api/quote?slotId=${slotId}&durationHours=2`),
  },
  // Managing the network: admins only.
  {
    route: "POST /api/locations",
    what: "a new one",
    expected: ADMIN_ONLY(201),
    schema: LocationBody,
    call: (c) =>
      c.post("/api/locations", {
        slug: uniqueUsername("az").replace(/[^a-z0-9-]/g, "-"),
        name: "Matrix garage",
        address: "1 Matrix road",
        timeZone: "Europe/London",
      }),
  },
  {
    route: "PATCH /api/locations/[id]",
    what: "here",
    expected: ADMIN_ONLY(200),
    schema: LocationBody,
    call: (c, { here }) =>
      c.request("PATCH", `/api/locations/${here}`, { json: { name: "Matrix here" } }),
  },
  {
    route: "PUT /api/locations/[id]/staff",
    what: "here (the same staff again)",
    expected: ADMIN_ONLY(200),
    schema: StaffBody,
    call: (c, { here }) =>
      c.request("PUT", `/api/locations/${here}/staff`, { json: { userIds: staffAt.here } }),
  },
  {
    route: "PATCH /api/users/[id]",
    what: "a driver's role to driver",
    expected: ADMIN_ONLY(200),
    schema: UserBody,
    prepare: async () => (await registerDriver()).user!.id,
    call: (c, _context, userId) =>
      c.request("PATCH", `/api/users/${userId}`, { json: { role: "driver" } }),
  },
  {
    route: "POST /api/gate/keys",
    what: "for here",
    expected: ADMIN_ONLY(201),
    schema: GateKeyBody,
    call: (c, { here }) => c.post("/api/gate/keys", { locationId: here, label: "Matrix gate" }),
  },
  {
    route: "GET /api/gate/keys",
    what: "?locationId=here",
    expected: ADMIN_ONLY(200),
    schema: GateKeysBody,
    call: (c, { here }) => c.get(`/api/gate/keys?locationId=${here}`),
  },
  {
    route: "DELETE /api/gate/keys/[id]",
    what: "a key for here",
    expected: ADMIN_ONLY(204),
    schema: z.undefined(),
    prepare: gateKeyHere,
    call: (c, _context, keyId) => c.request("DELETE", `/api/gate/keys/${keyId}`),
  },
  // A gate device's events: its key, never a session, whoever is signed in.
  {
    route: "POST /api/gate/events",
    what: "a session but no gate key",
    expected: everyone(401),
    errorCode: "INVALID_GATE_KEY",
    schema: z.unknown(),
    call: (c) => c.post("/api/gate/events", { eventId: "matrix", direction: "in", plate: "AB12" }),
  },
  // A location's gate log and opening its gate by hand: its staff and admins.
  {
    route: "GET /api/gate/events",
    what: "?locationId=here",
    expected: STAFF_HERE(200),
    schema: GateEventsBody,
    call: (c, { here }) => c.get(`/api/gate/events?locationId=${here}`),
  },
  {
    route: "POST /api/gate/open",
    what: "here",
    expected: STAFF_HERE(201),
    schema: GateEventBody,
    call: (c, { here }) =>
      c.post("/api/gate/open", { locationId: here, direction: "in", reason: "Matrix visitor" }),
  },
  // A location's slots, pricing, analytics and reservations: its staff and admins.
  {
    route: "POST /api/slots",
    what: "at here",
    expected: STAFF_HERE(201),
    schema: SlotBody,
    call: (c, { here }) =>
      c.post("/api/slots", {
        locationId: here,
        slotNumber: `AZ-new-${++slotCounter}-${Date.now() % 100_000}`,
        floor: 2,
        zone: "Z",
        type: "regular",
        pricePerHourCents: PRICE,
      }),
  },
  {
    route: "GET /api/slots/[id]",
    what: "a slot here",
    expected: STAFF_HERE(200),
    schema: SlotDetailBody,
    prepare: newSlot,
    call: (c, _context, slotId) => c.get(`/api/slots/${slotId}`),
  },
  {
    route: "PATCH /api/slots/[id]",
    what: "a slot here",
    expected: STAFF_HERE(200),
    schema: SlotBody,
    prepare: newSlot,
    call: (c, _context, slotId) =>
      c.request("PATCH", `/api/slots/${slotId}`, { json: { pricePerHourCents: PRICE + 100 } }),
  },
  {
    route: "POST /api/slots/bulk",
    what: "a zone here",
    expected: STAFF_HERE(200),
    schema: z.object({ updated: z.number().int() }),
    call: (c, { here }) =>
      c.post("/api/slots/bulk", { locationId: here, zone: "NO-SUCH-ZONE", outOfService: true }),
  },
  {
    route: "GET /api/pricing-rules",
    what: "?locationId=here",
    expected: STAFF_HERE(200),
    schema: RulesBody,
    call: (c, { here }) => c.get(`/api/pricing-rules?locationId=${here}`),
  },
  {
    route: "PUT /api/pricing-rules",
    what: "?locationId=here (its rules again)",
    expected: STAFF_HERE(200),
    schema: RulesBody,
    call: async (c, { admin, here }) => {
      const { rules } = expectOk(
        await admin.get(`/api/pricing-rules?locationId=${here}`),
        200,
        RulesBody,
      );
      return c.request("PUT", `/api/pricing-rules?locationId=${here}`, { json: rules });
    },
  },
  {
    route: "GET /api/analytics",
    what: "?locationId=here",
    expected: STAFF_HERE(200),
    schema: AnalyticsBody,
    call: (c, { here }) => c.get(`/api/analytics?locationId=${here}&days=7`),
  },
  {
    route: "GET /api/reservations",
    what: "?locationId=here (drivers: their own there)",
    expected: { ...STAFF_HERE(200), owner: 200, otherDriver: 200 },
    schema: ReservationsBody,
    call: (c, { here }) => c.get(`/api/reservations?locationId=${here}`),
  },
  {
    route: "POST /api/reserve",
    what: "{userId: the owner} a slot here",
    expected: { ...OWNERS_HERE(201), otherDriver: 403 },
    schema: ReserveBody,
    prepare: newSlot,
    call: (c, { ownerId }, slotId) => reserve(c, { slotId, durationHours: 1, userId: ownerId }),
  },
  {
    route: "POST /api/end-reservation",
    what: "the owner's, here",
    expected: OWNERS_HERE(200),
    schema: ReservationBody,
    prepare: (context) => ownersBooking(context),
    call: (c, _context, reservationId) => c.post("/api/end-reservation", { reservationId }),
  },
  {
    route: "POST /api/reservations/[id]/cancel",
    what: "the owner's upcoming one, here",
    expected: OWNERS_HERE(200),
    schema: CancelBody,
    prepare: (context) => ownersBooking(context, 48),
    call: (c, _context, reservationId) => c.post(`/api/reservations/${reservationId}/cancel`, {}),
  },
  {
    route: "POST /api/reservations/[id]/extend",
    what: "the owner's running one, here, by 1 hour",
    expected: OWNERS_HERE(200),
    schema: ReserveBody,
    prepare: (context) => ownersBooking(context),
    call: (c, _context, reservationId) =>
      c.post(`/api/reservations/${reservationId}/extend`, { hours: 1 }),
  },
  {
    route: "GET /api/reservations/[id]/pass",
    what: "the owner's, here",
    expected: OWNERS_HERE(200),
    schema: passSchema,
    prepare: (context) => ownersBooking(context, 48),
    call: (c, _context, reservationId) => c.get(`/api/reservations/${reservationId}/pass`),
  },
  // Network-wide staff routes: staff wherever they work.
  {
    route: "GET /api/users",
    what: "",
    expected: ANY_STAFF(200),
    schema: UsersBody,
    call: (c) => c.get("/api/users"),
  },
  {
    route: "POST /api/add-balance",
    what: "{userId: the owner}",
    expected: { ...ANY_STAFF(200), owner: 200 },
    schema: AddBalanceBody,
    call: (c, { ownerId }) => c.post("/api/add-balance", { amountCents: 100, userId: ownerId }),
  },
  {
    route: "GET /api/wallet/transactions",
    what: "?userId=the owner",
    expected: { ...ANY_STAFF(200), owner: 200 },
    schema: WalletTransactionsBody,
    call: (c, { ownerId }) => c.get(`/api/wallet/transactions?userId=${ownerId}`),
  },
  // The account's vehicles (no location): the owner's; staff anywhere read any account's.
  {
    route: "GET /api/vehicles",
    what: "?userId=the owner",
    expected: { ...ANY_STAFF(200), owner: 200 },
    schema: VehiclesBody,
    call: (c, { ownerId }) => c.get(`/api/vehicles?userId=${ownerId}`),
  },
  {
    route: "POST /api/vehicles",
    what: "a plate nobody has",
    expected: { ...everyone(201), anonymous: 401 },
    schema: VehicleBody,
    call: (c) => c.post("/api/vehicles", { plate: newPlate() }),
  },
  {
    route: "DELETE /api/vehicles/[id]",
    what: "the owner's (someone else's is not found, staff included)",
    expected: { ...everyone(404), anonymous: 401, owner: 204 },
    schema: z.undefined(),
    prepare: ownersVehicle,
    call: (c, _context, vehicleId) => c.request("DELETE", `/api/vehicles/${vehicleId}`),
  },
  // Top-ups (no location): a driver's own; staff anywhere read any account's.
  {
    route: "GET /api/top-ups",
    what: "?userId=the owner",
    expected: { ...ANY_STAFF(200), owner: 200 },
    schema: TopUpsBody,
    call: (c, { ownerId }) => c.get(`/api/top-ups?userId=${ownerId}`),
  },
  {
    route: "POST /api/top-ups",
    what: "for one's own wallet (demo money)",
    expected: { ...everyone(201), anonymous: 401 },
    schema: TopUpCreatedBody,
    call: (c) => c.post("/api/top-ups", { amountCents: 100 }),
  },
  {
    route: "POST /api/webhooks/stripe",
    what: "with the demo provider (no session; not configured)",
    expected: everyone(404),
    schema: z.undefined(),
    call: (c) =>
      c.post("/api/webhooks/stripe", undefined, {
        body: "{}",
        headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=0" },
      }),
  },
  {
    route: "GET /api/audit-log",
    what: "",
    expected: ANY_STAFF(200),
    schema: AuditBody,
    call: (c) => c.get("/api/audit-log"),
  },
];

/** Unscoped location routes: the network (analytics) or the default location (pricing). */
const networkRows: Row[] = [
  {
    route: "GET /api/analytics",
    what: "the network (staffHere works at one location of several with slots)",
    expected: ADMIN_ONLY(200),
    schema: AnalyticsBody,
    call: (c) => c.get("/api/analytics?days=1"),
  },
  {
    route: "GET /api/pricing-rules",
    what: "the default location's (neither matrix staff user works there)",
    expected: ADMIN_ONLY(200),
    schema: RulesBody,
    call: (c) => c.get("/api/pricing-rules"),
  },
];

/** An unknown location: 404 to whoever may ask about locations at all (before any 403). */
const unknownRows: Row[] = [
  {
    route: "GET /api/analytics",
    what: "?locationId=unknown",
    expected: { ...STAFF_HERE(404), staffElsewhere: 404, owner: 403, otherDriver: 403 },
    schema: AnalyticsBody,
    call: (c) => c.get("/api/analytics?locationId=999999"),
  },
  {
    route: "GET /api/gate/events",
    what: "?locationId=unknown",
    expected: { ...STAFF_HERE(404), staffElsewhere: 404 },
    schema: GateEventsBody,
    call: (c) => c.get("/api/gate/events?locationId=999999"),
  },
  {
    route: "GET /api/locations/[id]",
    what: "unknown",
    expected: everyone(404),
    schema: LocationBody,
    call: (c) => c.get("/api/locations/999999"),
  },
  {
    route: "POST /api/slots",
    what: "at an unknown location",
    expected: { ...STAFF_HERE(404), staffElsewhere: 404 },
    schema: SlotBody,
    call: (c) =>
      c.post("/api/slots", {
        locationId: 999_999,
        slotNumber: "AZ-nowhere",
        floor: 1,
        zone: "Z",
        type: "regular",
        pricePerHourCents: PRICE,
      }),
  },
];

const errorCodeFor: Record<number, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND"> = {
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
};

/** Staff assigned to each matrix location (the seeded staff works everywhere). */
const staffAt = { here: [] as number[], elsewhere: [] as number[] };
const clients = {} as Record<Caller, Client>;
let context: Context;

async function promote(client: Client, role: "admin" | "staff"): Promise<void> {
  await writeAsAnotherConnection("UPDATE users SET role = ? WHERE id = ?", role, client.user!.id);
}

beforeAll(async () => {
  const [owner, otherDriver, staffHere, staffElsewhere, admin] = [
    await registerDriver(100_000),
    await registerDriver(100_000),
    await registerDriver(),
    await registerDriver(),
    await registerDriver(),
  ];
  await promote(admin, "admin");
  await promote(staffHere, "staff");
  await promote(staffElsewhere, "staff");
  const seeded = (await staff()).user!.id;
  const create = async (slug: string) =>
    expectOk(
      await admin.post("/api/locations", {
        slug: uniqueUsername(slug).replace(/[^a-z0-9-]/g, "-"),
        name: `Matrix ${slug}`,
        address: "1 Matrix road",
        timeZone: "America/New_York",
      }),
      201,
      LocationBody,
    ).location.id;
  const [here, elsewhere] = [await create("here"), await create("there")];
  staffAt.here = [seeded, staffHere.user!.id].sort((a, b) => a - b);
  staffAt.elsewhere = [seeded, staffElsewhere.user!.id].sort((a, b) => a - b);
  // Staff before slots: the seeded staff user works at every location that has slots
  // throughout, so other files' network analytics stay theirs.
  for (const [id, userIds] of [
    [here, staffAt.here],
    [elsewhere, staffAt.elsewhere],
  ] as const) {
    expectOk(
      await admin.request("PUT", `/api/locations/${id}/staff`, { json: { userIds } }),
      200,
      StaffBody,
    );
  }
  context = { owner, ownerId: owner.user!.id, here, elsewhere, admin };
  // A slot at each, so that both are part of the network.
  await newSlot(context);
  await newSlot({ ...context, here: elsewhere });
  Object.assign(clients, {
    anonymous: new Client(),
    owner,
    otherDriver,
    staffHere,
    staffElsewhere,
    admin,
  });
});

function cellsOf(list: Row[]) {
  return list.flatMap((row) =>
    callers.map((caller) => ({
      name: `${row.route} ${row.what}`.trim(),
      caller,
      status: row.expected[caller],
      row,
    })),
  );
}

async function check(caller: Caller, status: number, row: Row): Promise<void> {
  const prepared = row.prepare ? await row.prepare(context) : 0;
  const before = await baselineSnapshot();
  const response = await row.call(clients[caller], context, prepared);
  if (status >= 400) {
    expectError(response, { status, code: row.errorCode ?? errorCodeFor[status]! });
    expect(await snapshot()).toEqual(before);
  } else if (status === 204) {
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
  } else {
    expectOk(response, status, row.schema);
  }
}

describe("authorization matrix of the garage network", () => {
  it.each(cellsOf(rows))("$name as $caller → $status", ({ caller, status, row }) =>
    check(caller, status, row),
  );
  it.each(cellsOf(networkRows))("$name as $caller → $status", ({ caller, status, row }) =>
    check(caller, status, row),
  );
  it.each(cellsOf(unknownRows))("$name as $caller → $status", ({ caller, status, row }) =>
    check(caller, status, row),
  );

  it("staff elsewhere see none of this location's reservations; staff here see the owner's", async () => {
    const reservationId = await ownersBooking(context);
    const listed = async (c: Client) =>
      expectOk(await c.get("/api/reservations?limit=500"), 200, ReservationsBody).reservations.map(
        (r) => r.id,
      );
    expect(await listed(clients.staffHere)).toContain(reservationId);
    expect(await listed(clients.staffElsewhere)).not.toContain(reservationId);
    expect(await listed(clients.admin)).toContain(reservationId);
  });
});

// The v1 matrix (authorization.test.ts) holds the routes that name no location.
const V1_MATRIX = [
  "GET /api/health",
  "POST /api/auth/register",
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "POST /api/auth/logout-everywhere",
  "POST /api/auth/password",
  "GET /api/me",
];

function routesOnDisk(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative(path.join(root, ".."), dir).split(path.sep).join("/");
        // The catch-all answers 404 to every method: not a resource to authorize.
        if (route.includes("[[...")) continue;
        const source = readFileSync(full, "utf8");
        for (const [, method] of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.push(`${method} ${route}`);
        }
      }
    }
  };
  walk(root);
  return found.sort();
}

it("every route under app/api is in one of the two authorization matrices", () => {
  const covered = new Set([...V1_MATRIX, ...rows.map((row) => row.route)]);
  expect(routesOnDisk().filter((route) => !covered.has(route))).toEqual([]);
});
