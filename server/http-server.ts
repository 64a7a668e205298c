// The node:http server in front of Next.js: every request gets an id (echoed as
// X-Request-Id and carried by its log lines), the security headers, an access-log line, and
// the edge's checks (server/edge.ts) before Next.js reads it. Its connections come from its
// own listen() (one process) or are handed over by the primary (adopt(): a worker of
// several). close() shuts down gracefully: stop accepting, let in-flight requests finish,
// then resolve.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { logger, withRequestContext } from "@/lib/log";
import { isDevelopmentServer } from "@/lib/processes";
import { securityHeaders } from "@/lib/security-headers";
import {
  isApiPath,
  isHttps,
  isPagePath,
  pageRequestStep,
  refuseApiRequest,
  requestIdFor,
  type EdgeRefusal,
} from "./edge";
import { sendError } from "./answers";
import { answerMethodNotAllowed, takeOverEmpty405, type NextHandler } from "./method-not-allowed";
import { errorBody } from "@/app/api/_lib/contract";

/** How long a refused request's body may go on arriving after its answer. */
const LINGER_MS = 5_000;
// How long an idle keep-alive connection stays open. A load balancer or reverse proxy keeps
// its idle connections to the app for 60 s (AWS ALB, nginx's upstream keepalive): the app
// must be the later to close one, or a request the proxy sends just as the app closes meets
// a reset, a 502 for its client (Node's default is 5 s). Headers of a request may take a
// second longer, so a request that starts just before the idle limit still gets its time.
const KEEP_ALIVE_MS = 65_000;
const HEADERS_MS = KEEP_ALIVE_MS + 1_000;

export type AppServer = {
  server: http.Server;
  /**
   * Serves connections handed to this process instead of accepted by its own listen():
   * call once, then adopt() each.
   */
  serveHandedConnections(): void;
  /** Serves a connection handed over (closed at once when shutting down). */
  adopt(socket: Socket): void;
  /** Stops accepting, waits for in-flight requests (at most `graceMs`), then resolves. */
  close(graceMs: number): Promise<void>;
};

/** The request each connection carries now, and its answer. */
const currentExchange = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();

/**
 * Node closes a connection once an answer given before its request's body was read whole is
 * written, and closing a socket with unread bytes sends a reset; a reset that reaches the
 * client before it has read the answer discards the answer. So a close after an answer
 * given while the body was still arriving waits LINGER_MS (the socket stays paused: the
 * client, reading the answer and the end of the stream, stops sending). Node schedules that
 * close as soon as the answer ends, holding the socket's `destroy` from then: hence a
 * wrapper from the start. A client gone mid-body, or a reset socket, closes at once.
 */
function closeAfterLingerWhenBodyUnread(socket: Socket): void {
  const destroy = socket.destroy.bind(socket);
  let deferred = false;
  socket.destroy = (error?: Error) => {
    const exchange = currentExchange.get(socket);
    // Answered while the body was still arriving; a client that went away mid-body (no
    // answer yet) closes at once.
    const answeredEarly = exchange && exchange.res.writableFinished && !exchange.req.complete;
    const broken =
      error && ["ECONNRESET", "EPIPE"].includes((error as NodeJS.ErrnoException).code ?? "");
    if (!answeredEarly || broken) return destroy(error);
    if (!deferred) {
      deferred = true;
      setTimeout(() => destroy(error), LINGER_MS).unref();
    }
    return socket;
  };
}

/**
 * Next.js flushes a response's headers right before it writes the first chunk of the body,
 * and node:http sends flushed headers at once, on their own: a write (and on a connection
 * without Nagle, a packet) more per answer, for both ends. Corked until the end of the
 * tick, the headers leave with the chunk that follows them (and the end, when it comes in
 * the same tick) in one write; a stream whose first chunk comes later still sends its
 * headers at the end of the tick that flushed them.
 */
function sendHeadersWithFirstChunk(res: ServerResponse): void {
  const flushHeaders = res.flushHeaders;
  res.flushHeaders = () => {
    const socket = res.socket;
    if (!res.headersSent && socket && !socket.destroyed) {
      socket.cork();
      process.nextTick(() => {
        // end() uncorks fully; a connection uncorked already has nothing held.
        if (socket.writableCorked > 0) socket.uncork();
      });
    }
    flushHeaders.call(res);
  };
}

/** The path and the query (with its "?", or "") of a request target (absolute-form included). */
function targetOf(url: string): { path: string; search: string } {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "").replace(/#.*/, "");
  const end = withoutOrigin.indexOf("?");
  const path = end === -1 ? withoutOrigin : withoutOrigin.slice(0, end);
  return { path: path || "/", search: end === -1 ? "" : withoutOrigin.slice(end) };
}

/**
 * A page's nonce and location choice (server/edge.ts): true when that answered the request
 * (a redirect). The policy goes on the request too, which is where Next.js reads the nonce
 * from.
 */
function preparePage(req: IncomingMessage, res: ServerResponse, path: string, search: string) {
  const step = pageRequestStep(req, path, search, isDevelopmentServer());
  if (step.kind === "redirect") {
    res.writeHead(307, { Location: step.location, "Cache-Control": "no-store" }).end();
    return true;
  }
  req.headers["content-security-policy"] = step.policy;
  res.setHeader("Content-Security-Policy", step.policy);
  if (step.setCookie) res.setHeader("Set-Cookie", step.setCookie);
  return false;
}

async function answerRefusal(
  refusal: EdgeRefusal,
  req: IncomingMessage,
  res: ServerResponse,
  handler: NextHandler,
): Promise<void> {
  if (refusal.kind === "error") {
    sendError(res, refusal.code, refusal.message, { details: refusal.details });
    return;
  }
  await answerMethodNotAllowed(req, res, handler);
}

export function createAppServer(handler: NextHandler): AppServer {
  let stopping = false;
  let closed = false;
  /** Every open connection, accepted or handed over: close() waits for them. */
  const open = new Set<Socket>();
  let drained: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    const requestId = requestIdFor(req.headers);
    const started = performance.now();
    const { path, search } = targetOf(req.url ?? "/");
    const socket = req.socket;
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(securityHeaders(isHttps(req)))) {
      res.setHeader(name, value);
    }
    // A connection still open at shutdown carries no further requests.
    if (stopping) res.setHeader("Connection", "close");
    sendHeadersWithFirstChunk(res);

    let finished = false;
    currentExchange.set(socket, { req, res });
    res.once("finish", () => (finished = true));
    res.once("close", () => {
      const line = {
        method: req.method,
        url: (req.url ?? "").slice(0, 2048),
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ...(!finished && { aborted: true }),
      };
      withRequestContext({ requestId }, () => {
        if (!finished) logger.info(line, "client closed the connection before the answer");
        else if (res.statusCode >= 500) logger.warn(line, "request failed");
        else logger.info(line, "request");
      });
      if (stopping) server.closeIdleConnections();
    });

    // Only the edge says what a page's policy is (Next.js takes its nonce from this header).
    delete req.headers["content-security-policy"];
    delete req.headers["content-security-policy-report-only"];

    withRequestContext({ requestId }, () => {
      const api = isApiPath(path);
      const refusal = api ? refuseApiRequest(req, path) : null;
      if (!refusal && isPagePath(path) && preparePage(req, res, path, search)) return;
      if (api && !refusal) takeOverEmpty405(req, res, handler);
      const work = refusal ? answerRefusal(refusal, req, res, handler) : handler(req, res);
      work.catch((error: unknown) => {
        logger.error({ err: error }, "Unhandled error while serving a request");
        if (!res.headersSent) {
          sendError(res, "INTERNAL_ERROR", "Something went wrong on our side. Please try again.");
        } else res.destroy();
      });
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = HEADERS_MS;

  server.on("connection", (socket: Socket) => {
    open.add(socket);
    socket.once("close", () => {
      open.delete(socket);
      if (open.size === 0) drained?.();
    });
    closeAfterLingerWhenBodyUnread(socket);
  });

  // Requests Node's parser refuses (an unknown method, malformed headers) never reach the
  // handler; answer them plainly instead of dropping the connection.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Bytes after a request that asked to close the connection (a body sent without a
    // length, say) belong to no request: the answer was given, the connection just ends.
    if (!socket.writable || error.code === "ECONNRESET" || error.code === "HPE_CLOSED_CONNECTION") {
      socket.destroy();
      return;
    }
    logger.info({ code: error.code }, "refused a request that could not be parsed");
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    const { body } = errorBody("VALIDATION_ERROR", "The request could not be parsed.", [
      { path: "(request)", message: "not a well-formed HTTP request" },
    ]);
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  });

  return {
    server,
    serveHandedConnections() {
      // What listen() would do: 'listening' starts Node's tracking of the connections (the
      // request and header timeouts, closeIdleConnections).
      server.emit("listening");
    },
    adopt(socket) {
      if (closed) socket.destroy();
      else server.emit("connection", socket);
    },
    close(graceMs) {
      stopping = true;
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          logger.warn("Requests still running at the shutdown deadline; closing their connections");
          for (const socket of open) socket.destroy();
        }, graceMs);
        deadline.unref();
        drained = () => {
          closed = true;
          clearTimeout(deadline);
          resolve();
        };
        if (server.listening) server.close();
        server.closeIdleConnections();
        if (open.size === 0) drained();
      });
    },
  };
}
