// How long the primary waits before it replaces a dead worker (server/primary.ts); the
// replacement itself is driven end to end in tests/procs/workers.test.ts.
import { describe, expect, it } from "vitest";
import { restartPauseMs } from "@/server/primary";

describe("restartPauseMs", () => {
  it("replaces a worker that served a while at once, one that died young after 1 s", () => {
    expect(restartPauseMs(false, 0)).toBe(0);
    expect(restartPauseMs(true, 0)).toBe(1_000);
  });

  it("doubles the pause with each replacement in a row that died before it was ready, up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartPauseMs(true, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    // A slow start that failed is not "old": it still waits.
    expect(restartPauseMs(false, 3)).toBe(4_000);
  });
});
