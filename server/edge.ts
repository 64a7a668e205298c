// What the server decides about a request before Next.js sees it: its id, the headers every
// response carries, the requests refused at once (a method Next.js cannot route, a
// malformed path, a body declared too large), answered in the contract's error shape, and
// for a page its policy's nonce and the location choice (pageRequestStep).
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { ErrorCode } from "@/lib/errors";
import { cookieSecure, requestProtocol } from "@/lib/request-origin";
import { pageContentSecurityPolicy } from "@/lib/security-headers";
import {
  LOCATION_COOKIE,
  locationChoiceStep,
  locationCookieHeader,
} from "@/lib/validation/location-choice";
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

/** Paths that are not pages: the API (but for its document, a page) and the build's files. */
const NOT_PAGES = /^\/(?:api(?:\/|$)|_next\/static\/|_next\/image|favicon\.ico|icon\.svg)/;

export function isPagePath(pathname: string): boolean {
  return pathname === "/api/docs" || !NOT_PAGES.test(pathname);
}

/** One cookie's value from a Cookie header (undefined when absent or not decodable). */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(";") ?? []) {
    const eq = pair.indexOf("=");
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type PageStep =
  | { kind: "redirect"; location: string }
  /**
   * Serve the page under `policy`, whose nonce Next.js puts on the scripts it renders (it
   * reads the policy from the request's headers), with `setCookie` when the choice changed.
   */
  | { kind: "serve"; policy: string; setCookie: string | null };

/**
 * What a page request does before Next.js renders it: a fresh 128-bit nonce for its policy,
 * and the location choice (lib/validation/location-choice.ts). The router marks its
 * prefetches with `Next-Router-Prefetch`; its fetches carry `_rsc`, which a redirect keeps.
 */
export function pageRequestStep(
  request: IncomingMessage,
  pathname: string,
  search: string,
  dev = false,
): PageStep {
  const step = locationChoiceStep(
    pathname,
    new URLSearchParams(search),
    cookieValue(request.headers.cookie, LOCATION_COOKIE),
    { prefetch: request.headers["next-router-prefetch"] !== undefined },
  );
  if (step.kind === "redirect") return { kind: "redirect", location: pathname + step.search };
  return {
    kind: "serve",
    policy: pageContentSecurityPolicy(randomBytes(16).toString("base64"), dev),
    setCookie: locationCookieHeader(step, cookieSecure(isHttps(request))),
  };
}
