// Locations of the network, as the rest of the domain needs them: which exist, which one
// v1 requests without a locationId mean, and which a staff user works at.
import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { perDataVersion } from "@/lib/db/version-cache";

/** The database client or an open transaction. */
type Reader = Pick<Tx, "location" | "staffAssignment" | "parkingSlot">;

/**
 * The location a request without a locationId means where it must pick one (creating a
 * slot, the unscoped pricing rules): DEFAULT_LOCATION_SLUG when it names one, else the
 * first location created. Null on an empty network.
 */
export function defaultLocationId(reader: Reader = db): Promise<number | null> {
  return reader === db ? committedDefaultLocationId() : readDefaultLocationId(reader);
}

/** Outside a transaction: read again only when the database changed. */
const committedDefaultLocationId = perDataVersion("default-location", () =>
  readDefaultLocationId(db),
);

async function readDefaultLocationId(reader: Reader): Promise<number | null> {
  const slug = env().DEFAULT_LOCATION_SLUG;
  if (slug) {
    const named = await reader.location.findUnique({ where: { slug }, select: { id: true } });
    if (named) return named.id;
  }
  const first = await reader.location.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
  return first?.id ?? null;
}

export async function locationExists(id: number, reader: Reader = db): Promise<boolean> {
  if (reader === db) return (await committedLocationIds()).has(id);
  return (await reader.location.count({ where: { id } })) > 0;
}

/** Outside a transaction (every locationId-scoped read asks): read again only after a commit. */
const committedLocationIds = perDataVersion(
  "location-ids",
  async () =>
    new Set((await db.location.findMany({ select: { id: true } })).map((location) => location.id)),
);

/** The locations a staff user is assigned to. */
export async function assignedLocationIds(userId: number, reader: Reader = db): Promise<number[]> {
  const rows = await reader.staffAssignment.findMany({
    where: { userId },
    select: { locationId: true },
    orderBy: { locationId: "asc" },
  });
  return rows.map((row) => row.locationId);
}

/**
 * Whether the network has slots at a location other than `ids`. A location without slots
 * holds nothing network figures include, so opening one takes the network from nobody.
 */
export async function hasSlotsOutside(
  ids: readonly number[],
  reader: Reader = db,
): Promise<boolean> {
  const outside = await reader.parkingSlot.findFirst({
    where: { locationId: { notIn: [...ids] } },
    select: { id: true },
  });
  return outside !== null;
}

/** The location of a slot; null for an unknown slot. */
export async function slotLocationId(slotId: number, reader: Reader = db): Promise<number | null> {
  const slot = await reader.parkingSlot.findUnique({
    where: { id: slotId },
    select: { locationId: true },
  });
  return slot?.locationId ?? null;
}
