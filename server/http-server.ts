// The node:http server in front of Next.js: every request gets an id (echoed as
// X-Request-Id and carried by its log lines), the security headers, an access-log line, and
// the edge's checks (server/edge.ts) before Next.js reads it. close() shuts down gracefully:
// stop accepting, let in-flight requests finish, then resolve.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { logger, withRequestContext } from "@/lib/log";
import { securityHeaders } from "@/lib/security-headers";
import { errorBody } from "@/app/api/_lib/contract";
import { isApiPath, isHttps, refuseApiRequest, requestIdFor, type EdgeRefusal } from "./edge";
import { allowedMethods, type NextHandler } from "./allowed-methods";

/** How long a refused request's body may go on arriving after its answer. */
const LINGER_MS = 5_000;

export type AppServer = {
  server: http.Server;
  /** Stops accepting, waits for in-flight requests (at most `graceMs`), then resolves. */
  close(graceMs: number): Promise<void>;
};

/** The path of a request target, without query or fragment (absolute-form included). */
export function pathOf(url: string): string {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  const end = withoutOrigin.search(/[?#]/);
  const path = end === -1 ? withoutOrigin : withoutOrigin.slice(0, end);
  return path || "/";
}

/** How an answer is written: the response's own methods, or ones saved before Next.js wrapped them. */
type RawSend = {
  writeHead: (status: number, headers: Record<string, string | number>) => unknown;
  end: (text: string) => unknown;
};

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  send: RawSend = { writeHead: (...a) => res.writeHead(...a), end: (t) => res.end(t) },
): void {
  const text = JSON.stringify(body);
  res.removeHeader("content-encoding");
  send.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  send.end(text);
}

async function answerRefusal(
  refusal: EdgeRefusal,
  req: IncomingMessage,
  res: ServerResponse,
  handler: NextHandler,
): Promise<void> {
  if (refusal.kind === "error") {
    const { status, body } = errorBody(refusal.code, refusal.message, refusal.details);
    sendJson(res, status, body);
    return;
  }
  await answerMethodNotAllowed(req, res, handler);
}

/** 405 in the contract's shape with the route's Allow, or the 404 of a path with no route. */
async function answerMethodNotAllowed(
  req: IncomingMessage,
  res: ServerResponse,
  handler: NextHandler,
  send?: RawSend,
): Promise<void> {
  const allow = await allowedMethods(handler, req);
  if (allow === null) {
    const { status, body } = errorBody("NOT_FOUND", "There is no such API route.");
    sendJson(res, status, body, {}, send);
    return;
  }
  const { status, body } = errorBody(
    "METHOD_NOT_ALLOWED",
    `This route does not take ${req.method}; it takes ${allow}.`,
  );
  sendJson(res, status, body, { Allow: allow }, send);
}

/**
 * Next.js answers a method that a route does not export with an empty 405. For /api the edge
 * answers it instead, in the contract's shape with an Allow header: the moment Next.js would
 * send a bare 405's headers, what it writes is dropped and the edge's answer goes out in its
 * place. Next.js's compression wraps these methods again on top, so they are replaced here
 * for the whole response and decide by state, never removed.
 */
function takeOverEmpty405(req: IncomingMessage, res: ServerResponse, handler: NextHandler) {
  const original = {
    writeHead: res.writeHead,
    flushHeaders: res.flushHeaders,
    write: res.write,
    end: res.end,
  };
  let state: "watching" | "passing" | "taken" = "watching";
  const decide = (status: number) => {
    if (state !== "watching") return state;
    state = status === 405 && !res.getHeader("content-type") ? "taken" : "passing";
    if (state === "taken") {
      const send: RawSend = {
        writeHead: (status, headers) => original.writeHead.call(res, status, headers),
        end: (text) => (original.end as (chunk: string) => ServerResponse).call(res, text),
      };
      answerMethodNotAllowed(req, res, handler, send).catch((error: unknown) => {
        logger.error({ err: error }, "Could not answer 405");
        if (!res.headersSent) (original.end as () => ServerResponse).call(res);
      });
    }
    return state;
  };
  res.writeHead = function (
    this: ServerResponse,
    ...args: Parameters<ServerResponse["writeHead"]>
  ) {
    return decide(args[0]) === "taken" ? res : original.writeHead.apply(res, args);
  } as ServerResponse["writeHead"];
  res.flushHeaders = () => {
    if (decide(res.statusCode) !== "taken") original.flushHeaders.call(res);
  };
  res.write = function (...args: Parameters<ServerResponse["write"]>) {
    return decide(res.statusCode) === "taken" ? true : original.write.apply(res, args);
  } as ServerResponse["write"];
  res.end = function (...args: Parameters<ServerResponse["end"]>) {
    return decide(res.statusCode) === "taken" ? res : original.end.apply(res, args);
  } as ServerResponse["end"];
}

export function createAppServer(handler: NextHandler): AppServer {
  let stopping = false;

  const server = http.createServer((req, res) => {
    const requestId = requestIdFor(req.headers);
    const started = performance.now();
    const path = pathOf(req.url ?? "/");
    const socket = req.socket;
    res.setHeader("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(securityHeaders(isHttps(req)))) {
      res.setHeader(name, value);
    }
    // A connection still open at shutdown carries no further requests.
    if (stopping) res.setHeader("Connection", "close");

    let finished = false;
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
      // A body refused unread: Node discards the rest as it arrives, so that the client,
      // still sending, can read the answer (closing at once would reset the connection
      // under it). A client still sending after LINGER_MS loses the connection.
      if (!req.complete && !socket.destroyed) {
        setTimeout(() => {
          if (!req.complete) socket.destroy();
        }, LINGER_MS).unref();
      }
      if (stopping) server.closeIdleConnections();
    });

    withRequestContext({ requestId }, () => {
      const api = isApiPath(path);
      const refusal = api ? refuseApiRequest(req, path) : null;
      if (api && !refusal) takeOverEmpty405(req, res, handler);
      const work = refusal ? answerRefusal(refusal, req, res, handler) : handler(req, res);
      work.catch((error: unknown) => {
        logger.error({ err: error }, "Unhandled error while serving a request");
        if (!res.headersSent) {
          const { status, body } = errorBody(
            "INTERNAL_ERROR",
            "Something went wrong on our side. Please try again.",
          );
          sendJson(res, status, body);
        } else res.destroy();
      });
    });
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
    close(graceMs) {
      stopping = true;
      return new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          logger.warn("Requests still running at the shutdown deadline; closing their connections");
          server.closeAllConnections();
        }, graceMs);
        deadline.unref();
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
  };
}
