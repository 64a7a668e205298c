// The driver's side of a stay over HTTP (API.md v2 → Vehicles; Arrival, stay and exit):
// reserve names a vehicle, a reservation is extended at the quote for the added hours, an
// account that owes money cannot book or extend, and a reservation's QR pass. Every
// refusal is the contract's 4xx and writes nothing.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { passSchema, reserveResultSchema } from "@/lib/api-schemas/parking";
import { quoteSchema } from "@/lib/api-schemas/staff";
import { Client, registerDriver, uniqueUsername } from "./client";
import { expectInvariants, snapshot, walletBalance, writeAsAnotherConnection } from "./db";
import {
  baselineSnapshot,
  endAsStaff,
  freeSlot,
  reserve,
  reserveFreeSlot,
  staff,
} from "./fixtures";
import { expectError, expectOk, type ErrorCode } from "./schemas";

const VehicleBody = z.object({ vehicle: z.object({ id: z.int().positive() }).loose() });
const plate = () =>
  uniqueUsername("v")
    .replace(/[^a-z0-9]/g, "")
    .slice(-10)
    .toUpperCase();

async function addVehicle(client: Client): Promise<number> {
  return expectOk(await client.post("/api/vehicles", { plate: plate() }), 201, VehicleBody).vehicle
    .id;
}

/** The price of `hours` right after `endTime` on `slotId`, as GET /api/quote gives it. */
async function quoteAfter(client: Client, slotId: number, endTime: string, hours = 1) {
  const query = new URLSearchParams({
    slotId: String(slotId),
    startTime: endTime,
    durationHours: String(hours),
  });
  return expectOk(await client.get(`/api/quote?${query}`), 200, quoteSchema);
}

/** Makes the user owe `cents`, with its debt ledger row (as an exit bill would). */
async function owe(userId: number, cents: number) {
  await writeAsAnotherConnection(
    "UPDATE users SET outstanding_cents = outstanding_cents + ? WHERE id = ?",
    cents,
    userId,
  );
  await writeAsAnotherConnection(
    "INSERT INTO debt_entries (user_id, amount_cents, balance_after_cents, created_at) SELECT id, ?, outstanding_cents, CURRENT_TIMESTAMP FROM users WHERE id = ?",
    cents,
    userId,
  );
}

describe("POST /api/reserve with vehicleId", () => {
  it("names the given own vehicle, else the only one; another's or an unknown one is 404", async () => {
    const [driver, other] = [await registerDriver(10_000), await registerDriver(10_000)];
    const first = await addVehicle(driver);
    const only = await reserveFreeSlot(driver);
    expect(only.reservation).toMatchObject({
      vehicleId: first,
      kind: "booked",
      checkedInAt: null,
      checkedOutAt: null,
    });
    await endAsStaff(only.reservation.id);
    const second = await addVehicle(driver);
    const none = await reserveFreeSlot(driver);
    expect(none.reservation.vehicleId).toBeNull();
    await endAsStaff(none.reservation.id);
    const slot = await freeSlot();
    const named = expectOk(
      await driver.post("/api/reserve", { slotId: slot.id, durationHours: 1, vehicleId: second }),
      201,
      reserveResultSchema,
    );
    expect(named.reservation.vehicleId).toBe(second);
    await endAsStaff(named.reservation.id);

    const free = await freeSlot();
    const before = await baselineSnapshot();
    for (const vehicleId of [second, 2_000_000_000]) {
      expectError(
        await other.post("/api/reserve", { slotId: free.id, durationHours: 1, vehicleId }),
        {
          status: 404,
          code: "NOT_FOUND",
        },
      );
    }
    for (const vehicleId of [0, -1, "1", 1.5]) {
      expectError(
        await other.post("/api/reserve", { slotId: free.id, durationHours: 1, vehicleId }),
        {
          status: 400,
          code: "VALIDATION_ERROR",
        },
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/reservations/{id}/extend", () => {
  it("extends a running reservation at the quoted price of the added hour", async () => {
    const driver = await registerDriver(10_000);
    const { slot, reservation, walletBalanceCents } = await reserveFreeSlot(driver);
    const quote = await quoteAfter(driver, slot.id, reservation.endTime);
    const result = expectOk(
      await driver.post(`/api/reservations/${reservation.id}/extend`, {
        hours: 1,
        expectedTotalCents: quote.totalCents,
      }),
      200,
      reserveResultSchema,
    );
    expect(result.reservation).toMatchObject({
      id: reservation.id,
      startTime: reservation.startTime,
      endTime: quote.endTime,
      durationHours: 2,
      totalAmountCents: reservation.totalAmountCents + quote.totalCents,
      status: "active",
    });
    expect(result.payment).toMatchObject({
      reservationId: reservation.id,
      amountCents: quote.totalCents,
    });
    expect(result.walletBalanceCents).toBe(walletBalanceCents - quote.totalCents);
    expect(await walletBalance(driver.user!.id)).toBe(result.walletBalanceCents);
    await expectInvariants();
    await endAsStaff(reservation.id);
  });

  it("answers each refusal with the contract's 4xx and writes nothing", async () => {
    const driver = await registerDriver(10_000);
    const other = await registerDriver(10_000);
    const { slot, reservation } = await reserveFreeSlot(driver);
    // The hour after it is booked by someone else.
    const next = expectOk(
      await other.post("/api/reserve", {
        slotId: slot.id,
        durationHours: 1,
        startTime: reservation.endTime,
      }),
      201,
      reserveResultSchema,
    );
    const ended = await reserveFreeSlot(driver);
    expect((await endAsStaff(ended.reservation.id)).status).toBe(200);
    // A driver whose wallet holds exactly the price of one hour, spent on it.
    const cheap = await freeSlot((s) => s.pricePerHourCents > 0 && s.id !== slot.id);
    const price = (await quoteAfter(driver, cheap.id, new Date().toISOString())).totalCents;
    const poor = await registerDriver(price);
    const poorReservation = expectOk(
      await poor.post("/api/reserve", {
        slotId: cheap.id,
        durationHours: 1,
        expectedTotalCents: price,
      }),
      201,
      reserveResultSchema,
    ).reservation.id;
    expect(await walletBalance(poor.user!.id)).toBe(0);

    const url = (id: number) => `/api/reservations/${id}/extend`;
    const cases: [string, Client, string, unknown, number, ErrorCode][] = [
      ["the next hour booked", driver, url(reservation.id), { hours: 1 }, 409, "NOT_EXTENDABLE"],
      ["ended", driver, url(ended.reservation.id), { hours: 1 }, 409, "RESERVATION_NOT_ACTIVE"],
      ["someone else's", other, url(reservation.id), { hours: 1 }, 404, "NOT_FOUND"],
      ["unknown", driver, url(2_000_000_000), { hours: 1 }, 404, "NOT_FOUND"],
      [
        "a price that moved",
        other,
        url(next.reservation.id),
        { hours: 1, expectedTotalCents: 1 },
        409,
        "PRICE_CHANGED",
      ],
      ["no money", poor, url(poorReservation), { hours: 1 }, 402, "INSUFFICIENT_FUNDS"],
      ["0 hours", driver, url(reservation.id), { hours: 0 }, 400, "VALIDATION_ERROR"],
      ["25 hours", driver, url(reservation.id), { hours: 25 }, 400, "VALIDATION_ERROR"],
      ["1.5 hours", driver, url(reservation.id), { hours: 1.5 }, 400, "VALIDATION_ERROR"],
      ["no hours", driver, url(reservation.id), {}, 400, "VALIDATION_ERROR"],
      ["hours as a string", driver, url(reservation.id), { hours: "1" }, 400, "VALIDATION_ERROR"],
      ["a bad id", driver, "/api/reservations/abc/extend", { hours: 1 }, 400, "VALIDATION_ERROR"],
    ];
    const before = await baselineSnapshot();
    for (const [name, client, path, body, status, code] of cases) {
      const response = await client.post(path, body);
      expect(response.status, name).toBe(status);
      expectError(response, { status, code });
    }
    expect(await snapshot()).toEqual(before);
    // Leave the slots as free as they were found for the tests after this one.
    await endAsStaff(reservation.id);
    await endAsStaff(poorReservation);
    expectOk(
      await other.post(`/api/reservations/${next.reservation.id}/cancel`, {}),
      200,
      reserveResultSchema,
    );
  });

  it("OUTSTANDING_BALANCE: an account that owes money can neither book nor extend", async () => {
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    await owe(driver.user!.id, 250);
    const slot = await freeSlot();
    const before = await baselineSnapshot();
    const refused = expectError(await reserve(driver, { slotId: slot.id, durationHours: 1 }), {
      status: 402,
      code: "OUTSTANDING_BALANCE",
    });
    expect(refused.error.details).toEqual({ outstandingCents: 250 });
    expectError(await driver.post(`/api/reservations/${reservation.id}/extend`, { hours: 1 }), {
      status: 402,
      code: "OUTSTANDING_BALANCE",
    });
    expect(await snapshot()).toEqual(before);
    await endAsStaff(reservation.id);
  });
});

describe("GET /api/reservations/{id}/pass", () => {
  it("gives the owner and staff a signed token and its QR code; others 404, anonymous 401", async () => {
    const driver = await registerDriver(10_000);
    const { reservation } = await reserveFreeSlot(driver);
    const path = `/api/reservations/${reservation.id}/pass`;
    const pass = expectOk(await driver.get(path), 200, passSchema);
    expect(pass.token.startsWith(`rp_${reservation.id}.`)).toBe(true);
    expect(pass.qrSvg).toContain("<path");
    // The same token every time, for staff too.
    expect(expectOk(await (await staff()).get(path), 200, passSchema).token).toBe(pass.token);
    expectError(await (await registerDriver()).get(path), { status: 404, code: "NOT_FOUND" });
    expectError(await new Client().get(path), { status: 401, code: "UNAUTHENTICATED" });
    expectError(await driver.get("/api/reservations/2000000000/pass"), {
      status: 404,
      code: "NOT_FOUND",
    });
    await endAsStaff(reservation.id);
  });
});
