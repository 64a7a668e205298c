// Bad input for every POST route and every GET route with query parameters: each must be a
// 4xx in the contract's error shape (never a 500, never a stack trace or SQL), and must
// leave the database exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  DEMO_PASSWORD,
  registerDriver,
  uniqueUsername,
  type ApiResponse,
  type RequestOptions,
} from "./client";
import { scalar, snapshot } from "./db";
import { baselineSnapshot, freeSlot, reserve, staff } from "./fixtures";
import {
  AddBalanceBody,
  ErrorBody,
  expectError,
  expectNoLeak,
  expectOk,
  ReservationBody,
  ReserveBody,
  UserBody,
  ValidationDetails,
  type ErrorExpectation,
} from "./schemas";

const TEN_K = "x".repeat(10_000);
const HUGE = Number.MAX_SAFE_INTEGER + 2;

type Send = { json: unknown } | { raw: string; contentType?: string };
// Bodies are built when the test runs (the ids they use come from beforeAll).
type BadCase = {
  name: string;
  send: () => Send;
  /** A contract error code, or for cases the contract names no code for, just the status. */
  expected: ErrorExpectation | { status: number; anyOf?: string[] };
};

const invalid = (field: string): ErrorExpectation => ({
  status: 400,
  code: "VALIDATION_ERROR",
  field,
});
const notAnObject: ErrorExpectation = { status: 400, code: "VALIDATION_ERROR" };

/** Body-level cases that apply to every route taking a JSON body. */
function bodyCases(valid: () => Record<string, unknown>): BadCase[] {
  const json =
    (raw: () => string, contentType = "application/json") =>
    (): Send => ({ raw: raw(), contentType });
  const invalidJson: ErrorExpectation = { status: 400, code: "INVALID_JSON" };
  const unsupported: ErrorExpectation = { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" };
  return [
    { name: "unparsable JSON", send: json(() => "{bad"), expected: invalidJson },
    { name: "a trailing comma", send: json(() => '{"a": 1,}'), expected: invalidJson },
    { name: "single-quoted JSON", send: json(() => "{'a': 1}"), expected: invalidJson },
    { name: "two JSON values", send: json(() => "{} {}"), expected: invalidJson },
    { name: "an empty body", send: json(() => ""), expected: invalidJson },
    { name: "only whitespace", send: json(() => "   \n"), expected: invalidJson },
    {
      name: "the valid body, truncated",
      send: json(() => JSON.stringify(valid()).slice(0, -2)),
      expected: invalidJson,
    },
    { name: "an array body", send: json(() => "[]"), expected: notAnObject },
    {
      name: "the valid body inside an array",
      send: json(() => JSON.stringify([valid()])),
      expected: notAnObject,
    },
    { name: "null", send: json(() => "null"), expected: notAnObject },
    { name: "a number", send: json(() => "42"), expected: notAnObject },
    { name: "a string", send: json(() => '"hello"'), expected: notAnObject },
    { name: "true", send: json(() => "true"), expected: notAnObject },
    { name: "an empty object", send: () => ({ json: {} }), expected: notAnObject },
    {
      name: "text/plain with a valid body",
      send: json(() => JSON.stringify(valid()), "text/plain"),
      expected: unsupported,
    },
    {
      name: "no content type with a valid body",
      send: () => ({ raw: JSON.stringify(valid()) }),
      expected: unsupported,
    },
    { name: "no content type and no body", send: () => ({ raw: "" }), expected: unsupported },
    {
      name: "a form body",
      send: json(
        () => new URLSearchParams(valid() as Record<string, string>).toString(),
        "application/x-www-form-urlencoded",
      ),
      expected: unsupported,
    },
    {
      name: "multipart/form-data",
      send: json(
        () => '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
        "multipart/form-data; boundary=b",
      ),
      expected: unsupported,
    },
    {
      name: "application/jsonx",
      send: json(() => JSON.stringify(valid()), "application/jsonx"),
      expected: unsupported,
    },
    { name: "XML", send: json(() => "<a>1</a>", "application/xml"), expected: unsupported },
    {
      name: "an oversized body (1 MiB)",
      send: () => ({ json: { ...valid(), padding: "p".repeat(1024 * 1024) } }),
      // The contract names no code for this; 413 Payload Too Large is the careful answer.
      expected: { status: 413 },
    },
    {
      name: "5000 levels of nesting",
      send: json(() => `{"deep":${"[".repeat(5000)}${"]".repeat(5000)}}`),
      expected: { status: 400, anyOf: ["VALIDATION_ERROR", "INVALID_JSON"] },
    },
  ];
}

/** Field cases: the valid body with one field changed or removed. */
function fieldCases(
  valid: () => Record<string, unknown>,
  fields: Record<string, { missing?: boolean; values: [string, unknown][] }>,
): BadCase[] {
  return Object.entries(fields).flatMap(([field, { missing, values }]) => [
    ...(missing
      ? [
          {
            name: `${field} missing`,
            send: () => ({
              json: Object.fromEntries(Object.entries(valid()).filter(([k]) => k !== field)),
            }),
            expected: invalid(field),
          },
        ]
      : []),
    ...values.map(([name, value]) => ({
      name: `${field} ${name}`,
      send: () => ({ json: { ...valid(), [field]: value } }),
      expected: invalid(field),
    })),
  ]);
}

/** Values that are wrong for any positive integer id field. */
const badIds: [string, unknown][] = [
  ["as a string", "1"],
  ["as a numeric string with spaces", " 1 "],
  ["zero", 0],
  ["negative", -1],
  ["a fraction", 1.5],
  ["beyond the safe integers", HUGE],
  ["1e300", 1e300],
  ["null", null],
  ["true", true],
  ["an object", { id: 1 }],
  ["an array", [1]],
  ["10k characters", TEN_K],
];

function send(client: Client, path: string, what: Send, headers: Record<string, string> = {}) {
  const options: RequestOptions =
    "json" in what
      ? { json: what.json, headers }
      : {
          body: what.raw,
          headers: what.contentType ? { ...headers, "content-type": what.contentType } : headers,
        };
  return client.request("POST", path, options);
}

function expectRejected(response: ApiResponse, expected: BadCase["expected"]): void {
  if ("code" in expected) {
    expectError(response, expected);
  } else {
    const body = expectOk(response, expected.status, ErrorBody);
    if (expected.anyOf) expect(expected.anyOf).toContain(body.error.code);
  }
  expect(response.status).toBeLessThan(500);
  expectNoLeak(response);
}

type PostRoute = {
  path: string;
  /** Who sends the requests (a fresh client per call for the session routes). */
  caller: () => Client;
  valid: () => Record<string, unknown>;
  fields: Parameters<typeof fieldCases>[1];
  extraHeaders?: Record<string, string>;
  /** Proves the valid body is accepted, so the rejections above are about the bad part. */
  positive: (client: Client, body: Record<string, unknown>) => Promise<void>;
};

let driver: Client;
let slotId: number;
let reservationId: number;

beforeAll(async () => {
  driver = await registerDriver(50_000);
  slotId = (await freeSlot((s) => s.pricePerHourCents <= 2_000)).id;
  const other = await freeSlot((s) => s.id !== slotId && s.pricePerHourCents <= 2_000);
  reservationId = expectOk(
    await reserve(driver, { slotId: other.id, durationHours: 2 }),
    201,
    ReserveBody,
  ).reservation.id;
});

const strings10k: [string, unknown][] = [["of 10k characters", TEN_K]];
const notStrings: [string, unknown][] = [
  ["a number", 12345],
  ["null", null],
  ["an array", ["a"]],
  ["an object", { a: 1 }],
  ["true", true],
];

const routes: PostRoute[] = [
  {
    path: "/api/auth/register",
    caller: () => new Client(),
    valid: () => {
      const username = uniqueUsername("b");
      return { username, email: `${username}@example.test`, password: "long-enough-password" };
    },
    fields: {
      username: {
        missing: true,
        values: [
          ["too short", "ab"],
          ["too long (33)", "a".repeat(33)],
          ["with upper case", "Alice_New"],
          ["with a space", "new user"],
          ["with a slash", "a/b/c"],
          ["with non-ASCII letters", "jürgen"],
          ["with a NUL", "abc\u0000def"],
          ["empty", ""],
          ...strings10k,
          ...notStrings,
        ],
      },
      email: {
        missing: true,
        values: [
          ["not an email", "not-an-email"],
          ["without a domain", "user@"],
          [
            "of 255 characters",
            `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(59)}.io`,
          ],
          ["empty", ""],
          ...strings10k,
          ...notStrings,
        ],
      },
      password: {
        missing: true,
        values: [
          ["of 7 characters", "1234567"],
          ["of 129 characters", "p".repeat(129)],
          ["empty", ""],
          ...strings10k,
          ...notStrings,
        ],
      },
      phone: {
        values: [
          ["of 33 characters", "1".repeat(33)],
          ...strings10k,
          ["a number", 123],
          ["an array", ["1"]],
        ],
      },
      vehicleNumber: {
        values: [
          ["of 17 characters", "V".repeat(17)],
          ...strings10k,
          ["a number", 123],
          ["an object", {}],
        ],
      },
    },
    positive: async (client, body) => {
      expectOk(await client.post("/api/auth/register", body), 201, UserBody);
    },
  },
  {
    path: "/api/auth/login",
    caller: () => new Client(),
    valid: () => ({ username: "alice", password: DEMO_PASSWORD }),
    fields: {
      username: { missing: true, values: [["empty", ""], ...strings10k, ...notStrings] },
      password: { missing: true, values: [["empty", ""], ...strings10k, ...notStrings] },
    },
    positive: async (client, body) => {
      expectOk(await client.post("/api/auth/login", body), 200, UserBody);
    },
  },
  {
    path: "/api/auth/password",
    caller: () => driver,
    // The same password again, so the driver's password stays what registerDriver set.
    valid: () => ({ currentPassword: driver.password, newPassword: driver.password }),
    fields: {
      currentPassword: {
        missing: true,
        values: [["empty", ""], ["of 129 characters", "p".repeat(129)], ...notStrings],
      },
      newPassword: {
        missing: true,
        values: [
          ["of 7 characters", "1234567"],
          ["of 129 characters", "p".repeat(129)],
          ["empty", ""],
          ...strings10k,
          ...notStrings,
        ],
      },
    },
    positive: async (client, body) => {
      const response = await client.post("/api/auth/password", body);
      expect(response.status).toBe(204);
      expectOk(await client.get("/api/me"), 200, UserBody);
    },
  },
  {
    path: "/api/reserve",
    caller: () => driver,
    valid: () => ({ slotId, durationHours: 1 }),
    fields: {
      slotId: { missing: true, values: badIds },
      durationHours: {
        missing: true,
        values: [
          ["zero", 0],
          ["25 (more than a day)", 25],
          ["negative", -1],
          ["a fraction", 1.5],
          ["a tiny fraction", 0.0001],
          ["huge", 1e9],
          ["beyond the safe integers", HUGE],
          ["as a string", "2"],
          ["null", null],
          ["true", true],
          ["an array", [2]],
          ...strings10k,
        ],
      },
      userId: { values: badIds },
    },
    positive: async (client, body) => {
      expectOk(await client.post("/api/reserve", body), 201, ReserveBody);
    },
  },
  {
    path: "/api/end-reservation",
    caller: () => driver,
    valid: () => ({ reservationId }),
    fields: { reservationId: { missing: true, values: badIds } },
    positive: async (client, body) => {
      expectOk(await client.post("/api/end-reservation", body), 200, ReservationBody);
    },
  },
  {
    path: "/api/add-balance",
    caller: () => driver,
    valid: () => ({ amountCents: 100 }),
    fields: {
      amountCents: {
        missing: true,
        values: [
          ["zero", 0],
          ["negative", -100],
          ["one more than the maximum (100001)", 100_001],
          ["huge", 1e12],
          ["beyond the safe integers", HUGE],
          ["1e300", 1e300],
          ["a fraction", 10.5],
          ["a tiny fraction", 0.01],
          ["as a string", "100"],
          ["null", null],
          ["true", true],
          ["an array", [100]],
          ...strings10k,
        ],
      },
      userId: { values: badIds },
    },
    positive: async (client, body) => {
      expectOk(await client.post("/api/add-balance", body), 200, AddBalanceBody);
    },
  },
];

describe.each(routes)("POST $path with bad input", (route) => {
  const cases = [...bodyCases(route.valid), ...fieldCases(route.valid, route.fields)];
  // No case may change anything (the baseline waits out the clock's own changes first).
  it.each(cases)("$name → 4xx, database unchanged", async ({ send: what, expected }) => {
    const baseline = await baselineSnapshot();
    const response = await send(route.caller(), route.path, what());
    expectRejected(response, expected);
    expect(await snapshot()).toEqual(baseline);
  });

  it("accepts the valid body the cases start from", async () => {
    await route.positive(route.caller(), route.valid());
  });
});

describe("a VALIDATION_ERROR names each offending field", () => {
  it.each([
    [
      "/api/auth/register",
      () => new Client(),
      { username: "A", email: "nope", password: "short" },
      ["username", "email", "password"],
    ],
    [
      "/api/reserve",
      () => driver,
      { slotId: "one", durationHours: 0, userId: -3 },
      ["slotId", "durationHours", "userId"],
    ],
    [
      "/api/add-balance",
      () => driver,
      { amountCents: 0.5, userId: "me" },
      ["amountCents", "userId"],
    ],
  ] as [string, () => Client, Record<string, unknown>, string[]][])(
    "%s",
    async (path, caller, body, fields) => {
      const before = await baselineSnapshot();
      const response = await caller().post(path, body);
      const { error } = expectError(response, { status: 400, code: "VALIDATION_ERROR" });
      const paths = ValidationDetails.parse(error.details).map((d) => d.path);
      for (const field of fields) expect(paths).toContainEqual(expect.stringContaining(field));
      expect(await snapshot()).toEqual(before);
    },
  );
});

describe("POST /api/reserve with a bad Idempotency-Key and a valid body", () => {
  it.each([
    ["empty", ""],
    ["with spaces", "a key with spaces"],
    ["of 10k characters", TEN_K],
  ])("%s → 400, database unchanged", async (_name, key) => {
    const slot = await freeSlot((s) => s.pricePerHourCents <= 2_000);
    const before = await baselineSnapshot();
    const response = await send(
      driver,
      "/api/reserve",
      { json: { slotId: slot.id, durationHours: 1 } },
      {
        "idempotency-key": key,
      },
    );
    expectRejected(response, { status: 400, code: "VALIDATION_ERROR" });
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/auth/logout takes no body", () => {
  it.each([
    ["JSON", { json: { anything: 1 } }],
    ["unparsable JSON", { raw: "{bad", contentType: "application/json" }],
    ["text", { raw: "hello", contentType: "text/plain" }],
    ["10k characters", { raw: TEN_K, contentType: "application/octet-stream" }],
  ] as [string, Send][])(
    "ignores a %s body: 204, the session ends and nothing else changes",
    async (_name, what) => {
      // A session of its own: logging out ends the session, and only that.
      const client = await driver.anotherSession();
      const { sessions: sessionsBefore, ...before } = await baselineSnapshot();
      const response = await send(client, "/api/auth/logout", what);
      expect(response.status).toBe(204);
      const { sessions: sessionsAfter, ...after } = await baselineSnapshot();
      expect(after).toEqual(before);
      expect((sessionsAfter as [number, unknown])[0]).toBe(
        (sessionsBefore as [number, unknown])[0] - 1,
      );
      expectError(await client.get("/api/me"), { status: 401, code: "UNAUTHENTICATED" });
      expect((await driver.get("/api/me")).status).toBe(200);
    },
  );
});

type QueryCase = [query: string, field: string];

const queryRoutes: { path: string; caller: () => Promise<Client>; cases: QueryCase[] }[] = [
  {
    path: "/api/slots",
    caller: async () => new Client(),
    cases: [
      ["floor=abc", "floor"],
      ["floor=1.5", "floor"],
      ["floor=1e2", "floor"],
      ["floor=0x10", "floor"],
      ["floor=99999999999999999999", "floor"],
      ["floor=1&floor=2", "floor"],
      ["type=unknown", "type"],
      ["type=REGULAR", "type"],
      ["type=regular&type=vip", "type"],
      ["maxPriceCents=-1", "maxPriceCents"],
      ["maxPriceCents=abc", "maxPriceCents"],
      ["maxPriceCents=1.5", "maxPriceCents"],
      ["maxPriceCents=99999999999999999999", "maxPriceCents"],
      ["available=yes", "available"],
      ["available=TRUE", "available"],
      ["available=1", "available"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=-1", "limit"],
      ["limit=abc", "limit"],
      ["limit=1.5", "limit"],
      ["offset=-1", "offset"],
      ["offset=abc", "offset"],
      ["offset=1&offset=2", "offset"],
      [`zone=${"z".repeat(33)}`, "zone"],
      [`zone=${TEN_K}`, "zone"],
    ],
  },
  {
    path: "/api/reservations",
    caller: async () => driver,
    cases: [
      ["status=bogus", "status"],
      ["status=ACTIVE", "status"],
      ["status=active&status=completed", "status"],
      ["userId=abc", "userId"],
      ["userId=0", "userId"],
      ["userId=-1", "userId"],
      ["userId=1.5", "userId"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=abc", "limit"],
      ["offset=-1", "offset"],
      [`status=${TEN_K}`, "status"],
    ],
  },
  {
    path: "/api/users",
    caller: staff,
    cases: [
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["limit=abc", "limit"],
      ["offset=-1", "offset"],
      ["offset=abc", "offset"],
      ["q=a&q=b", "q"],
      [`q=${TEN_K}`, "q"],
    ],
  },
  {
    path: "/api/wallet/transactions",
    caller: async () => driver,
    cases: [
      ["userId=abc", "userId"],
      ["userId=0", "userId"],
      ["limit=0", "limit"],
      ["offset=-1", "offset"],
    ],
  },
];

describe.each(queryRoutes)("GET $path with bad query parameters", ({ path, caller, cases }) => {
  beforeAll(async () => {
    await caller(); // signs staff in first
  });

  it.each(cases)("?%s → 400 naming %s, database unchanged", async (query, field) => {
    const client = await caller();
    const baseline = await baselineSnapshot();
    const response = await client.get(`${path}?${query}`);
    expectRejected(response, invalid(field));
    expect(await snapshot()).toEqual(baseline);
  });
});

describe("the clock's own changes are not a request's doing", () => {
  it("a booking starting right after the baseline would be taken is started (and swept) first", async () => {
    const slot = await freeSlot((s) => s.pricePerHourCents <= 2_000);
    const startTime = new Date(Date.now() + 2_000).toISOString();
    const { reservation } = expectOk(
      await driver.post("/api/reserve", { slotId: slot.id, durationHours: 1, startTime }),
      201,
      ReserveBody,
    );
    expect(reservation.status).toBe("upcoming");
    const baseline = await baselineSnapshot();
    // It started while the baseline waited: comparing across its start would blame the request.
    expect(Date.now()).toBeGreaterThan(Date.parse(startTime));
    expect(
      await scalar<string>("SELECT status FROM reservations WHERE id = ?", reservation.id),
    ).toBe("active");
    const response = await send(driver, "/api/reserve", {
      raw: "{bad",
      contentType: "application/json",
    });
    expectRejected(response, { status: 400, code: "INVALID_JSON" });
    expect(await snapshot()).toEqual(baseline);
  });
});
