// A list's page and total (lib/db/pages.ts): the total is counted only when the page
// cannot tell it, and is the same either way.
import { describe, expect, it } from "vitest";
import { pageAndTotal } from "@/lib/db/pages";

/** A list of `size` items, paged as a query would, with its counts counted. */
function list(size: number) {
  const items = Array.from({ length: size }, (_, i) => i);
  const counted = { counts: 0 };
  const page = (limit: number, offset: number) =>
    pageAndTotal(
      { limit, offset },
      async () => items.slice(offset, offset + limit),
      async () => {
        counted.counts++;
        return items.length;
      },
    );
  return { page, counted };
}

describe("pageAndTotal", () => {
  it("takes the total from a first page that is not full, without counting", async () => {
    const { page, counted } = list(3);
    expect(await page(10, 0)).toEqual({ rows: [0, 1, 2], total: 3 });
    expect(await list(0).page(10, 0)).toEqual({ rows: [], total: 0 });
    expect(counted.counts).toBe(0);
  });

  it("takes the total from a last page that is not full, without counting", async () => {
    const { page, counted } = list(25);
    expect(await page(10, 20)).toEqual({ rows: [20, 21, 22, 23, 24], total: 25 });
    expect(counted.counts).toBe(0);
  });

  it("counts when the page is full or past the end", async () => {
    const { page, counted } = list(25);
    expect(await page(10, 0)).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], total: 25 });
    expect(await page(5, 20)).toEqual({ rows: [20, 21, 22, 23, 24], total: 25 });
    expect(await page(10, 40)).toEqual({ rows: [], total: 25 });
    expect(counted.counts).toBe(3);
  });
});
