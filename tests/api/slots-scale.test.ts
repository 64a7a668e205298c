// Staff slot management at network scale: search by slot number and state, pagination past
// 500 slots at one location, out-of-service reasons, and bulk changes.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Client, inBatches, registerDriver, uniqueUsername } from "./client";
import { rows, snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot, staff } from "./fixtures";
import { expectError, expectOk, Slot } from "./schemas";

const SlotList = z.object({ slots: z.array(Slot), total: z.number().int() });
const SLOTS = 520;
let here = 0;
let elsewhere = 0;
let admin: Client;
let staffHere: Client;
const tag = uniqueUsername("s").replace(/[^a-z0-9]/g, "");

async function createLocation(name: string): Promise<number> {
  const response = await admin.post("/api/locations", {
    slug: uniqueUsername(name).replace(/[^a-z0-9-]/g, "-"),
    name: `Scale ${name}`,
    address: "1 Scale road",
    timeZone: "UTC",
  });
  return expectOk(response, 201, z.object({ location: z.object({ id: z.number() }) })).location.id;
}

beforeAll(async () => {
  admin = await registerDriver();
  staffHere = await registerDriver();
  await writeAsAnotherConnection("UPDATE users SET role = 'admin' WHERE id = ?", admin.user!.id);
  await writeAsAnotherConnection(
    "UPDATE users SET role = 'staff' WHERE id = ?",
    staffHere.user!.id,
  );
  here = await createLocation("here");
  elsewhere = await createLocation("there");
  const seeded = (await staff()).user!.id;
  for (const [id, userIds] of [
    [here, [seeded, staffHere.user!.id].sort((a, b) => a - b)],
    [elsewhere, [seeded]],
  ] as const) {
    expect(
      (await admin.request("PUT", `/api/locations/${id}/staff`, { json: { userIds } })).status,
    ).toBe(200);
  }
  await inBatches([...Array(SLOTS).keys()], 8, async (i) => {
    const response = await admin.post("/api/slots", {
      locationId: here,
      slotNumber: `${tag}-${String(i).padStart(4, "0")}`,
      floor: i % 2,
      zone: i < 40 ? "BULK" : "Q",
      type: "regular",
      pricePerHourCents: 300,
    });
    expect(response.status).toBe(201);
  });
  expect(
    (
      await admin.post("/api/slots", {
        locationId: elsewhere,
        slotNumber: `${tag}-X`,
        floor: 0,
        zone: "BULK",
        type: "regular",
        pricePerHourCents: 300,
      })
    ).status,
  ).toBe(201);
}, 120_000);

describe("GET /api/slots q, state and pagination", () => {
  it("pages through every slot of a location with more than 500", async () => {
    const seen = new Set<string>();
    for (let offset = 0; offset < SLOTS; offset += 500) {
      const page = expectOk(
        await new Client().get(
          `/api/slots?locationId=${here}&available=all&limit=500&offset=${offset}`,
        ),
        200,
        SlotList,
      );
      expect(page.total).toBe(SLOTS);
      for (const slot of page.slots) seen.add(slot.slotNumber);
    }
    expect(seen.size).toBe(SLOTS);
  });

  it("finds a slot by part of its number in any case", async () => {
    const found = expectOk(
      await new Client().get(`/api/slots?available=all&q=${tag.toUpperCase()}-0513`),
      200,
      SlotList,
    );
    expect(found.total).toBe(1);
    expect(found.slots[0]!.slotNumber).toBe(`${tag}-0513`);
    const many = expectOk(
      await new Client().get(`/api/slots?locationId=${here}&available=all&q=${tag}-05&floor=1`),
      200,
      SlotList,
    );
    expect(many.total).toBe(10);
  });

  it("answers 400 for an unknown state or an overlong q", async () => {
    expectError(await new Client().get("/api/slots?state=broken"), {
      status: 400,
      code: "VALIDATION_ERROR",
      field: "state",
    });
    expectError(await new Client().get(`/api/slots?q=${"a".repeat(33)}`), {
      status: 400,
      code: "VALIDATION_ERROR",
      field: "q",
    });
  });
});

describe("POST /api/slots/bulk", () => {
  it("answers 404, 403 and 400 and writes nothing", async () => {
    const driver = await registerDriver();
    const before = await baselineSnapshot();
    const body = { locationId: elsewhere, zone: "BULK", outOfService: true, reason: "Paint" };
    expectError(await staffHere.post("/api/slots/bulk", body), { status: 403, code: "FORBIDDEN" });
    expectError(await driver.post("/api/slots/bulk", body), { status: 403, code: "FORBIDDEN" });
    expectError(await staffHere.post("/api/slots/bulk", { ...body, locationId: 999_999 }), {
      status: 404,
      code: "NOT_FOUND",
    });
    for (const [bad, field] of [
      [{ ...body, locationId: here, reason: "r".repeat(201) }, "reason"],
      [{ ...body, locationId: here, outOfService: false }, "reason"],
      [{ ...body, locationId: here, slotIds: [] }, "slotIds"],
      [{ ...body, locationId: here, colour: "red" }, ""],
    ] as const) {
      expect((await staffHere.post("/api/slots/bulk", bad)).status, field).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("takes a zone out of service with a reason, once audited, and back", async () => {
    const other = expectOk(
      await new Client().get(`/api/slots?locationId=${elsewhere}&available=all`),
      200,
      SlotList,
    ).slots[0]!;
    const take = {
      locationId: here,
      zone: "BULK",
      outOfService: true,
      reason: "Resurfacing",
    };
    const response = await staffHere.post("/api/slots/bulk", take);
    expect(expectOk(response, 200, z.object({ updated: z.number() })).updated).toBe(40);
    // Setting the same state again matches the same slots and changes nothing new.
    expect(
      expectOk(
        await staffHere.post("/api/slots/bulk", take),
        200,
        z.object({ updated: z.number() }),
      ).updated,
    ).toBe(40);
    // An id at another location is never touched.
    await staffHere.post("/api/slots/bulk", { ...take, zone: undefined, slotIds: [other.id] });

    const out = expectOk(
      await new Client().get(`/api/slots?locationId=${here}&state=out_of_service&available=all`),
      200,
      SlotList,
    );
    expect(out.total).toBe(40);
    expect(out.slots.every((s) => s.outOfServiceReason === "Resurfacing")).toBe(true);
    const free = expectOk(
      await new Client().get(`/api/slots?locationId=${here}&state=free&available=all`),
      200,
      SlotList,
    );
    expect(free.total).toBe(SLOTS - 40);
    const untouched = expectOk(
      await new Client().get(`/api/slots?locationId=${elsewhere}&available=all`),
      200,
      SlotList,
    ).slots[0]!;
    expect(untouched.outOfService).toBe(false);

    const audit = await rows<{ after: string }>(
      "SELECT after FROM audit_log WHERE actor_id = ? AND target_type = 'location' AND target_id = ? ORDER BY id",
      staffHere.user!.id,
      here,
    );
    expect(audit.length).toBe(3);
    expect(JSON.parse(audit[0]!.after)).toMatchObject({ outOfService: true, updated: 40 });

    const back = await staffHere.post("/api/slots/bulk", {
      locationId: here,
      zone: "BULK",
      outOfService: false,
    });
    expect(expectOk(back, 200, z.object({ updated: z.number() })).updated).toBe(40);
    const after = expectOk(
      await new Client().get(`/api/slots?locationId=${here}&zone=BULK&available=all`),
      200,
      SlotList,
    );
    expect(after.slots.every((s) => !s.outOfService && s.outOfServiceReason === null)).toBe(true);
  });

  it("PATCH takes one slot out of service with a reason and back clears it", async () => {
    const slot = expectOk(
      await new Client().get(`/api/slots?locationId=${here}&q=${tag}-0300&available=all`),
      200,
      SlotList,
    ).slots[0]!;
    const out = await staffHere.request("PATCH", `/api/slots/${slot.id}`, {
      json: { outOfService: true, reason: "Leak" },
    });
    expect(expectOk(out, 200, z.object({ slot: Slot })).slot.outOfServiceReason).toBe("Leak");
    const back = await staffHere.request("PATCH", `/api/slots/${slot.id}`, {
      json: { outOfService: false },
    });
    expect(expectOk(back, 200, z.object({ slot: Slot })).slot.outOfServiceReason).toBeNull();
  });
});
