// Times on screen: a location's zone, labelled with its abbreviation at that instant
// (components/ui/time.tsx), the same text on the server and in any browser.
import { describe, expect, test } from "vitest";
import {
  formatDateTime,
  formatTimeOfDay,
  hourInZone,
  monthDayInZone,
  zoneAbbreviation,
  zoneAbbreviationsBetween,
  zoneOf,
} from "@/components/ui/time";

describe("formatDateTime", () => {
  test("London across the October change: BST before, GMT after", () => {
    // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
    expect(formatDateTime("2026-10-24T08:00:00.000Z", "Europe/London")).toBe(
      "24 Oct 2026, 09:00 BST",
    );
    expect(formatDateTime("2026-10-25T00:59:00.000Z", "Europe/London")).toBe(
      "25 Oct 2026, 01:59 BST",
    );
    expect(formatDateTime("2026-10-25T01:00:00.000Z", "Europe/London")).toBe(
      "25 Oct 2026, 01:00 GMT",
    );
    expect(formatDateTime("2026-10-26T08:00:00.000Z", "Europe/London")).toBe(
      "26 Oct 2026, 08:00 GMT",
    );
  });

  test("New York in winter is EST, in summer EDT, on its own calendar day", () => {
    expect(formatDateTime("2026-12-05T19:30:00.000Z", "America/New_York")).toBe(
      "5 Dec 2026, 14:30 EST",
    );
    expect(formatDateTime("2026-12-06T02:15:00.000Z", "America/New_York")).toBe(
      "5 Dec 2026, 21:15 EST",
    );
    expect(formatDateTime("2026-07-01T12:00:00.000Z", "America/New_York")).toBe(
      "1 Jul 2026, 08:00 EDT",
    );
  });

  test("network views: UTC, labelled UTC, midnight as 00", () => {
    expect(formatDateTime("2026-12-05T00:05:00.000Z")).toBe("5 Dec 2026, 00:05 UTC");
    expect(formatDateTime("2026-12-05T00:05:00.000Z", "UTC")).toBe("5 Dec 2026, 00:05 UTC");
  });

  test("a zone English has no abbreviation for is labelled with its offset", () => {
    expect(formatDateTime("2026-12-05T00:30:00.000Z", "Asia/Tokyo")).toBe(
      "5 Dec 2026, 09:30 GMT+9",
    );
    expect(zoneAbbreviation("Europe/Berlin", new Date("2026-07-01T00:00:00Z"))).toBe("CEST");
  });
});

describe("times of day and hours", () => {
  test("formatTimeOfDay labels the zone", () => {
    expect(formatTimeOfDay("2026-12-05T09:00:00.000Z", "Europe/London")).toBe("09:00 GMT");
    expect(formatTimeOfDay("2026-12-05T19:30:00.000Z", "America/New_York")).toBe("14:30 EST");
    expect(formatTimeOfDay("2026-06-05T09:00:00.000Z", "Europe/London")).toBe("10:00 BST");
  });

  test("hour and day of an instant in a zone", () => {
    expect(hourInZone("2026-12-05T03:00:00.000Z", "America/New_York")).toBe(22);
    expect(monthDayInZone("2026-12-05T03:00:00.000Z", "America/New_York")).toBe("12-04");
    expect(hourInZone("2026-12-05T00:00:00.000Z")).toBe(0);
  });

  test("a range across the October change names both abbreviations, in order", () => {
    const label = (from: string, to: string) =>
      zoneAbbreviationsBetween("Europe/London", new Date(from), new Date(to));
    expect(label("2026-09-01T00:00:00Z", "2026-12-01T00:00:00Z")).toBe("BST/GMT");
    expect(label("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z")).toBe("GMT");
    expect(zoneAbbreviationsBetween("UTC", new Date("2026-01-01"), new Date("2026-12-01"))).toBe(
      "UTC",
    );
  });

  test("a reservation's zone is its location's, UTC when unknown", () => {
    const zones = { 1: "Europe/London", 2: "America/New_York" };
    expect(zoneOf(zones, 2)).toBe("America/New_York");
    expect(zoneOf(zones, 9)).toBe("UTC");
    expect(zoneOf(undefined, 1)).toBe("UTC");
  });
});
