// The primary of a multi-process app server (server/main.ts): listens on the port and
// forks `count` workers (server/serve.ts), hands each connection to the next worker
// (server/connection-dispatcher.ts), and
// - gives each its index (lib/processes.ts): worker 0 runs the scheduled work, and the
//   replacement of a dead worker takes its index, so that work moves with it;
// - replaces a worker that dies (after a pause when it died young, so a crash loop does
//   not spin); a worker that dies before it ever listened, while the server starts, means
//   the server cannot start: the others are stopped and the primary exits 1;
// - arbitrates the workers' SQLite writes (server/write-lock-arbiter.ts) and passes their
//   bookings to worker 0 (server/booking-relay.ts);
// - on SIGTERM or SIGINT (or when `npm start`, which forked it, goes away) passes the
//   signal to every worker, each of which shuts down gracefully, and exits once all have:
//   0 when all exited 0, else 1.
// It tells its parent "listening" once it listens and every worker is ready to serve.
import cluster, { type Worker } from "node:cluster";
import net from "node:net";
import { logger } from "@/lib/log";
import {
  isBookingMessage,
  isListeningMessage,
  isWriteLockMessage,
  LISTENING_MESSAGE,
  WORKER_INDEX_ENV,
} from "@/lib/processes";
import { BookingRelay } from "./booking-relay";
import { ConnectionDispatcher } from "./connection-dispatcher";
import { listenAddress } from "./listen-address";
import { WriteLockArbiter } from "./write-lock-arbiter";

/** A worker that dies younger than this is replaced after a pause (restartPauseMs). */
const YOUNG_MS = 10_000;
const RESTART_PAUSE_MS = 1_000;
const MAX_RESTART_PAUSE_MS = 30_000;

/**
 * How long the primary waits before it replaces a worker: at once when it served a while;
 * 1 s when it died young; for a worker that died before it was ready (a database gone, a
 * broken build), doubling with each such death in a row, up to 30 s: a replacement that
 * cannot start costs little while the other workers serve.
 */
export function restartPauseMs(diedYoung: boolean, failedStartsInARow: number): number {
  if (failedStartsInARow === 0 && !diedYoung) return 0;
  const doublings = Math.max(0, failedStartsInARow - 1);
  return Math.min(RESTART_PAUSE_MS * 2 ** doublings, MAX_RESTART_PAUSE_MS);
}

export async function runPrimary(count: number): Promise<void> {
  const { port, host } = listenAddress();
  const workers = new Map<number, Worker>();
  const listening = new Set<number>();
  const arbiter = new WriteLockArbiter();
  const bookings = new BookingRelay();
  const dispatcher = new ConnectionDispatcher();
  // Paused: the primary never reads a connection, it only hands it over. noDelay as
  // node:http sets it on the connections it accepts (the worker's server accepts none).
  const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (socket) =>
    dispatcher.dispatch(socket),
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const boundPort = (server.address() as net.AddressInfo).port;
  // A failed accept (out of file descriptors, say) costs that connection, not the server.
  server.on("error", (error) => logger.error({ err: error }, "accepting a connection failed"));
  let stopping = false;
  let failed = false;
  let announced = false;

  const exitWhenAllGone = () => {
    if (stopping && workers.size === 0) {
      logger.info({ failed }, "all workers stopped");
      process.exit(failed ? 1 : 0);
    }
  };

  const stop = (reason: string, signal: NodeJS.Signals = "SIGTERM") => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason, workers: workers.size }, "stopping the workers");
    server.close();
    dispatcher.closeWaiting();
    for (const worker of workers.values()) worker.process.kill(signal);
    exitWhenAllGone();
  };

  const failedStarts = new Map<number, number>();

  const start = (index: number) => {
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(index) });
    const startedAt = Date.now();
    let listened = false;
    workers.set(index, worker);
    worker.on("message", (message: unknown) => {
      if (isWriteLockMessage(message)) return arbiter.handle(worker, message);
      if (isBookingMessage(message)) return bookings.handle(worker, index, message);
      if (!isListeningMessage(message)) return;
      listened = true;
      failedStarts.delete(index);
      listening.add(index);
      dispatcher.add(worker);
      if (!announced && listening.size === count) {
        announced = true;
        logger.info({ port: boundPort, host: host ?? "*", workers: count }, "listening");
        process.send?.({ type: LISTENING_MESSAGE, port: boundPort });
      }
    });
    worker.on("exit", (code, signal) => {
      dispatcher.remove(worker);
      arbiter.forget(worker);
      bookings.forget(worker);
      if (workers.get(index) === worker) workers.delete(index);
      listening.delete(index);
      if (stopping) {
        if (code !== 0) failed = true;
        return exitWhenAllGone();
      }
      // Before the server first served, a worker that never got ready means it cannot
      // start. Once it serves, a replacement that dies while starting (the OOM killer, a
      // kill) is one more dead worker: the others go on serving.
      if (!listened && !announced) {
        logger.fatal({ worker: index, code, signal }, "a worker could not start");
        failed = true;
        return stop("a worker could not start");
      }
      const young = Date.now() - startedAt < YOUNG_MS;
      // Failed starts in a row of this index, this one included.
      const inARow = listened ? 0 : (failedStarts.get(index) ?? 0) + 1;
      failedStarts.set(index, inARow);
      logger.error(
        { worker: index, code, signal, ready: listened },
        "a worker died; starting another",
      );
      setTimeout(() => stopping || start(index), restartPauseMs(young, inARow));
    });
  };

  process.on("SIGTERM", () => stop("SIGTERM", "SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT", "SIGINT"));
  if (process.connected) process.on("disconnect", () => stop("parent process ended"));

  logger.info({ workers: count }, "starting the workers");
  for (let index = 0; index < count; index++) start(index);
}
