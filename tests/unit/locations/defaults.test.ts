// DEFAULT_LOCATION_NAME / DEFAULT_LOCATION_TZ name the location an upgrade moved the data
// into, and never overwrite what an admin has set since.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { applyDefaultLocationSettings } from "@/lib/locations/defaults";
import { unique } from "../builders";

async function migratedLocation() {
  // The unit template's location stands in for another one here: a fresh "main" row as
  // the migration creates it.
  await db.location.updateMany({ where: { slug: "main" }, data: { slug: `old-${unique()}` } });
  return db.location.create({
    data: { slug: "main", name: "Main garage", address: "", timeZone: "UTC" },
  });
}

describe("applyDefaultLocationSettings", () => {
  it("names the migrated location and gives it its time zone", async () => {
    const location = await migratedLocation();
    const changed = await applyDefaultLocationSettings({
      name: "Harbour garage",
      timeZone: "Europe/Dublin",
    });
    expect(changed).toBe(true);
    expect(await db.location.findUniqueOrThrow({ where: { id: location.id } })).toMatchObject({
      name: "Harbour garage",
      timeZone: "Europe/Dublin",
    });
  });

  it("leaves a location an admin has renamed alone, and the defaults change nothing", async () => {
    const location = await migratedLocation();
    await db.location.update({ where: { id: location.id }, data: { name: "Renamed" } });
    expect(await applyDefaultLocationSettings({ name: "X", timeZone: "Asia/Tokyo" })).toBe(false);
    expect(await applyDefaultLocationSettings({ name: "Main garage", timeZone: "UTC" })).toBe(
      false,
    );
    expect(await db.location.findUniqueOrThrow({ where: { id: location.id } })).toMatchObject({
      name: "Renamed",
      timeZone: "UTC",
    });
  });

  it("refuses a time zone that is not IANA, changing nothing", async () => {
    await migratedLocation();
    await expect(
      applyDefaultLocationSettings({ name: "Y", timeZone: "Mars/Base" }),
    ).rejects.toThrow(/IANA/);
    expect(await db.location.count({ where: { slug: "main", name: "Main garage" } })).toBe(1);
  });
});
