// The primary's side of the machine's SQLite write lock (lib/db/machine-write-lock.ts):
// grants it to one worker at a time, in the order asked, and takes it back from a worker
// that dies holding it (its transaction died with it: SQLite rolled it back).
import type { Worker } from "node:cluster";
import { WRITE_LOCK_MESSAGE, type WriteLockMessage } from "@/lib/processes";

type Request = { worker: Worker; id: number };

export class WriteLockArbiter {
  #holder: Request | null = null;
  #queue: Request[] = [];

  handle(worker: Worker, message: WriteLockMessage): void {
    if (message.op === "acquire") {
      this.#queue.push({ worker, id: message.id });
      this.#grantNext();
    } else if (message.op === "release") {
      const mine = (r: Request | null) => r?.worker === worker && r.id === message.id;
      if (mine(this.#holder)) this.#holder = null;
      else this.#queue = this.#queue.filter((r) => !mine(r));
      this.#grantNext();
    }
  }

  /** A worker exited: its requests go, and the lock if it held it. */
  forget(worker: Worker): void {
    this.#queue = this.#queue.filter((r) => r.worker !== worker);
    if (this.#holder?.worker === worker) this.#holder = null;
    this.#grantNext();
  }

  #grantNext(): void {
    while (!this.#holder && this.#queue.length > 0) {
      const next = this.#queue.shift()!;
      if (next.worker.isDead() || !next.worker.isConnected()) continue;
      this.#holder = next;
      const granted: WriteLockMessage = { type: WRITE_LOCK_MESSAGE, op: "granted", id: next.id };
      // An error (the worker's channel closing) goes to the callback; its exit, which
      // follows, calls forget().
      next.worker.send(granted, undefined, undefined, () => {});
    }
  }
}
