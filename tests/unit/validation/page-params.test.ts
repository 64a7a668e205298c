// The pages' search parameters: the API's field schemas, leniently (a bad value is left out).
import { describe, expect, it } from "vitest";
import { slotsQuerySchema } from "@/lib/validation/parking";
import {
  parseAnalyticsDays,
  parseAuditAction,
  parseDashboardFloor,
  parseReservationFilter,
  parseSlotFilter,
} from "@/lib/validation/page-params";

describe("page search parameters", () => {
  it("reads the /slots filters the API reads, with the price in dollars", () => {
    expect(
      parseSlotFilter({ floor: "2", zone: " B ", type: "electric", maxPrice: "4.50" }),
    ).toEqual({ floor: 2, zone: "B", type: "electric", maxPriceCents: 450 });
    expect(parseSlotFilter({ floor: ["-1", "3"] })).toEqual({ floor: -1 });
  });

  it("leaves out each value the API would refuse, and keeps the rest", () => {
    const bad = {
      floor: "1001",
      zone: "z".repeat(33),
      type: "helicopter",
      maxPrice: "-3",
    };
    expect(parseSlotFilter(bad)).toEqual({});
    // The same values answer 400 from GET /api/slots: one rule for both.
    for (const [name, value] of Object.entries({
      floor: bad.floor,
      zone: bad.zone,
      type: bad.type,
    })) {
      expect(slotsQuerySchema.safeParse({ [name]: value }).success, name).toBe(false);
    }
    expect(parseSlotFilter({ floor: "1.5", zone: "A", maxPrice: "abc" })).toEqual({ zone: "A" });
    expect(parseSlotFilter({})).toEqual({});
  });

  it("picks the dashboard floor among the garage's floors, else the lowest", () => {
    expect(parseDashboardFloor({ floor: "2" }, [1, 2, 3])).toBe(2);
    expect(parseDashboardFloor({ floor: "9" }, [3, 1, 2])).toBe(1);
    expect(parseDashboardFloor({ floor: "x" }, [0, -1])).toBe(-1);
    expect(parseDashboardFloor({}, [])).toBeNull();
  });

  it("reads the reservation filters, all statuses by default", () => {
    expect(parseReservationFilter({ status: "active", userId: "7" })).toEqual({
      status: "active",
      userId: 7,
    });
    expect(parseReservationFilter({ status: "lost", userId: "0" })).toEqual({ status: "all" });
    expect(parseReservationFilter({ userId: "2147483648" })).toEqual({ status: "all" });
  });

  it("scopes the reservation filters to the chosen location, by slug", () => {
    const locations = [
      { id: 1, slug: "city-centre" },
      { id: 2, slug: "riverside-mall" },
    ];
    expect(parseReservationFilter({ location: "riverside-mall" }, locations)).toEqual({
      status: "all",
      locationId: 2,
    });
    // Unknown or empty: the whole network.
    expect(parseReservationFilter({ location: "nowhere" }, locations)).toEqual({ status: "all" });
    expect(parseReservationFilter({ location: "" }, locations)).toEqual({ status: "all" });
  });

  it("reads the audit action and the analytics range", () => {
    expect(parseAuditAction({ action: "slot_update" })).toBe("slot_update");
    expect(parseAuditAction({ action: "drop_tables" })).toBeUndefined();
    expect(parseAnalyticsDays({ days: "90" })).toBe(90);
    expect(parseAnalyticsDays({ days: "45" })).toBe(30);
    expect(parseAnalyticsDays({ days: "1e3" })).toBe(30);
    expect(parseAnalyticsDays({})).toBe(30);
  });
});
