// derivedAmong (lib/slots/model.ts): values kept per slot snapshot for a family of many
// possible keys (the search filters), weighing at most a budget together, the least
// recently used dropped first.
import { describe, expect, it } from "vitest";
import { derivedAmong, type SlotSnapshot } from "@/lib/slots/model";

function snapshot(token: string): SlotSnapshot {
  return { slots: [], token };
}

/** A value of `weight` for `key`, recording each computation in `computed`. */
function valueOf(s: SlotSnapshot, computed: string[], budget: number) {
  return (key: string, weight = 1) =>
    derivedAmong(s, "search", key, { budget, weigh: () => weight }, () => {
      computed.push(key);
      return { key };
    });
}

describe("derivedAmong", () => {
  it("computes a key once per snapshot, and again for a new snapshot", () => {
    const computed: string[] = [];
    const first = valueOf(snapshot("1"), computed, 10);
    const a = first("a");
    expect(first("a")).toBe(a);
    const second = valueOf(snapshot("2"), computed, 10);
    expect(second("a")).not.toBe(a);
    expect(computed).toEqual(["a", "a"]);
  });

  it("keeps what fits the budget, dropping the least recently used", () => {
    const computed: string[] = [];
    const value = valueOf(snapshot("1"), computed, 2);
    value("a");
    value("b");
    value("a"); // a is now the most recently used
    value("c"); // over the budget: drops b
    value("a");
    value("b"); // computed again; drops c
    value("c");
    expect(computed).toEqual(["a", "b", "c", "b", "c"]);
  });

  it("drops as many as a heavy value needs, and keeps one that alone is over", () => {
    const computed: string[] = [];
    const value = valueOf(snapshot("1"), computed, 4);
    value("a");
    value("b");
    value("c");
    value("heavy", 3); // 6 > 4: drops a and b
    value("c");
    value("huge", 9); // alone over the budget: kept, everything else dropped
    value("huge", 9);
    value("c");
    value("a");
    expect(computed).toEqual(["a", "b", "c", "heavy", "huge", "c", "a"]);
  });

  it("keeps each family's keys apart", () => {
    const s = snapshot("1");
    const weigh = () => 1;
    expect(derivedAmong(s, "one", "k", { budget: 2, weigh }, () => 1)).toBe(1);
    expect(derivedAmong(s, "two", "k", { budget: 2, weigh }, () => 2)).toBe(2);
    expect(derivedAmong(s, "one", "k", { budget: 2, weigh }, () => 3)).toBe(1);
  });
});
