// The primary's side of the machine's one booking queue (lib/reservations/forwarding.ts):
// passes a worker's booking to worker 0 once it said it books for the others, and worker
// 0's answer back.
// Without worker 0 serving (starting, replaced) a booking is declined at once: the asking
// worker books it itself. When worker 0 exits, every booking it had is answered "lost".
import type { Worker } from "node:cluster";
import { BOOKING_MESSAGE, LEAD_WORKER_INDEX, type BookingMessage } from "@/lib/processes";

type Relayed = { from: Worker; id: number };

function send(worker: Worker, message: BookingMessage): void {
  if (worker.isDead() || !worker.isConnected()) return;
  // An error (the worker's channel closing) goes to the callback; its exit follows.
  worker.send(message, undefined, undefined, () => {});
}

export class BookingRelay {
  #booker: Worker | null = null;
  #relayed = new Map<number, Relayed>();
  #nextId = 0;

  /** A message from `worker`, whose index is `index`. */
  handle(worker: Worker, index: number, message: BookingMessage): void {
    if (message.op === "serving") {
      if (index === LEAD_WORKER_INDEX) this.#booker = worker;
      return;
    }
    if (message.op === "book") {
      const booker = this.#booker;
      if (!booker || booker.isDead() || !booker.isConnected()) {
        return send(worker, { type: BOOKING_MESSAGE, op: "declined", id: message.id });
      }
      const id = ++this.#nextId;
      this.#relayed.set(id, { from: worker, id: message.id });
      return send(booker, { ...message, id });
    }
    // An answer or a refusal to take it, from the booker.
    if (message.op !== "answer" && message.op !== "declined") return;
    const relayed = this.#relayed.get(message.id);
    if (!relayed || worker !== this.#booker) return;
    this.#relayed.delete(message.id);
    send(relayed.from, { ...message, id: relayed.id });
  }

  /** A worker exited: when it was the booker, what it had is lost. */
  forget(worker: Worker): void {
    if (worker !== this.#booker) return;
    this.#booker = null;
    for (const { from, id } of this.#relayed.values()) {
      send(from, { type: BOOKING_MESSAGE, op: "lost", id });
    }
    this.#relayed.clear();
  }
}
