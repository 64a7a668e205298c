// Staff slot management: create, read with reservations, change price/type/zone, out of service.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, login, registerDriver } from "./client";
import { rows, snapshot } from "./db";
import { baselineSnapshot, staff } from "./fixtures";
import { expectError, expectOk, Reservation, ReserveBody, Slot } from "./schemas";
import { SlotBody, hoursAhead, newSlot, reserveAt, track } from "./booking-fixtures";

const DetailBody = z.object({ slot: Slot, reservations: z.array(Reservation) });

describe("POST /api/slots", () => {
  it("creates a slot (201) that search lists; a taken slotNumber answers 409 CONFLICT", async () => {
    const slot = await newSlot({ type: "electric", pricePerHourCents: 650, zone: "TX" });
    expect(slot).toMatchObject({
      floor: 7,
      zone: "TX",
      type: "electric",
      pricePerHourCents: 650,
      isAvailable: true,
      outOfService: false,
    });
    const listed = await new Client().get("/api/slots?zone=TX&floor=7");
    expect(expectOk(listed, 200, z.object({ slots: z.array(Slot) })).slots).toContainEqual(slot);

    const admin = await staff();
    const before = await baselineSnapshot();
    expectError(
      await admin.post("/api/slots", {
        slotNumber: slot.slotNumber,
        floor: 1,
        zone: "A",
        type: "regular",
        pricePerHourCents: 100,
      }),
      { status: 409, code: "CONFLICT" },
    );
    expect(await snapshot()).toEqual(before);
  });

  const valid = { slotNumber: "X-1", floor: 1, zone: "A", type: "regular", pricePerHourCents: 100 };
  it.each([
    ["no slotNumber", { ...valid, slotNumber: undefined }, "slotNumber"],
    ["slotNumber with spaces", { ...valid, slotNumber: "a b" }, "slotNumber"],
    ["unknown type", { ...valid, type: "boat" }, "type"],
    ["negative price", { ...valid, pricePerHourCents: -1 }, "pricePerHourCents"],
    ["fractional price", { ...valid, pricePerHourCents: 1.5 }, "pricePerHourCents"],
    ["zone too long", { ...valid, zone: "z".repeat(33) }, "zone"],
    ["floor a string", { ...valid, floor: "1" }, "floor"],
  ])("answers 400 for %s and creates nothing", async (_name, body, field) => {
    const admin = await staff();
    const before = await baselineSnapshot();
    expectError(await admin.post("/api/slots", body), {
      status: 400,
      code: "VALIDATION_ERROR",
      field,
    });
    expect(await snapshot()).toEqual(before);
  });
});

describe("authorization on staff slot routes", () => {
  it("anonymous 401 and drivers 403 on POST /api/slots, GET and PATCH /api/slots/{id}", async () => {
    const slot = await newSlot();
    const driver = await login("alice");
    const before = await baselineSnapshot();
    const calls = (client: Client) => [
      client.post("/api/slots", {
        slotNumber: "Z-9",
        floor: 1,
        zone: "A",
        type: "vip",
        pricePerHourCents: 1,
      }),
      client.get(`/api/slots/${slot.id}`),
      client.request("PATCH", `/api/slots/${slot.id}`, { json: { pricePerHourCents: 1 } }),
    ];
    for (const response of await Promise.all(calls(new Client()))) {
      expectError(response, { status: 401, code: "UNAUTHENTICATED" });
    }
    for (const response of await Promise.all(calls(driver))) {
      expectError(response, { status: 403, code: "FORBIDDEN" });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("GET/PATCH /api/slots/{id}", () => {
  it("changes price, type and zone; existing reservations keep what they cost", async () => {
    const slot = await newSlot({ pricePerHourCents: 500 });
    const driver = await registerDriver(5_000);
    const booked = expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 2, startTime: hoursAhead(10) }),
      201,
      ReserveBody,
    );
    track(booked.reservation.id);
    const admin = await staff();
    const patched = expectOk(
      await admin.request("PATCH", `/api/slots/${slot.id}`, {
        json: { pricePerHourCents: 900, type: "vip", zone: "TV" },
      }),
      200,
      SlotBody,
    );
    expect(patched.slot).toMatchObject({
      id: slot.id,
      pricePerHourCents: 900,
      type: "vip",
      zone: "TV",
    });

    const detail = expectOk(await admin.get(`/api/slots/${slot.id}`), 200, DetailBody);
    expect(detail.slot).toEqual(patched.slot);
    expect(detail.reservations).toEqual([
      expect.objectContaining({
        id: booked.reservation.id,
        totalAmountCents: 1000,
        status: "upcoming",
      }),
    ]);
    expect(
      await rows<{ amount_cents: number }>(
        "SELECT amount_cents FROM payments WHERE reservation_id = ?",
        booked.reservation.id,
      ),
    ).toEqual([{ amount_cents: 1000 }]);
  });

  it("out of service keeps the running and upcoming reservations but refuses new ones; back in service takes them again", async () => {
    const slot = await newSlot({ pricePerHourCents: 100 });
    const driver = await registerDriver(5_000);
    const running = expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 1 }),
      201,
      ReserveBody,
    ).reservation;
    const later = expectOk(
      await reserveAt(driver, { slotId: slot.id, durationHours: 1, startTime: hoursAhead(11) }),
      201,
      ReserveBody,
    ).reservation;
    track(later.id);
    const admin = await staff();
    const patch = (outOfService: boolean) =>
      admin.request("PATCH", `/api/slots/${slot.id}`, { json: { outOfService } });

    const off = expectOk(await patch(true), 200, SlotBody).slot;
    expect(off).toMatchObject({ outOfService: true, isAvailable: false });
    const detail = expectOk(await admin.get(`/api/slots/${slot.id}`), 200, DetailBody);
    expect(detail.reservations.map((r) => [r.id, r.status])).toEqual([
      [running.id, "active"],
      [later.id, "upcoming"],
    ]);
    const before = await baselineSnapshot();
    expectError(
      await reserveAt(driver, { slotId: slot.id, durationHours: 1, startTime: hoursAhead(12) }),
      { status: 409, code: "SLOT_UNAVAILABLE" },
    );
    expect(await snapshot()).toEqual(before);

    expectOk(await patch(false), 200, SlotBody);
    track(
      expectOk(
        await reserveAt(driver, { slotId: slot.id, durationHours: 1, startTime: hoursAhead(12) }),
        201,
        ReserveBody,
      ).reservation.id,
    );
    expect((await driver.post("/api/end-reservation", { reservationId: running.id })).status).toBe(
      200,
    );
  });

  it.each([
    ["empty body", {}, undefined],
    ["unknown field", { isAvailable: true }, undefined],
    ["negative price", { pricePerHourCents: -5 }, "pricePerHourCents"],
    ["unknown type", { type: "boat" }, "type"],
    ["outOfService a string", { outOfService: "yes" }, "outOfService"],
  ])("PATCH answers 400 for %s and changes nothing", async (_name, body, field) => {
    const slot = await newSlot();
    const admin = await staff();
    const before = await baselineSnapshot();
    expectError(await admin.request("PATCH", `/api/slots/${slot.id}`, { json: body }), {
      status: 400,
      code: "VALIDATION_ERROR",
      ...(field !== undefined && { field }),
    });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    ["GET", "/api/slots/abc", 400, "VALIDATION_ERROR"],
    ["PATCH", "/api/slots/-1", 400, "VALIDATION_ERROR"],
    ["GET", "/api/slots/99999999", 404, "NOT_FOUND"],
    ["PATCH", "/api/slots/99999999", 404, "NOT_FOUND"],
  ] as const)("%s %s answers %i %s", async (method, path, status, code) => {
    const admin = await staff();
    const response = await admin.request(
      method,
      path,
      method === "PATCH" ? { json: { zone: "Q" } } : {},
    );
    expectError(response, { status, code });
  });
});
