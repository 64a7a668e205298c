// Vehicles over HTTP (API.md v2 → Vehicles): plates normalized and unique across accounts,
// the same plate twice on one account answers 200 with the existing vehicle, delete own
// only (someone else's is 404) and never while a running or upcoming reservation names it.
// Refused requests change nothing.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { registerDriver, uniqueUsername } from "./client";
import { snapshot, writeAsAnotherConnection } from "./db";
import { baselineSnapshot, reserveFreeSlot, staff } from "./fixtures";
import { expectError, expectOk } from "./schemas";

const Vehicle = z
  .object({
    id: z.int().positive(),
    userId: z.int().positive(),
    plate: z.string().regex(/^[A-Z0-9]{2,10}$/),
    label: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .strict();
const VehicleBody = z.object({ vehicle: Vehicle });
const VehiclesBody = z.object({ vehicles: z.array(Vehicle) });

/** A plate nobody has registered in this run. */
const uniquePlate = () =>
  uniqueUsername("p")
    .replace(/[^a-z0-9]/g, "")
    .slice(-10)
    .toUpperCase();

describe("vehicles", () => {
  it("adds a vehicle with its plate normalized, lists it, and answers 200 for the same plate again", async () => {
    const driver = await registerDriver();
    const plate = uniquePlate();
    const raw = `${plate.slice(0, 3).toLowerCase()}-${plate.slice(3)} `;
    const { vehicle } = expectOk(
      await driver.post("/api/vehicles", { plate: raw, label: "Family car" }),
      201,
      VehicleBody,
    );
    expect(vehicle).toMatchObject({ plate, label: "Family car", userId: driver.user!.id });
    const again = expectOk(await driver.post("/api/vehicles", { plate }), 200, VehicleBody);
    expect(again.vehicle).toEqual(vehicle);
    const list = expectOk(await driver.get("/api/vehicles"), 200, VehiclesBody);
    expect(list.vehicles).toEqual([vehicle]);
  });

  it("answers 409 PLATE_TAKEN for a plate on another account, and 400 for a malformed plate", async () => {
    const [owner, other] = [await registerDriver(), await registerDriver()];
    const plate = uniquePlate();
    expectOk(await owner.post("/api/vehicles", { plate }), 201, VehicleBody);
    const before = await baselineSnapshot();
    expectError(await other.post("/api/vehicles", { plate: plate.toLowerCase() }), {
      status: 409,
      code: "PLATE_TAKEN",
    });
    for (const bad of ["x", "AB_12", "ABCDEFGHIJK", "", 12, null, "A".repeat(500)]) {
      expectError(await other.post("/api/vehicles", { plate: bad }), {
        status: 400,
        code: "VALIDATION_ERROR",
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets a driver see only their own vehicles, and staff any account's", async () => {
    const [owner, other] = [await registerDriver(), await registerDriver()];
    const { vehicle } = expectOk(
      await owner.post("/api/vehicles", { plate: uniquePlate() }),
      201,
      VehicleBody,
    );
    expectError(await other.get(`/api/vehicles?userId=${owner.user!.id}`), {
      status: 403,
      code: "FORBIDDEN",
    });
    const seen = expectOk(
      await (await staff()).get(`/api/vehicles?userId=${owner.user!.id}`),
      200,
      VehiclesBody,
    );
    expect(seen.vehicles).toEqual([vehicle]);
  });

  it("deletes one's own vehicle (204); someone else's is 404 and stays", async () => {
    const [owner, other] = [await registerDriver(), await registerDriver()];
    const { vehicle } = expectOk(
      await owner.post("/api/vehicles", { plate: uniquePlate() }),
      201,
      VehicleBody,
    );
    expectError(await other.request("DELETE", `/api/vehicles/${vehicle.id}`), {
      status: 404,
      code: "NOT_FOUND",
    });
    const response = await owner.request("DELETE", `/api/vehicles/${vehicle.id}`);
    expect(response.status).toBe(204);
    expect(expectOk(await owner.get("/api/vehicles"), 200, VehiclesBody).vehicles).toEqual([]);
  });

  it("answers 409 CONFLICT deleting a vehicle a running reservation names, and changes nothing", async () => {
    const owner = await registerDriver(10_000);
    const { vehicle } = expectOk(
      await owner.post("/api/vehicles", { plate: uniquePlate() }),
      201,
      VehicleBody,
    );
    const { reservation } = await reserveFreeSlot(owner);
    await writeAsAnotherConnection(
      "UPDATE reservations SET vehicle_id = ? WHERE id = ?",
      vehicle.id,
      reservation.id,
    );
    const before = await baselineSnapshot();
    expectError(await owner.request("DELETE", `/api/vehicles/${vehicle.id}`), {
      status: 409,
      code: "CONFLICT",
    });
    expect(await snapshot()).toEqual(before);
  });
});
