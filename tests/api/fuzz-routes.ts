// What the fuzz test sends to each route (tests/api/fuzz.test.ts): the route's query,
// body and path segments, built around valid values so that requests get past the first
// check often enough to reach the deeper ones. Ids point at the fuzz test's own slots,
// reservations and users, or at none, so that accepted requests never touch the data
// other test files rely on. One table, one entry per route and method: long because the
// API is.
import fc from "fast-check";
import { body, idempotencyKey, optional, pathSegment, query, type Send } from "./fuzz-inputs";

export type Access = "public" | "user" | "staff" | "admin";

export type FuzzRequest = { path: string } & Send;

export type FuzzContext = {
  driverId: number;
  staffId: number;
  slotIds: number[];
  reservationIds: number[];
  /** The driver's vehicles: the first is named by the gate's reservation, the second by none. */
  vehicleIds: number[];
  /**
   * The fuzz test's own garage (its slots, staff assigned) with a gate key, and the driver's
   * plate and running reservation there with its pass: gate events act on these alone.
   */
  gate: {
    locationId: number;
    keyId: number;
    key: string;
    plate: string;
    reservationId: number;
    pass: string;
  };
};

export type RouteSpec = {
  method: string;
  /** The route as app/api names it, e.g. /api/slots/[id]. */
  route: string;
  access: Access;
  request: (ctx: FuzzContext) => fc.Arbitrary<FuzzRequest>;
  /** Cases run (split over the three callers); default in fuzz.test.ts. */
  runs?: number;
  /**
   * Who calls. "fresh" signs the driver or staff member in anew for each case (the request
   * may end the session it carries); "throwaway" calls as anonymous or as a driver
   * registered for the case only, never as staff (the request may end every session of its
   * caller, change their password, or count failed sign-ins against the account).
   */
  callers?: "shared" | "fresh" | "throwaway";
};

const SLOT_TYPES = ["regular", "handicap", "vip", "electric"] as const;

/** The password of the drivers registered for one case (tests/api/client.ts registers so). */
export const THROWAWAY_PASSWORD = "correct horse battery";

/**
 * One of `known`, or an id nothing has: within PostgreSQL's int4, or beyond it (still a
 * valid id by the contract: a positive integer, which must be a 404 or a 400, not a 500).
 */
function anId(known: number[]): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.integer({ min: 10_000_000, max: 2 ** 31 - 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER) },
  );
}

const text = (n: fc.Arbitrary<number>) => n.map(String);
const time = (fromHours: number, toHours: number) =>
  fc
    .integer({ min: fromHours * 60, max: toHours * 60 })
    .map((minutes) =>
      new Date(Math.ceil(Date.now() / 60_000) * 60_000 + minutes * 60_000).toISOString(),
    );
const pagination = {
  limit: text(fc.integer({ min: 1, max: 500 })),
  offset: text(fc.integer({ min: 0, max: 1_000 })),
};

const noQuery = { query: query({}) };
const get = (path: string) => noQuery.query.map((q) => ({ path: `${path}${q}` }));
/** GET `path` with a query string of `fields` (each sent or left out by query()). */
const withQuery = (path: string, fields: Record<string, fc.Arbitrary<string>>) =>
  query(fields).map((q) => ({ path: `${path}${q}` }));
const withBody = (path: fc.Arbitrary<string>, fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(path, body(fields)).map(([p, b]) => ({ path: p, ...b }));

/**
 * The request, with an Idempotency-Key header or without one. `valid` weights the keys a
 * client sends (none, or one that other cases repeat) over malformed ones.
 */
const withIdempotencyKey = (request: fc.Arbitrary<FuzzRequest>, valid = 0) =>
  fc
    .tuple(
      request,
      valid === 0
        ? idempotencyKey
        : fc.oneof(
            { weight: valid, arbitrary: fc.constantFrom(undefined, ...REPEATED_KEYS) },
            { weight: 1, arbitrary: idempotencyKey },
          ),
    )
    .map(([r, key]) =>
      key === undefined ? r : { ...r, headers: { ...r.headers, "idempotency-key": key } },
    );

/** Keys that cases share, so some requests are retries of earlier ones. */
const REPEATED_KEYS = ["fz-key-1", "fz-key-2", "fz-key-3"];

/** Whole hours as extending takes them: mostly a few, so the driver's wallet lasts the run. */
const fewHours = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 24 }) },
);

const multiplier = fc.oneof(
  fc.double({ min: 0.1, max: 10, noNaN: true }),
  fc.constantFrom(1, 1.25, 0.5),
);

export const ROUTES: RouteSpec[] = [
  {
    method: "GET",
    route: "/api/health",
    access: "public",
    request: () => get("/api/health"),
    runs: 30,
  },
  {
    method: "GET",
    route: "/api/availability",
    access: "public",
    request: () => withQuery("/api/availability", { locationId: text(anId([1])) }),
    runs: 30,
  },
  {
    method: "GET",
    route: "/api/slots",
    access: "public",
    request: () =>
      withQuery("/api/slots", {
        locationId: text(anId([1])),
        floor: text(fc.integer({ min: -2, max: 10 })),
        zone: fc.constantFrom("A", "B", "FZ", "z".repeat(32)),
        type: fc.constantFrom(...SLOT_TYPES),
        maxPriceCents: text(fc.nat(2_000)),
        available: fc.constantFrom("true", "false", "all"),
        from: time(-2, 24 * 31),
        to: time(0, 24 * 62),
        ...pagination,
      }),
  },
  {
    method: "POST",
    route: "/api/slots",
    access: "staff",
    request: () =>
      withBody(fc.constant("/api/slots"), {
        slotNumber: fc.stringMatching(/^FZ-[A-Za-z0-9._-]{1,12}$/),
        floor: fc.constantFrom(9, -1000, 1000),
        zone: fc.constantFrom("FZ", "FZ2", " FZ ", "z".repeat(32)),
        type: fc.constantFrom(...SLOT_TYPES),
        pricePerHourCents: fc.integer({ min: 0, max: 1_000_000 }),
      }),
  },
  {
    method: "GET",
    route: "/api/slots/[id]",
    access: "staff",
    request: (ctx) =>
      fc
        .tuple(pathSegment(anId(ctx.slotIds)), noQuery.query)
        .map(([id, q]) => ({ path: `/api/slots/${id}${q}` })),
  },
  {
    method: "PATCH",
    route: "/api/slots/[id]",
    access: "staff",
    request: (ctx) =>
      withBody(
        pathSegment(anId(ctx.slotIds)).map((id) => `/api/slots/${id}`),
        {
          pricePerHourCents: optional(fc.integer({ min: 0, max: 1_000_000 })),
          type: optional(fc.constantFrom(...SLOT_TYPES)),
          zone: optional(fc.constantFrom("FZ", "FZ3")),
          outOfService: optional(fc.boolean()),
        },
      ),
  },
  {
    method: "POST",
    route: "/api/auth/register",
    access: "public",
    request: () =>
      withBody(fc.constant("/api/auth/register"), {
        username: fc.stringMatching(/^fz[a-z0-9_.-]{1,30}$/),
        // zod's email check is narrower than RFC 5322: mostly addresses it takes.
        email: fc.oneof(fc.stringMatching(/^[a-z0-9]{1,12}@fuzz\.example$/), fc.emailAddress()),
        password: fc.string({ minLength: 8, maxLength: 128 }),
        phone: optional(fc.stringMatching(/^\+?[0-9][0-9 ]{0,20}$/)),
        vehicleNumber: optional(fc.stringMatching(/^[A-Z0-9][A-Z0-9 -]{0,14}$/)),
      }),
    runs: 35,
    // Signing in or up while signed in replaces the session the request carries.
    callers: "fresh",
  },
  {
    method: "POST",
    route: "/api/auth/login",
    access: "public",
    // Usernames nobody has: failed sign-ins must not slow down the accounts tests use.
    request: () =>
      withBody(fc.constant("/api/auth/login"), {
        username: fc.stringMatching(/^fz[a-z0-9]{6,20}$/),
        password: fc.string({ minLength: 1, maxLength: 128 }),
      }),
    runs: 35,
    // Signing in or up while signed in replaces the session the request carries.
    callers: "fresh",
  },
  {
    method: "POST",
    route: "/api/auth/logout",
    access: "public",
    request: () => withBody(fc.constant("/api/auth/logout"), { anything: fc.string() }),
    runs: 15,
    callers: "fresh",
  },
  {
    method: "POST",
    route: "/api/auth/logout-everywhere",
    access: "user",
    request: () => withBody(fc.constant("/api/auth/logout-everywhere"), { anything: fc.string() }),
    runs: 15,
    callers: "throwaway",
  },
  {
    method: "POST",
    route: "/api/auth/password",
    access: "user",
    request: () =>
      withBody(fc.constant("/api/auth/password"), {
        currentPassword: fc.constantFrom(THROWAWAY_PASSWORD, "wrong password"),
        newPassword: fc.string({ minLength: 8, maxLength: 128 }),
      }),
    runs: 30,
    callers: "throwaway",
  },
  { method: "GET", route: "/api/me", access: "user", request: () => get("/api/me"), runs: 30 },
  {
    method: "POST",
    route: "/api/reserve",
    access: "user",
    request: (ctx) =>
      withIdempotencyKey(
        withBody(fc.constant("/api/reserve"), {
          slotId: anId(ctx.slotIds),
          durationHours: fc.integer({ min: 1, max: 24 }),
          userId: optional(anId([ctx.driverId, ctx.staffId])),
          startTime: optional(time(-1, 24 * 31)),
          expectedTotalCents: optional(fc.nat(100_000)),
        }),
      ),
    runs: 60,
  },
  {
    method: "POST",
    route: "/api/end-reservation",
    access: "user",
    request: (ctx) =>
      withBody(fc.constant("/api/end-reservation"), { reservationId: anId(ctx.reservationIds) }),
  },
  {
    method: "GET",
    route: "/api/reservations",
    access: "user",
    request: (ctx) =>
      withQuery("/api/reservations", {
        status: fc.constantFrom("upcoming", "active", "completed", "cancelled", "all"),
        userId: text(anId([ctx.driverId, ctx.staffId])),
        locationId: text(anId([1])),
        ...pagination,
      }),
  },
  {
    method: "POST",
    route: "/api/reservations/[id]/cancel",
    access: "user",
    request: (ctx) =>
      withBody(
        pathSegment(anId(ctx.reservationIds)).map((id) => `/api/reservations/${id}/cancel`),
        { anything: fc.string() },
      ),
  },
  {
    method: "POST",
    route: "/api/add-balance",
    access: "user",
    request: (ctx) =>
      withBody(fc.constant("/api/add-balance"), {
        amountCents: fc.integer({ min: 1, max: 100_000 }),
        userId: optional(anId([ctx.driverId, ctx.staffId])),
      }),
    runs: 60,
  },
  {
    method: "GET",
    route: "/api/users",
    access: "staff",
    request: () =>
      withQuery("/api/users", {
        q: fc.oneof(fc.string(), fc.constantFrom("_", "%", "!", "alice")),
        ...pagination,
      }),
  },
  {
    method: "GET",
    route: "/api/analytics",
    access: "staff",
    request: () => withQuery("/api/analytics", { days: text(fc.integer({ min: 1, max: 365 })) }),
    runs: 35,
  },
  {
    method: "GET",
    route: "/api/pricing-rules",
    access: "staff",
    request: () => get("/api/pricing-rules"),
    runs: 30,
  },
  {
    method: "PUT",
    route: "/api/pricing-rules",
    access: "staff",
    request: () =>
      withBody(fc.constant("/api/pricing-rules"), {
        enabled: fc.boolean(),
        occupancyTiers: fc.array(
          fc.record({ above: fc.double({ min: 0, max: 1, noNaN: true }), multiplier }),
          { maxLength: 3 },
        ),
        hourOfWeek: fc.array(
          fc.record({
            days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
            startHour: fc.integer({ min: 0, max: 23 }),
            endHour: fc.integer({ min: 1, max: 24 }),
            multiplier,
          }),
          { maxLength: 2 },
        ),
        slotTypes: fc.dictionary(fc.constantFrom(...SLOT_TYPES), multiplier),
        minMultiplier: multiplier,
        maxMultiplier: multiplier,
      }),
  },
  {
    method: "GET",
    route: "/api/quote",
    access: "public",
    request: (ctx) =>
      withQuery("/api/quote", {
        slotId: text(anId(ctx.slotIds)),
        startTime: time(-1, 24 * 31),
        durationHours: text(fc.integer({ min: 1, max: 24 })),
      }),
  },
  {
    method: "GET",
    route: "/api/wallet/transactions",
    access: "user",
    request: (ctx) =>
      withQuery("/api/wallet/transactions", {
        userId: text(anId([ctx.driverId, ctx.staffId])),
        ...pagination,
      }),
  },
  {
    method: "GET",
    route: "/api/locations",
    access: "public",
    request: () => get("/api/locations"),
    runs: 30,
  },
  {
    method: "GET",
    route: "/api/locations/[id]",
    access: "public",
    request: () =>
      fc
        .tuple(pathSegment(anId([1])), noQuery.query)
        .map(([id, q]) => ({ path: `/api/locations/${id}${q}` })),
  },
  {
    method: "POST",
    route: "/api/locations",
    access: "admin",
    request: () =>
      withBody(fc.constant("/api/locations"), {
        slug: fc.stringMatching(/^fz-[a-z0-9-]{0,40}$/),
        name: fc.string({ maxLength: 120 }),
        address: fc.string({ maxLength: 220 }),
        timeZone: fc.constantFrom("Europe/London", "UTC", "Nowhere/Else", ""),
        requiresCheckIn: optional(fc.boolean()),
      }),
  },
  {
    method: "PATCH",
    route: "/api/locations/[id]",
    access: "admin",
    request: () =>
      withBody(
        pathSegment(anId([1])).map((id) => `/api/locations/${id}`),
        {
          name: optional(fc.string({ maxLength: 120 })),
          timeZone: optional(fc.constantFrom("Europe/London", "Nowhere/Else")),
          requiresCheckIn: optional(fc.boolean()),
        },
      ),
  },
  {
    method: "PUT",
    route: "/api/locations/[id]/staff",
    access: "admin",
    request: (ctx) =>
      withBody(
        pathSegment(anId([1])).map((id) => `/api/locations/${id}/staff`),
        { userIds: fc.array(anId([ctx.staffId, ctx.driverId]), { maxLength: 3 }) },
      ),
  },
  {
    method: "PATCH",
    route: "/api/users/[id]",
    access: "admin",
    request: (ctx) =>
      withBody(
        pathSegment(anId([ctx.driverId, ctx.staffId])).map((id) => `/api/users/${id}`),
        { role: fc.constantFrom("driver", "staff", "admin", "root") },
      ),
  },
  {
    method: "GET",
    route: "/api/audit-log",
    access: "staff",
    request: (ctx) =>
      withQuery("/api/audit-log", {
        action: fc.constantFrom("wallet_top_up", "slot_create", "slot_update", "reservation_end"),
        actorId: text(anId([ctx.staffId])),
        targetType: fc.constantFrom("user", "slot", "pricing_rules", "reservation"),
        targetId: text(anId(ctx.slotIds)),
        from: time(-48, 0),
        to: time(-1, 48),
        ...pagination,
      }),
  },
  ...v2Routes(),
];

/** The v2 routes (API.md "v2 additions"): extending and passes, vehicles, the gate, top-ups. */
function v2Routes(): RouteSpec[] {
  // Mostly a well-formed id, so that cases reach the domain; else any segment.
  const reservationPath = (ctx: FuzzContext, action: string) => {
    const ids = anId([...ctx.reservationIds, ctx.gate.reservationId]);
    return fc
      .oneof({ weight: 3, arbitrary: ids.map(String) }, { weight: 1, arbitrary: pathSegment(ids) })
      .map((id) => `/api/reservations/${id}/${action}`);
  };
  // Plates as drivers type them (normalized by the server), all beginning FZ: no other
  // test file's plate, except the fuzz driver's own.
  const fuzzPlate = (ctx: FuzzContext) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(/^[Ff][Zz][A-Za-z0-9 -]{0,8}$/) },
      { weight: 1, arbitrary: fc.constant(ctx.gate.plate) },
    );
  const direction = fc.constantFrom("in", "out");
  return [
    {
      method: "POST",
      route: "/api/reservations/[id]/extend",
      access: "user",
      request: (ctx) =>
        withIdempotencyKey(
          withBody(reservationPath(ctx, "extend"), {
            hours: fewHours,
            expectedTotalCents: optional(fc.nat(20_000)),
          }),
          4,
        ),
      runs: 40,
    },
    {
      method: "GET",
      route: "/api/reservations/[id]/pass",
      access: "user",
      request: (ctx) =>
        fc
          .tuple(reservationPath(ctx, "pass"), noQuery.query)
          .map(([path, q]) => ({ path: `${path}${q}` })),
      runs: 30,
    },
    {
      method: "GET",
      route: "/api/vehicles",
      access: "user",
      request: (ctx) =>
        withQuery("/api/vehicles", { userId: text(anId([ctx.driverId, ctx.staffId])) }),
      runs: 30,
    },
    {
      method: "POST",
      route: "/api/vehicles",
      access: "user",
      request: (ctx) =>
        withBody(fc.constant("/api/vehicles"), {
          plate: fuzzPlate(ctx),
          label: optional(fc.oneof(fc.string({ maxLength: 70 }), fc.constant(null))),
        }),
      runs: 30,
      // Vehicles stay on the account: never on the shared driver's or staff member's.
      callers: "throwaway",
    },
    {
      method: "DELETE",
      route: "/api/vehicles/[id]",
      access: "user",
      request: (ctx) =>
        fc
          .tuple(pathSegment(anId(ctx.vehicleIds)), noQuery.query)
          .map(([id, q]) => ({ path: `/api/vehicles/${id}${q}` })),
      runs: 30,
    },
    {
      method: "POST",
      route: "/api/gate/events",
      access: "public",
      request: (ctx) =>
        fc
          .tuple(
            withBody(fc.constant("/api/gate/events"), {
              // Often one seen before: the device's retry, or a different event under its id.
              eventId: fc.oneof(
                fc.stringMatching(/^fz-[a-z0-9]{1,3}$/),
                fc.string({ minLength: 1, maxLength: 70 }),
              ),
              direction,
              plate: optional(fc.constantFrom(ctx.gate.plate, "fz-nobody 1", "FZNOBODY2")),
              pass: optional(fc.constantFrom(ctx.gate.pass, `${ctx.gate.pass}0`, "rp_1.x")),
              at: optional(time(-25, 25)),
            }),
            fc.constantFrom(
              `Bearer ${ctx.gate.key}`,
              `Bearer ${ctx.gate.key}`,
              `Bearer ${ctx.gate.key}`,
              `Bearer ${ctx.gate.key}x`,
              undefined,
            ),
          )
          .map(([request, authorization]) =>
            authorization === undefined
              ? request
              : { ...request, headers: { ...request.headers, authorization } },
          ),
      runs: 60,
    },
    {
      method: "GET",
      route: "/api/gate/events",
      access: "staff",
      request: (ctx) =>
        withQuery("/api/gate/events", {
          locationId: text(anId([ctx.gate.locationId])),
          limit: text(fc.integer({ min: 1, max: 120 })),
          offset: pagination.offset,
        }),
      runs: 30,
    },
    {
      method: "POST",
      route: "/api/gate/open",
      access: "staff",
      request: (ctx) =>
        withBody(fc.constant("/api/gate/open"), {
          locationId: anId([ctx.gate.locationId]),
          direction,
          reason: fc.string({ maxLength: 210 }),
          plate: optional(fuzzPlate(ctx)),
        }),
      runs: 30,
    },
    {
      method: "POST",
      route: "/api/gate/keys",
      access: "admin",
      request: (ctx) =>
        withBody(fc.constant("/api/gate/keys"), {
          locationId: anId([ctx.gate.locationId]),
          label: fc.string({ maxLength: 70 }),
        }),
      runs: 20,
    },
    {
      method: "GET",
      route: "/api/gate/keys",
      access: "admin",
      request: (ctx) =>
        withQuery("/api/gate/keys", { locationId: text(anId([ctx.gate.locationId])) }),
      runs: 20,
    },
    {
      method: "DELETE",
      route: "/api/gate/keys/[id]",
      access: "admin",
      request: (ctx) =>
        fc
          .tuple(pathSegment(anId([ctx.gate.keyId])), noQuery.query)
          .map(([id, q]) => ({ path: `/api/gate/keys/${id}${q}` })),
      runs: 20,
    },
    {
      method: "POST",
      route: "/api/top-ups",
      access: "user",
      request: (ctx) =>
        withBody(fc.constant("/api/top-ups"), {
          amountCents: fc.integer({ min: 1, max: 150_000 }),
          userId: optional(anId([ctx.driverId, ctx.staffId])),
        }),
      runs: 30,
    },
    {
      method: "GET",
      route: "/api/top-ups",
      access: "user",
      request: (ctx) =>
        withQuery("/api/top-ups", {
          userId: text(anId([ctx.driverId, ctx.staffId])),
          ...pagination,
        }),
      runs: 30,
    },
    {
      method: "POST",
      route: "/api/webhooks/stripe",
      access: "public",
      // Stripe's event shape with a signature header of Stripe's form that does not verify
      // (the secret is the server's): every case must be refused and change nothing.
      request: () =>
        fc
          .tuple(
            withBody(fc.constant("/api/webhooks/stripe"), {
              id: fc.stringMatching(/^evt_[A-Za-z0-9]{1,24}$/),
              type: fc.constantFrom(
                "payment_intent.succeeded",
                "payment_intent.payment_failed",
                "checkout.session.completed",
                "checkout.session.expired",
              ),
              data: fc.record({
                object: fc.record({
                  id: fc.stringMatching(/^(pi|cs)_[A-Za-z0-9]{1,24}$/),
                  client_reference_id: text(fc.integer({ min: 1, max: 1_000 })),
                  metadata: fc.record({ topUpId: text(fc.integer({ min: 1, max: 1_000 })) }),
                  amount_received: fc.nat(100_000),
                  amount_total: fc.nat(100_000),
                  payment_status: fc.constantFrom("paid", "unpaid"),
                }),
              }),
            }),
            optional(
              fc
                .tuple(fc.integer({ min: -600, max: 600 }), fc.stringMatching(/^[0-9a-f]{64}$/))
                .map(([skew, v1]) => `t=${Math.floor(Date.now() / 1000) + skew},v1=${v1}`),
            ),
          )
          .map(([request, signature]) =>
            typeof signature === "string"
              ? { ...request, headers: { ...request.headers, "stripe-signature": signature } }
              : request,
          ),
      runs: 30,
    },
  ];
}

/** Any path under /api that no route serves (the catch-all answers 404 for every method). */
export const unknownPath: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.array(pathSegment(fc.nat()), { minLength: 1, maxLength: 3 }), noQuery.query, body({}))
  .map(([segments, q, b]) => ({ path: `/api/zz-no-route/${segments.join("/")}${q}`, ...b }));

/** A route the specs above do not know yet: fuzzed blind (any body, query and segment). */
export function blindSpec(method: string, route: string): RouteSpec {
  return {
    method,
    route,
    access: "public",
    request: () =>
      fc
        .tuple(
          pathSegment(fc.integer({ min: 1, max: 1_000 })),
          noQuery.query,
          body({ id: fc.nat() }),
        )
        .map(([segment, q, b]) => ({
          path: `${route.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, segment)}${q}`,
          ...b,
        })),
    runs: 35,
  };
}
