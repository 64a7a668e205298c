// A booking that names a vehicle racing the vehicle's DELETE, on PostgreSQL (READ COMMITTED,
// where a statement sees what had committed when it began): whichever commits first, no
// booking is left naming a deleted vehicle, and none silently loses its vehicle. The domain
// runs in this process; the other side is a plain connection holding its locks until the
// domain is seen waiting on them.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, inject, it } from "vitest";
import { pgPool } from "../setup/pg";
import { lockRace } from "../setup/pg-locks";

process.env.DATABASE_URL = inject("pgDatabaseUrl");
const { db } = await import("@/lib/db/client");
const { reserveSlot } = await import("@/lib/reservations/service");
const { addVehicle, deleteVehicle } = await import("@/lib/vehicles/service");
const { AppError } = await import("@/lib/errors");
const { createDriver, createSlot } = await import("../unit/builders");

const observer = pgPool(inject("pgDatabaseUrl"), { bigintAsNumber: true });
const { waitingOnLock, openTransaction } = lockRace(inject("pgDatabaseUrl"), observer);
afterAll(async () => {
  await observer.end();
  await db.$disconnect();
});

const HOUR_MS = 3_600_000;

async function driverWithVehicle() {
  const tag = randomBytes(3).toString("hex");
  const slot = await createSlot({ pricePerHourCents: 400, slotNumber: `vr-${tag}` });
  const driver = await createDriver({ username: `vr_${tag}`, balanceCents: 2000 });
  const { vehicle } = await addVehicle(driver.id, { plate: `VR${tag}`.toUpperCase() });
  return { slot, driver, vehicle };
}

describe("a booking naming a vehicle and the vehicle's delete", () => {
  it("the booking commits first: the delete then sees it and answers 409, the vehicle stays", async () => {
    const { slot, driver, vehicle } = await driverWithVehicle();
    const start = new Date(Date.now() + 2 * HOUR_MS);
    // What a booking's write does: lock the vehicle row, insert the reservation naming it.
    const booking = await openTransaction([
      ["UPDATE vehicles SET lock_version = lock_version + 1 WHERE id = $1", [vehicle.id]],
      [
        `INSERT INTO reservations (user_id, slot_id, start_time, end_time, duration_hours,
           total_amount_cents, status, vehicle_id, created_at)
         VALUES ($1, $2, $3, $4, 1, 0, 'upcoming', $5, now())`,
        [driver.id, slot.id, start, new Date(start.getTime() + HOUR_MS), vehicle.id],
      ],
    ]);
    const deleting = deleteVehicle(driver, vehicle.id).then(
      () => null,
      (e: unknown) => e,
    );
    await waitingOnLock("vehicles");
    await booking.commit();
    const error = await deleting;
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).code).toBe("CONFLICT");
    expect(await db.vehicle.count({ where: { id: vehicle.id } })).toBe(1);
    const named = await db.reservation.count({ where: { vehicleId: vehicle.id } });
    expect(named).toBe(1);
  });

  it("the delete commits first: the booking then finds the vehicle gone and answers 404", async () => {
    const { slot, driver, vehicle } = await driverWithVehicle();
    const deleting = await openTransaction([["DELETE FROM vehicles WHERE id = $1", [vehicle.id]]]);
    const startTime = new Date(Date.now() + 2 * HOUR_MS);
    const booking = reserveSlot(driver, {
      slotId: slot.id,
      durationHours: 1,
      startTime,
      vehicleId: vehicle.id,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    await waitingOnLock("UPDATE vehicles SET lock_version");
    await deleting.commit();
    const error = await booking;
    expect(error).toBeInstanceOf(AppError);
    expect((error as InstanceType<typeof AppError>).code).toBe("NOT_FOUND");
    expect(await db.reservation.count({ where: { slotId: slot.id } })).toBe(0);
  });
});
