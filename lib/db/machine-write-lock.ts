// One SQLite writer at a time across the worker processes of one app server (lib/processes.ts):
// before BEGIN IMMEDIATE a worker asks the primary for the machine's write lock over the
// cluster's IPC channel; the primary grants it first come, first served
// (server/write-lock-arbiter.ts) and takes it back from a worker that dies holding it.
// Without it, workers would only poll BEGIN IMMEDIATE: a worker whose group commits follow
// each other back to back would keep the lock, and the others would wait for a lucky gap
// (seconds under load, past the deadline a 503). With it, the workers' groups alternate.
// BEGIN IMMEDIATE still decides (and still retries): other processes on the file (the CLI,
// scripts, another primary) do not ask the arbiter.
// Outside such a worker (one process, scripts, tests) acquiring costs nothing.
import { isWriteLockMessage, workerIndex, WRITE_LOCK_MESSAGE } from "../processes";

type Waiter = { granted: () => void };

const globalForLock = globalThis as unknown as {
  machineWriteLock?: { nextId: number; waiting: Map<number, Waiter>; listening: boolean };
};
const state = (globalForLock.machineWriteLock ??= {
  nextId: 0,
  waiting: new Map(),
  listening: false,
});

function arbitrated(): boolean {
  return workerIndex() !== null && typeof process.send === "function" && process.connected;
}

function send(op: "acquire" | "release", id: number): boolean {
  if (!process.connected) return false;
  // Queued even when send() reports a backlog; an error (the channel closing as the primary
  // goes) reaches the callback instead of the process, and "disconnect" frees the waiters.
  process.send!({ type: WRITE_LOCK_MESSAGE, op, id }, undefined, undefined, () => {});
  return true;
}

function listen(): void {
  if (state.listening) return;
  state.listening = true;
  process.on("message", (message: unknown) => {
    if (!isWriteLockMessage(message) || message.op !== "granted") return;
    const waiter = state.waiting.get(message.id);
    state.waiting.delete(message.id);
    waiter?.granted();
  });
  // No primary, no arbiter: let every waiter go on to BEGIN IMMEDIATE.
  process.on("disconnect", () => {
    for (const waiter of state.waiting.values()) waiter.granted();
    state.waiting.clear();
  });
}

/**
 * Waits for the machine's write lock (at most `timeoutMs`; then rejects with `onTimeout()`)
 * and resolves with its release, to call exactly once after COMMIT or ROLLBACK.
 */
export async function acquireMachineWriteLock(
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<() => void> {
  if (!arbitrated()) return () => {};
  listen();
  const id = ++state.nextId;
  let timer: NodeJS.Timeout | undefined;
  const granted = new Promise<boolean>((resolve) => {
    state.waiting.set(id, { granted: () => resolve(true) });
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  if (!send("acquire", id)) {
    state.waiting.delete(id);
    clearTimeout(timer);
    return () => {};
  }
  const ok = await granted;
  clearTimeout(timer);
  if (!ok) {
    state.waiting.delete(id);
    // The primary drops the request, or takes the lock back if it granted it meanwhile.
    send("release", id);
    throw onTimeout();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    send("release", id);
  };
}
