// The methods an /api route takes, asked of Next.js itself: Next answers OPTIONS on a route
// with an Allow header listing what the route exports, so the edge sends it a private
// OPTIONS request for the same path over an in-memory connection and reads that header.
// Only refused requests (405) pay for this.
import { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { Duplex } from "node:stream";

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
export function allowedMethods(
  handler: NextHandler,
  original: IncomingMessage,
): Promise<string | null> {
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
