// The pages' search parameters: the API's field schemas, leniently (a bad value is left out).
import { describe, expect, it } from "vitest";
import { slotsQuerySchema } from "@/lib/validation/parking";
import {
  parseAnalyticsDays,
  parseAuditAction,
  parseDashboardFloor,
  parseGateLogView,
  parseReservationFilter,
  parseSlotFilter,
  slotSearchQuery,
} from "@/lib/validation/page-params";

describe("page search parameters", () => {
  const driver = { defaultState: "free" } as const;

  it("reads the /slots filters the API reads, with the price in dollars", () => {
    expect(
      parseSlotFilter(
        {
          q: " b-01 ",
          floor: "2",
          zone: " B ",
          type: "electric",
          state: "out_of_service",
          maxPrice: "4.50",
          offset: "48",
        },
        { locationId: 3, defaultState: "all" },
      ),
    ).toEqual({
      locationId: 3,
      q: "b-01",
      floor: 2,
      zone: "B",
      type: "electric",
      state: "out_of_service",
      maxPriceCents: 450,
      offset: 48,
    });
    expect(parseSlotFilter({ floor: ["-1", "3"] }, driver)).toEqual({
      floor: -1,
      state: "free",
      offset: 0,
    });
  });

  it("leaves out each value the API would refuse, and keeps the rest", () => {
    const bad = {
      q: "q".repeat(33),
      floor: "1001",
      zone: "z".repeat(33),
      type: "helicopter",
      offset: "-1",
      maxPrice: "-3",
      state: "closed",
    };
    expect(parseSlotFilter(bad, driver)).toEqual({ state: "free", offset: 0 });
    // The same values answer 400 from GET /api/slots: one rule for both.
    for (const [name, value] of Object.entries({
      q: bad.q,
      floor: bad.floor,
      zone: bad.zone,
      type: bad.type,
      offset: bad.offset,
      state: bad.state,
    })) {
      expect(slotsQuerySchema.safeParse({ [name]: value }).success, name).toBe(false);
    }
    expect(parseSlotFilter({ floor: "1.5", zone: "A", maxPrice: "abc" }, driver)).toEqual({
      zone: "A",
      state: "free",
      offset: 0,
    });
    expect(parseSlotFilter({}, { defaultState: "all" })).toEqual({ state: "all", offset: 0 });
  });

  it("asks the API for one page of the chosen state, the v1 query for free slots", () => {
    const filter = { locationId: 2, zone: "B", offset: 48 };
    expect(slotSearchQuery({ ...filter, state: "free" }, 48)).toEqual({
      ...filter,
      available: "true",
      limit: 48,
    });
    expect(slotSearchQuery({ ...filter, state: "all" }, 48)).toEqual({
      ...filter,
      available: "all",
      limit: 48,
    });
    const closed = slotSearchQuery({ ...filter, state: "out_of_service" }, 48);
    expect(closed).toEqual({ ...filter, available: "all", state: "out_of_service", limit: 48 });
    // What the page asks for is a query the API accepts as it is.
    const asQuery = Object.fromEntries(Object.entries(closed).map(([k, v]) => [k, String(v)]));
    expect(slotsQuerySchema.parse(asQuery)).toEqual(closed);
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

  it("reads the /gate log's filter and page, each on its own", () => {
    expect(parseGateLogView({ show: "denials", offset: "100" }, 50)).toEqual({
      show: "denials",
      offset: 100,
    });
    expect(parseGateLogView({}, 50)).toEqual({ show: "all", offset: 0 });
    // A bad value is left out; an offset between pages starts its page.
    expect(parseGateLogView({ show: "everything", offset: "-5" }, 50)).toEqual({
      show: "all",
      offset: 0,
    });
    expect(parseGateLogView({ show: "manual", offset: "73" }, 50)).toEqual({
      show: "manual",
      offset: 50,
    });
  });
});
