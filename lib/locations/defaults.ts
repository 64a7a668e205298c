// The location an upgraded database's data moved into is created by the migration as
// slug "main", "Main garage", UTC. At start, DEFAULT_LOCATION_NAME / DEFAULT_LOCATION_TZ
// name it and give it its time zone, only while it still carries those defaults: a name or
// zone an admin has set since is never overwritten.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { timeZoneSchema } from "@/lib/validation/locations";

const MIGRATED = { slug: "main", name: "Main garage", timeZone: "UTC" } as const;

/** Returns whether it changed the migrated location. Settings: from the environment. */
export async function applyDefaultLocationSettings(
  settings: { name: string; timeZone: string } = {
    name: env().DEFAULT_LOCATION_NAME,
    timeZone: env().DEFAULT_LOCATION_TZ,
  },
): Promise<boolean> {
  const { name, timeZone: zone } = settings;
  const timeZone = timeZoneSchema.safeParse(zone);
  if (!timeZone.success) {
    throw new Error(`DEFAULT_LOCATION_TZ=${zone} is not an IANA time zone (e.g. Europe/London).`);
  }
  if (name === MIGRATED.name && timeZone.data === MIGRATED.timeZone) return false;
  // Conditional on the defaults: one statement, whoever else changes it meanwhile.
  const { count } = await db.location.updateMany({
    where: MIGRATED,
    data: { name, timeZone: timeZone.data },
  });
  return count > 0;
}
