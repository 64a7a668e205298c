// One app server process (the whole server with WEB_CONCURRENCY=1, else one worker of
// server/primary.ts): Next.js's request handler behind our own node:http server
// (server/http-server.ts), on PORT (default 3000) and HOST (default: every interface); a
// worker listens on nothing itself: the primary hands it connections (server/primary.ts).
//
// On SIGTERM or SIGINT (or when the process that forked it goes away: `npm start`, or the
// primary) it shuts down gracefully: stop accepting, finish in-flight requests (up to SHUTDOWN_GRACE_MS),
// run the app's shutdown hooks (the expiry sweep stops, the database closes), exit 0.
import cluster from "node:cluster";
import { Socket } from "node:net";
import { format } from "node:util";
import next from "next";
import { logger } from "@/lib/log";
import { runShutdownHooks } from "@/lib/shutdown";
import {
  CONNECTION_TAKEN_MESSAGE,
  isConnectionMessage,
  isDevelopmentServer,
  LISTENING_MESSAGE,
  workerIndex,
} from "@/lib/processes";
import { createAppServer } from "./http-server";
import { listenAddress } from "./listen-address";

const SHUTDOWN_GRACE_MS = 10_000;

// Next.js and libraries write to the console; their lines join the structured log, each
// at the level its console method says.
console.error = (...args: unknown[]) => logger.error(format(...args));
console.warn = (...args: unknown[]) => logger.warn(format(...args));
console.info = (...args: unknown[]) => logger.info(format(...args));
console.log = (...args: unknown[]) => logger.info(format(...args));
console.debug = (...args: unknown[]) => logger.debug(format(...args));
// Node's own warnings (deprecations, listener leaks) are warnings, not errors.
process.removeAllListeners("warning");
process.on("warning", (warning) => logger.warn({ err: warning }, warning.message));

export async function serve(): Promise<void> {
  const { port, host } = listenAddress();
  const app = next({ dev: isDevelopmentServer(), dir: process.cwd(), port, hostname: host });
  await app.prepare();
  const { server, close, serveHandedConnections, adopt } = createAppServer(app.getRequestHandler());

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down: no new connections, finishing requests");
      await close(SHUTDOWN_GRACE_MS);
      const { ran, failed } = await runShutdownHooks((name, error) =>
        logger.error({ err: error, hook: name }, "shutdown step failed"),
      );
      await app.close();
      logger.info({ steps: ran }, "stopped");
      process.exit(failed.length > 0 ? 1 : 0);
    })();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  // Forked by `npm start`: if that process ends without telling us, end too.
  if (process.connected) process.on("disconnect", () => stop("parent process ended"));

  if (cluster.isWorker) {
    serveHandedConnections();
    process.on("message", (message: unknown, socket: unknown) => {
      if (!isConnectionMessage(message) || !(socket instanceof Socket)) return;
      // Said before the connection is read: until the primary hears it, the connection is
      // unread, and the primary hands it to another worker should this one die.
      process.send?.({ type: CONNECTION_TAKEN_MESSAGE });
      adopt(socket);
    });
    logger.info({ worker: workerIndex() }, "ready to serve");
    process.send?.({ type: LISTENING_MESSAGE });
    return;
  }
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address();
  const boundPort = typeof bound === "object" && bound ? bound.port : port;
  logger.info({ port: boundPort, host: host ?? "*" }, "listening");
  process.send?.({ type: LISTENING_MESSAGE, port: boundPort });
}
