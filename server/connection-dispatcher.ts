// The primary's side of sharing the port (server/primary.ts): it accepts every connection
// (paused: it never reads one) and hands it to the workers in turn, one at a time per
// worker, the next only once that worker said it took the last (CONNECTION_TAKEN_MESSAGE).
//
// Why not node:cluster's round robin, which does the same: a connection it has handed to a
// worker that dies before replying stays open in the primary forever, neither answered
// nor closed (its handover's reply callback never fires), and the client waits on it for
// good. Node's own hand-over of a socket to a child process does the same when the child
// dies before acknowledging it (the channel's disconnect waits for that acknowledgement).
// Here the primary keeps its copy of a handed connection until the worker says it took
// it, then closes its copy. A worker says so before it starts reading the connection
// (server/serve.ts), so one that died without saying so never read from it: its
// connection goes to the next free worker, whole, and the client only sees a delay. The
// worker's exit can come before its channel's last messages (a "taken" on its way), so
// that is decided once the channel has closed.
// Node queues a second socket sent before the first is acknowledged: hence one at a time
// per worker, the rest waiting here.
import type { Worker } from "node:cluster";
import type { Socket } from "node:net";
import { CONNECTION_MESSAGE, isConnectionTakenMessage } from "@/lib/processes";
import { logger } from "@/lib/log";

/**
 * Connections that may wait for a worker at once: while none serves (all starting, or
 * replaced after crashes, up to 30 s apart) each waiting one holds a file descriptor here.
 * Like a full listen backlog, the next are closed at once; a client may retry.
 */
export const MAX_WAITING_CONNECTIONS = 1_024;

/** How long after a worker's exit its channel may take to close (it closes at once). */
const CHANNEL_CLOSE_WAIT_MS = 5_000;

export class ConnectionDispatcher {
  /** Workers ready for a connection, in the order they get the next ones. */
  #free: Worker[] = [];
  /** Workers that serve, each with the connection handed to it and not yet taken. */
  #serving = new Map<Worker, Socket | null>();
  #waiting: Socket[] = [];
  /** Whether a connection was turned away since the queue last had room (one warning a flood). */
  #full = false;
  #closing = false;

  constructor(readonly maxWaiting = MAX_WAITING_CONNECTIONS) {}

  /** Connections waiting for a worker. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /** A worker serves from now on (it told the primary it is ready). */
  add(worker: Worker): void {
    if (this.#serving.has(worker)) return;
    this.#serving.set(worker, null);
    worker.on("message", (message: unknown) => {
      if (!isConnectionTakenMessage(message) || !this.#serving.has(worker)) return;
      // The worker holds its own copy now.
      this.#serving.get(worker)?.destroy();
      this.#serving.set(worker, null);
      this.#free.push(worker);
      this.#pump();
    });
    this.#free.push(worker);
    this.#pump();
  }

  /** A worker exited: it gets no more connections, and one it never took goes to another. */
  remove(worker: Worker): void {
    const handed = this.#serving.get(worker) ?? null;
    this.#serving.delete(worker);
    this.#free = this.#free.filter((w) => w !== worker);
    if (handed === null) return;
    if (!worker.isConnected()) return this.#handAgain(handed);
    let taken = false;
    worker.on("message", (message: unknown) => {
      if (isConnectionTakenMessage(message)) taken = true;
    });
    // A dead process's channel closes at once; should it not, the client is not left waiting.
    const unsure = setTimeout(() => handed.destroy(), CHANNEL_CLOSE_WAIT_MS);
    worker.once("disconnect", () => {
      clearTimeout(unsure);
      if (taken) handed.destroy();
      else this.#handAgain(handed);
    });
  }

  /** A new connection: to the next free worker, or waiting for one. */
  dispatch(socket: Socket): void {
    if (this.#waiting.length >= this.maxWaiting) {
      // Clients that left while they waited make room.
      this.#waiting = this.#waiting.filter((waiting) => !waiting.destroyed);
    }
    if (this.#waiting.length >= this.maxWaiting) {
      socket.destroy();
      if (!this.#full) {
        this.#full = true;
        logger.warn(
          { waiting: this.#waiting.length, workers: this.#serving.size },
          "no worker takes connections: closing new ones",
        );
      }
      return;
    }
    this.#full = false;
    this.#waiting.push(socket);
    this.#pump();
  }

  /** Shutting down: connections still waiting are closed unanswered, and any handed back. */
  closeWaiting(): void {
    this.#closing = true;
    for (const socket of this.#waiting.splice(0)) socket.destroy();
  }

  /** A connection a dead worker never took (nor read): first in line for the next worker. */
  #handAgain(socket: Socket): void {
    if (this.#closing) return void socket.destroy();
    this.#waiting.unshift(socket);
    this.#pump();
  }

  #pump(): void {
    while (this.#waiting.length > 0 && this.#free.length > 0) {
      const socket = this.#waiting.shift()!;
      // A client that left while its connection waited: nothing to hand over.
      if (socket.destroyed) continue;
      const worker = this.#free.shift()!;
      if (worker.isDead() || !worker.isConnected()) {
        this.remove(worker);
        this.#waiting.unshift(socket);
        continue;
      }
      this.#serving.set(worker, socket);
      // keepOpen: this process keeps its copy until the worker took it (see above).
      worker.send({ type: CONNECTION_MESSAGE }, socket, { keepOpen: true }, (error) => {
        // The channel closed before the socket was written: it never left; close it.
        if (error) socket.destroy();
      });
    }
  }
}
