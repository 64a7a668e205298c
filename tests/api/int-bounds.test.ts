// Every integer that reaches a query is bounded to its column's range when the request is
// validated: PostgreSQL's integer columns end at 2^31 - 1, and a larger id or amount made
// its query fail (500) where SQLite's 64-bit integers found nothing. Beyond the range is a
// 400 naming the field, and nothing changes. Runs on SQLite and, in CI, on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { Client, registerDriver } from "./client";
import { staff } from "./fixtures";
import { digest } from "./db";
import { expectError } from "./schemas";

const TWO_31 = 2 ** 31;
const TWO_53 = 2 ** 53 - 1;

type Case = {
  name: string;
  as: "driver" | "staff";
  send: (client: Client, value: number) => ReturnType<Client["request"]>;
  field: string;
};

const cases: Case[] = [
  {
    name: "POST /api/reserve slotId",
    as: "driver",
    send: (c, v) => c.post("/api/reserve", { slotId: v, durationHours: 1 }),
    field: "slotId",
  },
  {
    name: "POST /api/reserve userId",
    as: "staff",
    send: (c, v) => c.post("/api/reserve", { slotId: 1, durationHours: 1, userId: v }),
    field: "userId",
  },
  {
    name: "POST /api/reserve expectedTotalCents",
    as: "driver",
    send: (c, v) => c.post("/api/reserve", { slotId: 1, durationHours: 1, expectedTotalCents: v }),
    field: "expectedTotalCents",
  },
  {
    name: "POST /api/end-reservation reservationId",
    as: "driver",
    send: (c, v) => c.post("/api/end-reservation", { reservationId: v }),
    field: "reservationId",
  },
  {
    name: "POST /api/add-balance userId",
    as: "staff",
    send: (c, v) => c.post("/api/add-balance", { amountCents: 100, userId: v }),
    field: "userId",
  },
  {
    name: "POST /api/reservations/{id}/cancel",
    as: "driver",
    send: (c, v) => c.post(`/api/reservations/${v}/cancel`),
    field: "id",
  },
  {
    name: "PATCH /api/slots/{id}",
    as: "staff",
    send: (c, v) => c.request("PATCH", `/api/slots/${v}`, { json: { pricePerHourCents: 100 } }),
    field: "id",
  },
  {
    name: "GET /api/slots/{id}",
    as: "staff",
    send: (c, v) => c.get(`/api/slots/${v}`),
    field: "id",
  },
  {
    name: "GET /api/slots maxPriceCents",
    as: "driver",
    send: (c, v) => c.get(`/api/slots?maxPriceCents=${v}`),
    field: "maxPriceCents",
  },
  {
    name: "GET /api/slots maxPriceCents with a window",
    as: "driver",
    send: (c, v) => {
      const from = new Date(Date.now() + 86_400_000).toISOString();
      const to = new Date(Date.now() + 90_000_000).toISOString();
      return c.get(`/api/slots?maxPriceCents=${v}&from=${from}&to=${to}`);
    },
    field: "maxPriceCents",
  },
  {
    name: "GET /api/quote slotId",
    as: "driver",
    send: (c, v) => c.get(`/api/quote?slotId=${v}&durationHours=1`),
    field: "slotId",
  },
  {
    name: "GET /api/reservations userId",
    as: "staff",
    send: (c, v) => c.get(`/api/reservations?userId=${v}`),
    field: "userId",
  },
  {
    name: "GET /api/wallet/transactions userId",
    as: "staff",
    send: (c, v) => c.get(`/api/wallet/transactions?userId=${v}`),
    field: "userId",
  },
];

let driver: Client;
let staffClient: Client;

beforeAll(async () => {
  driver = await registerDriver(1_000);
  staffClient = await staff();
});

describe.each([
  ["2^31", TWO_31],
  ["2^53 - 1", TWO_53],
])("an integer of %s", (_, value) => {
  it.each(cases)("$name: 400 naming the field, nothing changed", async (c) => {
    const before = await digest();
    const response = await c.send(c.as === "staff" ? staffClient : driver, value);
    expectError(response, { status: 400, code: "VALIDATION_ERROR", field: c.field });
    expect(await digest()).toEqual(before);
  });
});

describe("the largest value a column holds", () => {
  it("is a valid id that finds nothing", async () => {
    const response = await driver.post("/api/end-reservation", { reservationId: TWO_31 - 1 });
    expectError(response, { status: 404, code: "NOT_FOUND" });
  });

  it("is a valid price bound", async () => {
    const response = await driver.get(`/api/slots?maxPriceCents=${TWO_31 - 1}&limit=1`);
    expect(response.status).toBe(200);
  });

  it("leaves a huge offset legal: an empty page", async () => {
    // The largest offset the query string takes (15 digits): beyond int4, legal SQL.
    const response = await staffClient.get(`/api/reservations?offset=${10 ** 15 - 1}`);
    expect(response.status).toBe(200);
    expect((response.body as { reservations: unknown[] }).reservations).toEqual([]);
  });
});
