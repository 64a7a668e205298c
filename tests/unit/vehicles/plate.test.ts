// The one plate rule: upper case, letters and digits only, 2..10 after normalizing.
import { describe, expect, it } from "vitest";
import { normalizePlate, plateSchema } from "@/lib/vehicles/plate";

describe("normalizePlate", () => {
  it("drops spaces, dashes and dots and upper-cases", () => {
    expect(normalizePlate("ab-12 cde")).toBe("AB12CDE");
    expect(normalizePlate(" alice1 ")).toBe("ALICE1");
    expect(normalizePlate("b.o.b-1")).toBe("BOB1");
  });

  it("keeps the length bounds after normalizing", () => {
    expect(normalizePlate("A1")).toBe("A1");
    expect(normalizePlate("A")).toBeNull();
    expect(normalizePlate("A - -")).toBeNull();
    expect(normalizePlate("ABCDEFGHIJ")).toBe("ABCDEFGHIJ");
    expect(normalizePlate("ABCDEFGHIJK")).toBeNull();
    expect(normalizePlate("")).toBeNull();
  });

  it("refuses other characters rather than silently dropping them", () => {
    for (const raw of ["AB_12", "AB/12", "ÄB12", "AB12\u0000", "<b>12", "１２AB"]) {
      expect(normalizePlate(raw), raw).toBeNull();
    }
    expect(normalizePlate("A".repeat(33))).toBeNull();
  });

  it("the request schema answers the normalized plate or a validation issue", () => {
    expect(plateSchema.parse("ka 01-ab")).toBe("KA01AB");
    expect(plateSchema.safeParse("x").success).toBe(false);
    expect(plateSchema.safeParse(12).success).toBe(false);
  });
});
