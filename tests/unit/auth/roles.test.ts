// Where staff powers reach: the rule the server's requireStaffAt applies and the browser
// uses to offer a location's staff actions.
import { describe, expect, it } from "vitest";
import { isStaffRole, worksAt } from "@/lib/auth/roles";

describe("roles", () => {
  it("counts staff and admins as staff", () => {
    expect([isStaffRole("staff"), isStaffRole("admin"), isStaffRole("driver")]).toEqual([
      true,
      true,
      false,
    ]);
    expect(isStaffRole(null)).toBe(false);
  });

  it("reaches an admin's every location and a staff user's assigned ones only", () => {
    expect(worksAt({ role: "admin", locationIds: [] }, 7)).toBe(true);
    expect(worksAt({ role: "staff", locationIds: [2, 7] }, 7)).toBe(true);
    expect(worksAt({ role: "staff", locationIds: [2] }, 7)).toBe(false);
    expect(worksAt({ role: "staff", locationIds: [] }, 7)).toBe(false);
    // A driver works nowhere, whatever ids it carries.
    expect(worksAt({ role: "driver", locationIds: [7] }, 7)).toBe(false);
  });
});
