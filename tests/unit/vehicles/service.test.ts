// Vehicles on an account, on a real database: plates unique across accounts, the same
// plate twice on one account answers the existing vehicle, deleting is refused while a
// running or upcoming reservation names the vehicle, and the booking's default vehicle.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addVehicle, deleteVehicle, listVehicles } from "@/lib/vehicles/service";
import { reserveSlot } from "@/lib/reservations/service";
import { createDriver, createSlot, expectAppError, HOUR_MS, unique } from "../builders";

const plate = () => `T${unique()}`.slice(0, 10);

async function reservationFor(
  userId: number,
  vehicleId: number,
  status: "upcoming" | "active" | "completed",
) {
  const slot = await createSlot();
  const start = new Date(Date.now() + (status === "upcoming" ? 2 : -1) * HOUR_MS);
  return db.reservation.create({
    data: {
      userId,
      slotId: slot.id,
      vehicleId,
      startTime: start,
      endTime: new Date(start.getTime() + 2 * HOUR_MS),
      durationHours: 2,
      totalAmountCents: 0,
      status,
    },
  });
}

describe("vehicles", () => {
  it("adds, lists and answers the existing vehicle for the same plate on one account", async () => {
    const driver = await createDriver();
    const p = plate();
    const first = await addVehicle(driver.id, { plate: p, label: "Blue car" });
    expect(first.created).toBe(true);
    expect(first.vehicle).toMatchObject({ userId: driver.id, plate: p, label: "Blue car" });
    const again = await addVehicle(driver.id, { plate: p });
    expect(again).toEqual({ vehicle: first.vehicle, created: false });
    expect(await listVehicles(driver.id)).toEqual([first.vehicle]);
  });

  it("refuses a plate registered to another account, also when both add it at once", async () => {
    const [a, b] = [await createDriver(), await createDriver()];
    const p = plate();
    const results = await Promise.allSettled([
      addVehicle(a.id, { plate: p }),
      addVehicle(b.id, { plate: p }),
    ]);
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "PLATE_TAKEN" });
    expect(await db.vehicle.count({ where: { plate: p } })).toBe(1);
  });

  it("deletes one's own vehicle; someone else's is not found", async () => {
    const [owner, other] = [await createDriver(), await createDriver()];
    const { vehicle } = await addVehicle(owner.id, { plate: plate() });
    await expectAppError(deleteVehicle(other, vehicle.id), "NOT_FOUND");
    await deleteVehicle(owner, vehicle.id);
    expect(await listVehicles(owner.id)).toEqual([]);
    await expectAppError(deleteVehicle(owner, vehicle.id), "NOT_FOUND");
  });

  it("refuses to delete a vehicle with a running or upcoming reservation, not after it ended", async () => {
    const owner = await createDriver();
    for (const status of ["upcoming", "active"] as const) {
      const { vehicle } = await addVehicle(owner.id, { plate: plate() });
      const reservation = await reservationFor(owner.id, vehicle.id, status);
      await expectAppError(deleteVehicle(owner, vehicle.id), "CONFLICT");
      expect(await db.vehicle.count({ where: { id: vehicle.id } })).toBe(1);
      await db.reservation.update({ where: { id: reservation.id }, data: { status: "completed" } });
      await deleteVehicle(owner, vehicle.id);
      // History keeps the reservation; it just no longer names a vehicle.
      const kept = await db.reservation.findUniqueOrThrow({ where: { id: reservation.id } });
      expect(kept.vehicleId).toBeNull();
    }
  });

  it("a booking names the given own vehicle, else the only one, else none", async () => {
    const [owner, other] = [
      await createDriver({ balanceCents: 10_000 }),
      await createDriver({ balanceCents: 10_000 }),
    ];
    const book = async (who: typeof owner, vehicleId?: number) => {
      const slot = await createSlot();
      const { reservation } = await reserveSlot(who, {
        slotId: slot.id,
        durationHours: 1,
        vehicleId,
      });
      return reservation.vehicleId;
    };
    expect(await book(owner)).toBeNull();
    const { vehicle: first } = await addVehicle(owner.id, { plate: plate() });
    expect(await book(owner)).toBe(first.id);
    const { vehicle: second } = await addVehicle(owner.id, { plate: plate() });
    expect(await book(owner)).toBeNull();
    expect(await book(owner, second.id)).toBe(second.id);
    const before = await db.reservation.count();
    const slot = await createSlot();
    await expectAppError(
      reserveSlot(other, { slotId: slot.id, durationHours: 1, vehicleId: second.id }),
      "NOT_FOUND",
    );
    await expectAppError(
      reserveSlot(owner, { slotId: slot.id, durationHours: 1, vehicleId: 999_999 }),
      "NOT_FOUND",
    );
    expect(await db.reservation.count()).toBe(before);
  });
});
