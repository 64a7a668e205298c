// Set-up for the gate's domain tests: a fresh location with its own gate key (so other
// tests' slots never compete for a drive-up), drivers with vehicles, and events.
import { db, transaction } from "@/lib/db/client";
import { createGateKey, type GateKeyIdentity } from "@/lib/gate/keys";
import { recordGateEvent, type GateEventRequest } from "@/lib/gate/service";
import { addVehicle } from "@/lib/vehicles/service";
import { createAdmin, createDriver, createSlot, unique, type SlotOverrides } from "../builders";

export type Garage = {
  locationId: number;
  gate: GateKeyIdentity;
  slot: (overrides?: SlotOverrides) => ReturnType<typeof createSlot>;
  event: (
    request: Omit<GateEventRequest, "eventId"> & { eventId?: string },
    now: Date,
  ) => ReturnType<typeof recordGateEvent>;
};

export async function createGarage(requiresCheckIn = false): Promise<Garage> {
  const n = unique();
  const location = await transaction((tx) =>
    tx.location.create({
      data: {
        slug: `gate-${n}`,
        name: `Gate garage ${n}`,
        address: "1 Barrier lane",
        timeZone: "UTC",
        requiresCheckIn,
      },
    }),
  );
  const admin = await createAdmin();
  const key = await createGateKey(admin, { locationId: location.id, label: "Main gate" });
  const gate = { keyId: key.id, locationId: location.id };
  return {
    locationId: location.id,
    gate,
    slot: (overrides = {}) => createSlot({ locationId: location.id, ...overrides }),
    event: (request, now) => recordGateEvent(gate, { eventId: `e${unique()}`, ...request }, now),
  };
}

/**
 * A driver with `balanceCents` and one vehicle; returns them and the plate. `username` for
 * a database that has users already (the seeded one of the PostgreSQL tests).
 */
export async function driverWithCar(balanceCents: number, username?: string) {
  const driver = await createDriver({ balanceCents, username });
  const plate = `CAR${unique()}`.slice(0, 10);
  const { vehicle } = await addVehicle(driver.id, { plate });
  return { driver, plate, vehicleId: vehicle.id };
}

export async function userRow(userId: number) {
  return db.user.findUniqueOrThrow({ where: { id: userId } });
}
