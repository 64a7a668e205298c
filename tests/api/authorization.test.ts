// The authorization matrix: every route, called by an anonymous client, by the driver who
// owns the resource, by another driver, and by staff. Each cell states the status the
// contract gives, and a refused call must change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  DEMO_PASSWORD,
  login,
  registerDriver,
  uniqueUsername,
  type ApiResponse,
} from "./client";
import { snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot, freeSlot, reserve, staff } from "./fixtures";
import {
  AddBalanceBody,
  AvailabilityBody,
  expectError,
  expectOk,
  HealthBody,
  ReservationBody,
  ReservationsBody,
  ReserveBody,
  SlotsBody,
  UserBody,
  UsersBody,
  WalletTransactionsBody,
} from "./schemas";
import { z } from "zod";

type Caller = "anonymous" | "driver" | "otherDriver" | "staff";
const callers: Caller[] = ["anonymous", "driver", "otherDriver", "staff"];

type Context = {
  /** The driver whose resources the row is about ("driver" acts on their own). */
  owner: Client;
  ownerId: number;
};

type Row = {
  route: string;
  expected: Record<Caller, number>;
  /** Schema of the success body. */
  schema: z.ZodType;
  /** Set-up for one call (a free slot, a reservation to end), made before the snapshot. */
  prepare?: (context: Context) => Promise<number>;
  /**
   * The request, made by `caller` (by another session of the same user where the call
   * starts or ends a session: a copy of the cookie would end the caller's own).
   */
  call: (caller: Client, context: Context, prepared: number) => Promise<ApiResponse>;
};

const PUBLIC = { anonymous: 200, driver: 200, otherDriver: 200, staff: 200 };

// Every booking call gets a free slot of its own.
async function cheapFreeSlot(): Promise<number> {
  return (await freeSlot((s) => s.pricePerHourCents <= 2_000)).id;
}

/**
 * For calls that end every other session of the caller: a new user of the caller's role
 * (made staff by another connection where the caller is staff), or a new anonymous client.
 */
async function userLike(caller: Client): Promise<Client> {
  if (!caller.user) return new Client();
  const user = await registerDriver();
  if (caller.user.role === "staff") {
    await writeAsAnotherConnection("UPDATE users SET role = 'staff' WHERE id = ?", user.user!.id);
  }
  return user;
}

const rows: Row[] = [
  {
    route: "GET /api/health",
    expected: PUBLIC,
    schema: HealthBody,
    call: (c) => c.get("/api/health"),
  },
  {
    route: "GET /api/availability",
    expected: PUBLIC,
    schema: AvailabilityBody,
    call: (c) => c.get("/api/availability"),
  },
  {
    route: "GET /api/slots",
    expected: PUBLIC,
    schema: SlotsBody,
    call: (c) => c.get("/api/slots"),
  },
  {
    route: "POST /api/auth/register",
    expected: { anonymous: 201, driver: 201, otherDriver: 201, staff: 201 },
    schema: UserBody,
    call: async (c) => {
      const username = uniqueUsername("m");
      return (await c.anotherSession()).post("/api/auth/register", {
        username,
        email: `${username}@example.test`,
        password: "matrix-password",
      });
    },
  },
  {
    route: "POST /api/auth/login",
    expected: PUBLIC,
    schema: UserBody,
    call: async (c) =>
      (await c.anotherSession()).post("/api/auth/login", {
        username: "bob",
        password: DEMO_PASSWORD,
      }),
  },
  {
    route: "POST /api/auth/logout",
    expected: { anonymous: 204, driver: 204, otherDriver: 204, staff: 204 },
    schema: z.undefined(),
    call: async (c) => (await c.anotherSession()).post("/api/auth/logout"),
  },
  {
    route: "POST /api/auth/logout-everywhere",
    expected: { anonymous: 401, driver: 204, otherDriver: 204, staff: 204 },
    schema: z.undefined(),
    call: async (c) => (await userLike(c)).post("/api/auth/logout-everywhere"),
  },
  {
    route: "POST /api/auth/password",
    expected: { anonymous: 401, driver: 204, otherDriver: 204, staff: 204 },
    schema: z.undefined(),
    call: async (c) => {
      const user = await userLike(c);
      return user.post("/api/auth/password", {
        currentPassword: user.password ?? "any password",
        newPassword: "a brand-new password",
      });
    },
  },
  {
    route: "GET /api/me",
    expected: { anonymous: 401, driver: 200, otherDriver: 200, staff: 200 },
    schema: UserBody,
    call: (c) => c.get("/api/me"),
  },
  {
    route: "POST /api/reserve (for oneself)",
    expected: { anonymous: 401, driver: 201, otherDriver: 201, staff: 201 },
    schema: ReserveBody,
    prepare: cheapFreeSlot,
    call: (c, _context, slotId) => reserve(c, { slotId, durationHours: 1 }),
  },
  {
    route: "POST /api/reserve {userId: the driver}",
    expected: { anonymous: 401, driver: 201, otherDriver: 403, staff: 201 },
    schema: ReserveBody,
    prepare: cheapFreeSlot,
    call: (c, { ownerId }, slotId) => reserve(c, { slotId, durationHours: 1, userId: ownerId }),
  },
  {
    route: "POST /api/end-reservation (the driver's)",
    expected: { anonymous: 401, driver: 200, otherDriver: 404, staff: 200 },
    schema: ReservationBody,
    prepare: async ({ owner }) => {
      const slotId = await cheapFreeSlot();
      const booked = await reserve(owner, { slotId, durationHours: 1 });
      return expectOk(booked, 201, ReserveBody).reservation.id;
    },
    call: (c, _context, reservationId) => c.post("/api/end-reservation", { reservationId }),
  },
  {
    route: "GET /api/reservations",
    expected: { anonymous: 401, driver: 200, otherDriver: 200, staff: 200 },
    schema: ReservationsBody,
    call: (c) => c.get("/api/reservations"),
  },
  {
    route: "GET /api/reservations?userId=the driver",
    expected: { anonymous: 401, driver: 200, otherDriver: 403, staff: 200 },
    schema: ReservationsBody,
    call: (c, { ownerId }) => c.get(`/api/reservations?userId=${ownerId}`),
  },
  {
    route: "POST /api/add-balance (own wallet)",
    expected: { anonymous: 401, driver: 200, otherDriver: 200, staff: 200 },
    schema: AddBalanceBody,
    call: (c) => c.post("/api/add-balance", { amountCents: 100 }),
  },
  {
    route: "POST /api/add-balance {userId: the driver}",
    expected: { anonymous: 401, driver: 200, otherDriver: 403, staff: 200 },
    schema: AddBalanceBody,
    call: (c, { ownerId }) => c.post("/api/add-balance", { amountCents: 100, userId: ownerId }),
  },
  {
    route: "GET /api/users",
    expected: { anonymous: 401, driver: 403, otherDriver: 403, staff: 200 },
    schema: UsersBody,
    call: (c) => c.get("/api/users"),
  },
  {
    route: "GET /api/wallet/transactions?userId=the driver (extension)",
    expected: { anonymous: 401, driver: 200, otherDriver: 403, staff: 200 },
    schema: WalletTransactionsBody,
    call: (c, { ownerId }) => c.get(`/api/wallet/transactions?userId=${ownerId}`),
  },
];

const errorCodeFor: Record<number, "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND"> = {
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
};

describe("authorization matrix", () => {
  const clients = {} as Record<Caller, Client>;
  let context: Context;

  beforeAll(async () => {
    const [owner, other] = [await registerDriver(20_000), await registerDriver(20_000)];
    const admin = await staff();
    // Staff book for themselves in one row; give them the money for it.
    expectOk(await admin.post("/api/add-balance", { amountCents: 10_000 }), 200, AddBalanceBody);
    clients.anonymous = new Client();
    clients.driver = owner;
    clients.otherDriver = other;
    clients.staff = admin;
    context = { owner, ownerId: owner.user!.id };
  });

  const cells = rows.flatMap((row) =>
    callers.map((caller) => ({ route: row.route, caller, status: row.expected[caller], row })),
  );

  it.each(cells)("$route as $caller → $status", async ({ caller, status, row }) => {
    const prepared = row.prepare ? await row.prepare(context) : 0;
    const before = await baselineSnapshot();
    const response = await row.call(clients[caller], context, prepared);
    if (status >= 400) {
      expectError(response, { status, code: errorCodeFor[status]! });
      expect(await snapshot()).toEqual(before);
    } else if (status === 204) {
      expect(response.status).toBe(204);
      expect(response.text).toBe("");
    } else {
      expectOk(response, status, row.schema);
    }
  });

  it("a driver's reservation list holds only their own; staff's holds others'", async () => {
    const { owner, ownerId } = context;
    const other = clients.otherDriver;
    const mine = expectOk(await owner.get("/api/reservations?limit=500"), 200, ReservationsBody);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.reservations.every((r) => r.userId === ownerId)).toBe(true);
    const theirs = expectOk(await other.get("/api/reservations?limit=500"), 200, ReservationsBody);
    expect(theirs.reservations.every((r) => r.userId === other.user!.id)).toBe(true);
    const all = expectOk(
      await clients.staff.get("/api/reservations?limit=500"),
      200,
      ReservationsBody,
    );
    expect(new Set(all.reservations.map((r) => r.userId)).size).toBeGreaterThan(1);
  });

  it("GET /api/me always answers with the caller", async () => {
    for (const caller of ["driver", "otherDriver", "staff"] as const) {
      const { user } = expectOk(await clients[caller].get("/api/me"), 200, UserBody);
      expect(user.id).toBe(clients[caller].user!.id);
    }
  });

  it("staff stays staff after a driver signs in elsewhere (sessions are per client)", async () => {
    await login("alice");
    const { user } = expectOk(await clients.staff.get("/api/me"), 200, UserBody);
    expect(user.role).toBe("staff");
  });

  it("a role changed by another connection (Prisma Studio, a script) applies to the next request", async () => {
    const driver = await registerDriver();
    const id = driver.user!.id;
    expectError(await driver.get("/api/users"), { status: 403, code: "FORBIDDEN" });
    await writeAsAnotherConnection("UPDATE users SET role = 'staff' WHERE id = ?", id);
    expectOk(await driver.get("/api/users"), 200, UsersBody);
    await writeAsAnotherConnection("UPDATE users SET role = 'driver' WHERE id = ?", id);
    expectError(await driver.get("/api/users"), { status: 403, code: "FORBIDDEN" });
  });
});
