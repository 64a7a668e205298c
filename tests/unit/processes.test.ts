// WEB_CONCURRENCY (lib/processes.ts): how many worker processes `npm start` runs.
import { describe, expect, it } from "vitest";
import { workerCount } from "@/lib/processes";

describe("workerCount", () => {
  it("defaults to one worker per CPU, at least one", () => {
    expect(workerCount(undefined, 8)).toBe(8);
    expect(workerCount("", 2)).toBe(2);
    expect(workerCount("  ", 0)).toBe(1);
  });

  it("takes a whole number from 1 to 256, 1 being one process as before", () => {
    expect(workerCount("1", 8)).toBe(1);
    expect(workerCount(" 3 ", 8)).toBe(3);
    expect(workerCount("256", 2)).toBe(256);
  });

  it("refuses anything else with a message naming the variable", () => {
    for (const value of ["0", "-1", "1.5", "two", "257", "1e2", "0x2"]) {
      expect(() => workerCount(value, 2)).toThrow(/WEB_CONCURRENCY must be a whole number/);
    }
  });
});
