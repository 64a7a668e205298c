// Answers the server writes itself, in the contract's error shape (app/api/_lib/contract.ts).
import type { ServerResponse } from "node:http";
import type { ErrorCode } from "@/lib/errors";
import { errorBody } from "@/app/api/_lib/contract";

/** How an answer is written: the response's own methods, or ones saved before Next.js wrapped them. */
export type RawSend = {
  writeHead: (status: number, headers: Record<string, string | number>) => unknown;
  end: (text: string) => unknown;
};

export function sendJson(
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

/** An error answer in the contract's shape. */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  options: { details?: unknown; headers?: Record<string, string>; send?: RawSend } = {},
): void {
  const { status, body } = errorBody(code, message, options.details);
  sendJson(res, status, body, options.headers, options.send);
}
