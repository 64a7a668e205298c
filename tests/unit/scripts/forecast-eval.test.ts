// `npm run forecast:eval`: the parser and evaluation, and the CLI spawned as a user runs it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CsvFormatError,
  evaluateParks,
  hourlySeries,
  parseParkingCsv,
  parseTimestamp,
} from "@/scripts/csv-eval";
import { projectRoot, testTmpDir } from "../../setup/paths";

const FIXTURE = path.join(projectRoot, "tests/fixtures/carparks-sample.csv");
const HEADER = "SystemCodeNumber,Capacity,Occupancy,LastUpdated";

function runCli(...args: string[]) {
  const result = spawnSync(
    path.join(projectRoot, "node_modules/.bin/tsx"),
    ["scripts/forecast-eval.ts", ...args],
    { cwd: projectRoot, encoding: "utf8", timeout: 60_000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempCsv(name: string, text: string): string {
  fs.mkdirSync(testTmpDir, { recursive: true });
  const file = path.join(testTmpDir, `${process.pid}-${name}.csv`);
  fs.writeFileSync(file, text);
  return file;
}

describe("car-park CSV parsing", () => {
  it("reads timestamps as given, and refuses impossible ones", () => {
    expect(parseTimestamp("2016-10-04 07:59:42")).toBe(Date.UTC(2016, 9, 4, 7, 59, 42));
    expect(parseTimestamp("2016-02-30 08:00:00")).toBeNull();
    expect(parseTimestamp("2016-13-01 08:00:00")).toBeNull();
    expect(parseTimestamp("yesterday")).toBeNull();
  });

  it("counts and skips bad rows, and averages readings per hour", () => {
    const parsed = parseParkingCsv(
      [
        HEADER,
        "P1,100,20,2016-10-04 08:00:10",
        "P1,100,40,2016-10-04 08:30:10",
        "P1,100,120,2016-10-04 09:00:10", // above capacity
        "P1,100,-1,2016-10-04 09:30:10", // negative
        "P1,100,50,2016-10-04 25:00:00", // no such hour
        "P1,100,60,2016-10-04 10:29:59",
        "",
      ].join("\r\n"),
    );
    expect(parsed.rows).toBe(6);
    expect(parsed.used).toBe(3);
    expect(parsed.skipped).toMatchObject({
      occupancyAboveCapacity: 1,
      negative: 1,
      unparsableDate: 1,
    });
    const series = hourlySeries(parsed.parks.get("P1")!);
    expect(series.start).toBe(Date.UTC(2016, 9, 4, 8));
    expect(series.values).toHaveLength(3);
    expect(series.values[0]).toBeCloseTo(0.3, 12);
    expect(series.values[1]).toBeNull();
    expect(series.values[2]).toBeCloseTo(0.6, 12);
  });

  it("reads quoted fields, with commas and doubled quotes inside", () => {
    const parsed = parseParkingCsv(
      [
        `"SystemCodeNumber","Capacity","Occupancy","LastUpdated"`,
        `"Car Park, North",100,25,2016-10-04 08:00:10`,
        `"The ""Old"" Yard","200","50","2016-10-04 08:10:00"`,
      ].join("\n"),
    );
    expect(parsed.used).toBe(2);
    expect([...parsed.parks.keys()]).toEqual(["Car Park, North", 'The "Old" Yard']);
    expect(parsed.parks.get("Car Park, North")).toEqual([
      { time: Date.UTC(2016, 9, 4, 8, 0, 10), rate: 0.25 },
    ]);
    expect(() => parseParkingCsv(`${HEADER}\nP1,100,20,"2016-10-04 08:00:10\n`)).toThrow(
      CsvFormatError,
    );
  });

  it("names the line of a malformed file", () => {
    expect(() => parseParkingCsv("Park,Capacity,Occupancy,LastUpdated\n")).toThrow(
      new CsvFormatError(1, `expected the header "${HEADER}"`),
    );
    expect(() => parseParkingCsv(`${HEADER}\nP1,100,20,2016-10-04 08:00:10\nP1,100,20\n`)).toThrow(
      /^line 3: expected 4 columns, found 3$/,
    );
  });

  it("scores the last 20% of each park's hours, where the model beats both baselines", () => {
    const parsed = parseParkingCsv(fs.readFileSync(FIXTURE, "utf8"));
    const evaluation = evaluateParks(parsed);
    expect(evaluation.parks.map((p) => p.park)).toEqual(["BHMBCCMKT01", "NIA South"]);
    for (const park of evaluation.parks) {
      const first = Math.min(...parsed.parks.get(park.park)!.map((r) => r.time));
      const split = Math.floor(first / 3_600_000) + Math.floor(park.hours * 0.8);
      expect(park.testFrom).toBe(new Date(split * 3_600_000).toISOString());
      expect(park.errors.model.points).toBeGreaterThan(0);
      expect(park.errors.model.mae!).toBeLessThan(park.errors.hourOfDay.mae!);
      expect(park.errors.model.mae!).toBeLessThan(park.errors.seasonalNaive.mae!);
    }
    expect(evaluation.overall.model.points).toBe(
      evaluation.parks.reduce((sum, p) => sum + p.errors.model.points, 0),
    );
  });
});

describe("npm run forecast:eval (spawned)", () => {
  it("prints MAE and MAPE per park and overall for a good file", () => {
    const { status, stdout, stderr } = runCli(FIXTURE);
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/1229 read, 1224 used, 5 skipped/);
    for (const label of ["BHMBCCMKT01", "NIA South", "OVERALL", "model MAE", "hour-of-day MAE"]) {
      expect(stdout).toContain(label);
    }
    expect(stdout).toContain("seasonal-naive MAE");
    expect(stdout).toMatch(/OVERALL\s+\d+\s+\d+\s+0\.\d{4}\s+\d+\.\d%/);
  });

  it("exits non-zero naming the line for a bad header", () => {
    const file = tempCsv(
      "bad-header",
      "Code,Capacity,Occupancy,Updated\nP1,1,1,2016-10-04 08:00:00\n",
    );
    const { status, stderr } = runCli(file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}:1: malformed file: line 1: expected the header`);
  });

  it("exits non-zero naming the line for a row with the wrong column count", () => {
    const file = tempCsv(
      "bad-columns",
      `${HEADER}\nP1,100,20,2016-10-04 08:00:00\nP1,100,20,2016-10-04 08:30:00\nP1,100,20,2016-10-04,09:00:00\n`,
    );
    const { status, stderr } = runCli(file);
    expect(status).toBe(1);
    expect(stderr).toContain("line 4: expected 4 columns, found 5");
  });

  it("exits non-zero without a file, or with one it cannot read", () => {
    expect(runCli().status).toBe(2);
    expect(runCli(path.join(testTmpDir, "no-such-file.csv")).status).toBe(2);
  });
});
