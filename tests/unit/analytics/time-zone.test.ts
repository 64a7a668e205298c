// The cached offset function against Intl itself, local midnights, and the forecast on a
// location's local clock across a clock change.
import { describe, expect, it } from "vitest";
import {
  intlOffsetMinutes,
  localHourOf,
  localMidnight,
  offsetMinutes,
  shiftRuns,
} from "@/lib/analytics/time-zone";
import { forecastAndBacktest } from "@/lib/analytics/forecast-step";

const HOUR_MS = 3_600_000;
const ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"];

describe("time zones", () => {
  it.each(ZONES)("%s: the cached offset equals Intl's for every hour of 2026", (zone) => {
    const start = Date.parse("2026-01-01T00:00:00Z");
    for (let at = start; at < start + 365 * 24 * HOUR_MS; at += HOUR_MS) {
      expect(offsetMinutes(zone, at)).toBe(intlOffsetMinutes(zone, at));
    }
  });

  it.each(ZONES)("%s: shift runs cover a range and place every hour as Intl does", (zone) => {
    // From a mid-day hour to another, across both of 2026's clock changes where the zone has them.
    const first = Date.parse("2026-01-03T17:00:00Z");
    const last = Date.parse("2026-12-29T06:00:00Z");
    const runs = shiftRuns(zone, first, last);
    expect(runs[0]!.from).toBe(first);
    expect(runs.at(-1)!.to).toBe(last);
    runs.forEach((run, i) => {
      expect(run.to).toBeGreaterThanOrEqual(run.from);
      if (i > 0) {
        expect(run.from).toBe(runs[i - 1]!.to + HOUR_MS);
        expect(run.shift).not.toBe(runs[i - 1]!.shift);
      }
      for (let at = run.from; at <= run.to; at += HOUR_MS) {
        const local = new Date(at + intlOffsetMinutes(zone, at) * 60_000);
        const wallHour = Math.floor(local.getTime() / HOUR_MS);
        expect(at / HOUR_MS + run.shift).toBe(wallHour);
      }
    });
    expect(runs.length).toBe(zone === "UTC" || zone === "Asia/Kolkata" ? 1 : 3);
  });

  it("puts a UTC hour in the local hour containing its start", () => {
    expect(localHourOf("Europe/London", Date.parse("2026-10-25T00:00:00Z"))).toEqual({
      date: "2026-10-25",
      hour: 1,
    });
    expect(localHourOf("Europe/London", Date.parse("2026-10-25T01:00:00Z"))).toEqual({
      date: "2026-10-25",
      hour: 1,
    });
    // +05:30: 18:00 UTC starts at 23:30, 19:00 UTC at 00:30 the next day.
    expect(localHourOf("Asia/Kolkata", Date.parse("2026-03-10T18:00:00Z"))).toEqual({
      date: "2026-03-10",
      hour: 23,
    });
    expect(localHourOf("Asia/Kolkata", Date.parse("2026-03-10T19:00:00Z"))).toEqual({
      date: "2026-03-11",
      hour: 0,
    });
  });

  it("finds local midnights on and around clock changes", () => {
    const iso = (zone: string, date: string) => new Date(localMidnight(zone, date)).toISOString();
    expect(iso("Europe/London", "2026-03-29")).toBe("2026-03-29T00:00:00.000Z");
    expect(iso("Europe/London", "2026-03-30")).toBe("2026-03-29T23:00:00.000Z");
    expect(iso("Europe/London", "2026-10-25")).toBe("2026-10-24T23:00:00.000Z");
    expect(iso("Europe/London", "2026-10-26")).toBe("2026-10-26T00:00:00.000Z");
    expect(iso("America/New_York", "2026-03-08")).toBe("2026-03-08T05:00:00.000Z");
    expect(iso("America/New_York", "2026-03-09")).toBe("2026-03-09T04:00:00.000Z");
    expect(iso("Asia/Kolkata", "2026-03-11")).toBe("2026-03-10T18:30:00.000Z");
    // America/Santiago skips midnight when its clocks go forward (6 September 2026).
    expect(iso("America/Santiago", "2026-09-06")).toBe("2026-09-06T04:00:00.000Z");
  });
});

describe("the forecast on the local clock", () => {
  // Five slots busy at 08:00 London time every day for five weeks across 29 March: 08:00
  // UTC before the change, 07:00 UTC after.
  const start = Date.parse("2026-03-01T00:00:00Z");
  const nextHour = Date.parse("2026-04-05T00:00:00Z");
  const history = Array.from({ length: (nextHour - start) / HOUR_MS }, (_, i) =>
    localHourOf("Europe/London", start + i * HOUR_MS).hour === 8 ? 5 : 0,
  );
  const input = { start, nextHour, history, booked: [], inService: 10 };

  it("keeps a location's rhythm at its local hour after a clock change", () => {
    const { forecast } = forecastAndBacktest({ ...input, timeZone: "Europe/London" });
    expect(forecast).toHaveLength(24);
    expect(forecast[0]!.time).toBe("2026-04-05T00:00:00.000Z");
    expect(forecast[7]).toMatchObject({ time: "2026-04-05T07:00:00.000Z", predictedOccupied: 5 });
    expect(forecast[8]!.predictedOccupied).toBe(0);
  });

  it("would smear it on the UTC clock (the network's view)", () => {
    const { forecast } = forecastAndBacktest({ ...input, timeZone: null });
    expect(forecast[7]!.predictedOccupied).toBeLessThan(4);
    expect(forecast[8]!.predictedOccupied).toBeGreaterThan(1);
  });
});
