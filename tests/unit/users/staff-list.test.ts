// The staff list of the admin's assignment form: staff users only, by username, each with
// the locations they work at; for admins only.
import { describe, expect, it } from "vitest";
import { listStaffUsers } from "@/lib/users/queries";
import { setLocationStaff } from "@/lib/locations/service";
import {
  TEST_LOCATION_ID,
  createAdmin,
  createDriver,
  createStaff,
  expectAppError,
} from "../builders";

describe("listStaffUsers", () => {
  it("lists staff users with their locations, by username, to admins only", async () => {
    const admin = await createAdmin({ username: "boss" });
    await createDriver({ username: "alice" });
    const zoe = await createStaff({ username: "zoe" });
    const ann = await createStaff({ username: "ann" });
    await setLocationStaff(admin, TEST_LOCATION_ID, [zoe.id]);

    const staff = await listStaffUsers(admin);
    expect(staff.map((user) => [user.username, user.role, user.locationIds])).toEqual([
      ["ann", "staff", []],
      ["zoe", "staff", [TEST_LOCATION_ID]],
    ]);
    await expectAppError(listStaffUsers(zoe), "FORBIDDEN");
    await expectAppError(listStaffUsers({ id: ann.id, role: "driver" }), "FORBIDDEN");
  });
});
