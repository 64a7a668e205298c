// What the server decides about a request before Next.js sees it: its id, the headers every
// response carries, and the requests refused at once (a method Next.js cannot route, a
// malformed path, a body declared too large), answered in the contract's error shape.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { ErrorCode } from "@/lib/errors";
import { requestProtocol } from "@/lib/request-origin";
import { MAX_BODY_BYTES, PAYLOAD_TOO_LARGE_MESSAGE } from "@/app/api/_lib/contract";

/** The methods Next.js routes; any other (TRACE, PROPFIND, …) never reaches it. */
const ROUTED_METHODS = new Set(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is short and plain, else a new one. */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers["x-request-id"];
  return typeof given === "string" && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

function headerGetter(headers: IncomingHttpHeaders) {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : (value ?? null);
    },
  };
}

function isEncrypted(request: IncomingMessage): boolean {
  return Boolean((request.socket as TLSSocket).encrypted);
}

export function isHttps(request: IncomingMessage): boolean {
  return requestProtocol(headerGetter(request.headers), isEncrypted(request)) === "https";
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

export type EdgeRefusal =
  { kind: "method" } | { kind: "error"; code: ErrorCode; message: string; details?: unknown };

/** Why an /api request is refused before Next.js reads it, or null to pass it on. */
export function refuseApiRequest(request: IncomingMessage, pathname: string): EdgeRefusal | null {
  try {
    decodeURIComponent(pathname);
  } catch {
    return {
      kind: "error",
      code: "VALIDATION_ERROR",
      message: "The request is not valid.",
      details: [{ path: "(url)", message: "malformed percent-encoding in the path" }],
    };
  }
  if (!ROUTED_METHODS.has(request.method ?? "")) return { kind: "method" };
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return { kind: "error", code: "PAYLOAD_TOO_LARGE", message: PAYLOAD_TOO_LARGE_MESSAGE };
  }
  return null;
}
