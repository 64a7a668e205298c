// The admin's changes to the network: locations, who works where, users' roles; each one
// audited, refused ones writing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createLocation,
  getLocation,
  listLocations,
  setLocationStaff,
  updateLocation,
} from "@/lib/locations/service";
import { setUserRole } from "@/lib/users/service";
import { createLocationBodySchema, timeZoneSchema } from "@/lib/validation/locations";
import { findUserById } from "@/lib/users/queries";
import { requireReservationAccess, requireStaffAt } from "@/lib/auth/access";
import {
  TEST_LOCATION_ID,
  createAdmin,
  createDriver,
  createSlot,
  createStaff,
  databaseSnapshot,
  expectAppError,
  unique,
  type TestUser,
} from "../builders";

let admin: TestUser;
let staff: TestUser;
let driver: TestUser;

beforeAll(async () => {
  admin = await createAdmin();
  staff = await createStaff();
  driver = await createDriver();
});

const input = (slug: string) =>
  createLocationBodySchema.parse({
    slug,
    name: `Garage ${slug}`,
    address: "1 Example Street",
    timeZone: "Europe/London",
  });

describe("locations", () => {
  it("an admin creates one; it is listed by name with its slot counts", async () => {
    const created = await createLocation(admin, input(`north-${unique()}`));
    expect(created).toMatchObject({ timeZone: "Europe/London", requiresCheckIn: false });
    expect(created).toMatchObject({ totalSlots: 0, available: 0 });
    await createSlot({ locationId: created.id });
    await createSlot({ locationId: created.id, outOfService: true });
    expect(await getLocation(created.id)).toMatchObject({ totalSlots: 2, available: 1 });
    const names = (await listLocations()).map((location) => location.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain(created.name);
    const entry = await db.auditLogEntry.findFirst({
      where: { action: "location_create", targetId: created.id },
    });
    expect(entry?.actorId).toBe(admin.id);
  });

  it("refuses a taken slug with 409, and staff or drivers with 403, writing nothing", async () => {
    const slug = `dup-${unique()}`;
    await createLocation(admin, input(slug));
    const before = await databaseSnapshot();
    await expectAppError(createLocation(admin, input(slug)), "CONFLICT");
    await expectAppError(createLocation(staff, input(`x-${unique()}`)), "FORBIDDEN");
    await expectAppError(createLocation(driver, input(`y-${unique()}`)), "FORBIDDEN");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("takes IANA time zones in their canonical spelling and refuses others", () => {
    expect(timeZoneSchema.parse("America/New_York")).toBe("America/New_York");
    expect(timeZoneSchema.parse("utc")).toBe("UTC");
    expect(timeZoneSchema.safeParse("Mars/Olympus_Mons").success).toBe(false);
    expect(timeZoneSchema.safeParse("").success).toBe(false);
  });

  it("an admin changes its settings; an unknown id is 404", async () => {
    const created = await createLocation(admin, input(`south-${unique()}`));
    const changed = await updateLocation(admin, created.id, {
      name: "South garage",
      timeZone: "America/New_York",
      requiresCheckIn: true,
    });
    expect(changed).toMatchObject({ name: "South garage", timeZone: "America/New_York" });
    expect(changed.requiresCheckIn).toBe(true);
    await expectAppError(updateLocation(admin, 999_999, { name: "x" }), "NOT_FOUND");
    await expectAppError(updateLocation(staff, created.id, { name: "x" }), "FORBIDDEN");
  });
});

describe("staff assignments", () => {
  it("assign exactly the staff named; staff reach that location and no other", async () => {
    const location = await createLocation(admin, input(`east-${unique()}`));
    const colleague = await createStaff();
    await expectAppError(requireStaffAt(colleague, location.id), "FORBIDDEN");
    const result = await setLocationStaff(admin, location.id, [colleague.id, staff.id]);
    expect(result.staffUserIds).toEqual([colleague.id, staff.id].sort((a, b) => a - b));
    await requireStaffAt(colleague, location.id);
    expect((await findUserById(colleague.id))?.locationIds).toEqual([
      TEST_LOCATION_ID,
      location.id,
    ]);
    // Replaced, not added to.
    await setLocationStaff(admin, location.id, [staff.id]);
    await expectAppError(requireStaffAt(colleague, location.id), "FORBIDDEN");
    await requireStaffAt(admin, location.id);
  });

  it("refuses a user who is not staff (400 naming userIds), writing nothing", async () => {
    const location = await createLocation(admin, input(`west-${unique()}`));
    const before = await databaseSnapshot();
    const error = await expectAppError(
      setLocationStaff(admin, location.id, [staff.id, driver.id]),
      "VALIDATION_ERROR",
    );
    expect(error.details).toEqual([expect.objectContaining({ path: "userIds" })]);
    await expectAppError(setLocationStaff(admin, 999_999, []), "NOT_FOUND");
    expect(await databaseSnapshot()).toEqual(before);
  });

  it("staff act on reservations at their locations only; drivers on their own", async () => {
    const elsewhere = await createLocation(admin, input(`far-${unique()}`));
    const own = { id: 1, userId: driver.id, locationId: elsewhere.id };
    await requireReservationAccess(driver, own);
    await expectAppError(requireReservationAccess(staff, own), "FORBIDDEN");
    await requireReservationAccess(admin, own);
    const other = await createDriver();
    await expectAppError(requireReservationAccess(other, own), "NOT_FOUND");
    await requireReservationAccess(staff, { ...own, locationId: TEST_LOCATION_ID });
  });
});

describe("roles", () => {
  it("an admin makes a user staff or admin; leaving staff drops the assignments", async () => {
    const user = await createDriver();
    expect((await setUserRole(admin, user.id, "staff")).role).toBe("staff");
    const location = await createLocation(admin, input(`r-${unique()}`));
    await setLocationStaff(admin, location.id, [user.id]);
    expect((await findUserById(user.id))?.locationIds).toEqual([location.id]);
    const promoted = await setUserRole(admin, user.id, "admin");
    expect(promoted).toMatchObject({ role: "admin", locationIds: [] });
    expect(await db.staffAssignment.count({ where: { userId: user.id } })).toBe(0);
    const entries = await db.auditLogEntry.count({
      where: { action: "user_role_change", targetId: user.id },
    });
    expect(entries).toBe(2);
    await expectAppError(setUserRole(staff, user.id, "driver"), "FORBIDDEN");
    await expectAppError(setUserRole(admin, 999_999, "driver"), "NOT_FOUND");
  });

  it("the last admin cannot stop being one, also when two admins demote each other at once", async () => {
    // Every other admin of this database steps down first.
    const others = await db.user.findMany({ where: { role: "admin", id: { not: admin.id } } });
    for (const other of others) await setUserRole(admin, other.id, "driver");
    const second = await createDriver();
    await setUserRole(admin, second.id, "admin");
    const results = await Promise.allSettled([
      setUserRole(admin, second.id, "driver"),
      setUserRole({ id: second.id, role: "admin" }, admin.id, "driver"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    const [last] = await db.user.findMany({ where: { role: "admin" } });
    const lastActor = { id: last!.id, role: "admin" as const };
    await expectAppError(setUserRole(lastActor, last!.id, "staff"), "CONFLICT");
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });
});
