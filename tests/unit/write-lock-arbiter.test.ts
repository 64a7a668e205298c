// The primary's arbiter of the machine's SQLite write lock (server/write-lock-arbiter.ts):
// one holder at a time, first come first served, taken back from a worker that exits.
import type { Worker } from "node:cluster";
import { describe, expect, it } from "vitest";
import { WRITE_LOCK_MESSAGE, type WriteLockMessage } from "@/lib/processes";
import { WriteLockArbiter } from "@/server/write-lock-arbiter";

/** A stand-in for node:cluster's Worker: records what the primary sends it. */
function worker(): Worker & { granted: number[] } {
  const granted: number[] = [];
  return {
    granted,
    isDead: () => false,
    isConnected: () => true,
    send: (message: WriteLockMessage) => {
      granted.push(message.id);
      return true;
    },
  } as unknown as Worker & { granted: number[] };
}

const ask = (id: number): WriteLockMessage => ({ type: WRITE_LOCK_MESSAGE, op: "acquire", id });
const give = (id: number): WriteLockMessage => ({ type: WRITE_LOCK_MESSAGE, op: "release", id });

describe("WriteLockArbiter", () => {
  it("grants one request at a time, in the order asked", () => {
    const arbiter = new WriteLockArbiter();
    const [a, b] = [worker(), worker()];
    arbiter.handle(a, ask(1));
    arbiter.handle(b, ask(1));
    arbiter.handle(a, ask(2));
    expect([a.granted, b.granted]).toEqual([[1], []]);
    arbiter.handle(a, give(1));
    expect([a.granted, b.granted]).toEqual([[1], [1]]);
    arbiter.handle(b, give(1));
    expect([a.granted, b.granted]).toEqual([[1, 2], [1]]);
  });

  it("drops a request given up before its turn, and ignores another worker's release", () => {
    const arbiter = new WriteLockArbiter();
    const [a, b, c] = [worker(), worker(), worker()];
    arbiter.handle(a, ask(1));
    arbiter.handle(b, ask(1));
    arbiter.handle(c, ask(1));
    arbiter.handle(b, give(1)); // b timed out waiting
    arbiter.handle(c, give(9)); // not c's request: nothing happens
    expect([a.granted, b.granted, c.granted]).toEqual([[1], [], []]);
    arbiter.handle(a, give(1));
    expect([b.granted, c.granted]).toEqual([[], [1]]);
  });

  it("takes the lock back from a worker that exits holding it", () => {
    const arbiter = new WriteLockArbiter();
    const [a, b] = [worker(), worker()];
    arbiter.handle(a, ask(1));
    arbiter.handle(a, ask(2));
    arbiter.handle(b, ask(1));
    arbiter.forget(a);
    expect(b.granted).toEqual([1]);
  });
});
