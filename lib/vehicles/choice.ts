// Which vehicle a new booking names (API.md v2 → Vehicles): the one asked for, which must be
// the owner's, or by default the owner's only vehicle, else none. Pure: the booking
// transaction reads the vehicles (lib/reservations/state.ts) and its write guards the row.

export type OwnedVehicle = { id: number; userId: number };

export function chooseBookingVehicle(
  vehicles: ReadonlyMap<number, OwnedVehicle>,
  ownerId: number,
  requested: number | undefined,
): { ok: true; vehicleId: number | null } | { ok: false; vehicleId: number } {
  if (requested !== undefined) {
    const vehicle = vehicles.get(requested);
    // Someone else's vehicle looks like one that does not exist.
    return vehicle?.userId === ownerId
      ? { ok: true, vehicleId: vehicle.id }
      : { ok: false, vehicleId: requested };
  }
  const own = [...vehicles.values()].filter((v) => v.userId === ownerId);
  return { ok: true, vehicleId: own.length === 1 ? own[0]!.id : null };
}
