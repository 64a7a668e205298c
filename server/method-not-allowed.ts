// 405 METHOD_NOT_ALLOWED for /api, in the contract's shape with the route's Allow header.
// The methods a route takes are asked of Next.js itself: it answers OPTIONS on a route with
// an Allow header listing what the route exports, so the edge sends it a private OPTIONS
// request for the same path over an in-memory connection and reads that header. Only
// refused requests pay for this.
import { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";
import { logger } from "@/lib/log";
import { sendError, type RawSend } from "./answers";

export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A connection that accepts what is written to it and never sends anything. */
function nullConnection(): Socket {
  const socket = new Duplex({
    read() {},
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  return Object.assign(socket, {
    remoteAddress: "127.0.0.1",
    encrypted: false,
  }) as unknown as Socket;
}

/**
 * The route's Allow header (e.g. "GET, HEAD, OPTIONS"), or null when no route has that path
 * (the catch-all answers OPTIONS with 404).
 */
function allowedMethods(handler: NextHandler, original: IncomingMessage): Promise<string | null> {
  const socket = nullConnection();
  const req = new IncomingMessage(socket);
  req.method = "OPTIONS";
  req.url = original.url ?? "/";
  req.headers = { host: original.headers.host ?? "localhost" };
  req.push(null);
  req.complete = true;
  const res = new ServerResponse(req);
  res.assignSocket(socket);
  return new Promise((resolve, reject) => {
    res.once("finish", () => {
      const allow = res.getHeader("allow");
      resolve(res.statusCode < 300 && allow ? String(allow) : null);
      socket.destroy();
    });
    handler(req, res).catch(reject);
  });
}

/** 405 in the contract's shape with the route's Allow, or the 404 of a path with no route. */
export async function answerMethodNotAllowed(
  req: IncomingMessage,
  res: ServerResponse,
  handler: NextHandler,
  send?: RawSend,
): Promise<void> {
  const allow = await allowedMethods(handler, req);
  if (allow === null) {
    sendError(res, "NOT_FOUND", "There is no such API route.", { send });
    return;
  }
  sendError(
    res,
    "METHOD_NOT_ALLOWED",
    `This route does not take ${req.method}; it takes ${allow}.`,
    {
      headers: { Allow: allow },
      send,
    },
  );
}

/**
 * Next.js answers a method that a route does not export with an empty 405. For /api the edge
 * answers it instead, in the contract's shape with an Allow header: the moment Next.js would
 * send a bare 405's headers, what it writes is dropped and the edge's answer goes out in its
 * place. Next.js's compression wraps these methods again on top, so they are replaced here
 * for the whole response and decide by state, never removed.
 */
export function takeOverEmpty405(req: IncomingMessage, res: ServerResponse, handler: NextHandler) {
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
