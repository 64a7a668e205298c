// jsonExtending (app/api/_lib/handler.ts): the answer of json({ ...kept, ...fresh }), with
// the kept part's JSON made once per kept object.
import { describe, expect, it } from "vitest";
import { json, jsonExtending } from "@/app/api/_lib/handler";

async function answer(response: Response) {
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: await response.text(),
  };
}

describe("jsonExtending", () => {
  it("answers exactly what json() answers for the merged object", async () => {
    const kept = { total: 3, byZone: [{ zone: 'A "north"', total: 3 }], rate: 0.5 };
    const fresh = { updatedAt: "2026-12-07T06:00:00.000Z" };
    expect(await answer(jsonExtending(kept, fresh))).toEqual(
      await answer(json({ ...kept, ...fresh })),
    );
  });

  it("serializes the fresh part per answer, and a new kept object anew", async () => {
    const kept = { total: 3 };
    const first = await jsonExtending(kept, { at: 1 }).json();
    const second = await jsonExtending(kept, { at: 2 }).json();
    expect([first, second]).toEqual([
      { total: 3, at: 1 },
      { total: 3, at: 2 },
    ]);
    expect(await jsonExtending({ total: 4 }, { at: 3 }).json()).toEqual({ total: 4, at: 3 });
  });

  it("makes valid JSON when either part is empty", async () => {
    expect(await jsonExtending({}, { at: 1 }).json()).toEqual({ at: 1 });
    expect(await jsonExtending({ total: 1 }, {}).json()).toEqual({ total: 1 });
    expect(await jsonExtending({}, {}).text()).toBe("{}");
  });
});
