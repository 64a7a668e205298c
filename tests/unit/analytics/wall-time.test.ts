// Wall-clock times in a location's zone, as the reserve dialog's "later" input gives them:
// the instant each names, across both changes of the clocks.
import { describe, expect, it } from "vitest";
import { instantOfWallTime, wallTimeAt } from "@/lib/analytics/time-zone";

const at = (iso: string) => Date.parse(iso);

describe("instantOfWallTime", () => {
  it("reads the time in the zone's offset of that day", () => {
    expect(instantOfWallTime("Europe/London", "2026-12-06T10:00")).toBe(at("2026-12-06T10:00Z"));
    expect(instantOfWallTime("Europe/London", "2026-07-06T10:00")).toBe(at("2026-07-06T09:00Z"));
    expect(instantOfWallTime("America/New_York", "2026-12-06T10:00")).toBe(at("2026-12-06T15:00Z"));
    expect(instantOfWallTime("Asia/Kolkata", "2026-12-06T10:00")).toBe(at("2026-12-06T04:30Z"));
    expect(instantOfWallTime("UTC", "2026-12-06T10:00")).toBe(at("2026-12-06T10:00Z"));
  });

  it("takes the earlier instant of a time the clocks pass twice, and moves a skipped one on", () => {
    // London, 25 Oct 2026: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
    expect(instantOfWallTime("Europe/London", "2026-10-25T01:30")).toBe(at("2026-10-25T00:30Z"));
    // London, 29 Mar 2026: 01:30 does not exist; it is read as 02:30 BST.
    const skipped = instantOfWallTime("Europe/London", "2026-03-29T01:30")!;
    expect(skipped).toBe(at("2026-03-29T01:30Z"));
    expect(wallTimeAt("Europe/London", skipped)).toBe("2026-03-29T02:30");
  });

  it("is the inverse of wallTimeAt, and refuses what is not a wall time", () => {
    for (const iso of ["2026-12-06T15:45:00Z", "2026-07-01T23:15:00Z"]) {
      for (const zone of ["Europe/London", "America/New_York", "Asia/Tokyo"]) {
        expect(instantOfWallTime(zone, wallTimeAt(zone, at(iso)))).toBe(at(iso));
      }
    }
    for (const bad of ["", "tomorrow", "2026-12-06", "2026-13-06T10:00", "2026-12-06T10:00Z"]) {
      expect(instantOfWallTime("Europe/London", bad)).toBeNull();
    }
  });
});
