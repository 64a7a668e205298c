// Where a request was addressed, as the browser saw it: scheme and host from
// X-Forwarded-Proto / X-Forwarded-Host when a reverse proxy set them (the first entry: the
// one the client's proxy saw), else the connection's own scheme and the Host header.
//
// Trusting these headers is safe for what they decide here (the Secure cookie flag, HSTS,
// the cross-site check): a web page can neither forge them on a form post nor add them to a
// cross-origin fetch without a CORS preflight, which this app never approves. A proxy in
// front must pass Host through or set X-Forwarded-Host and X-Forwarded-Proto.

import { env } from "@/lib/env";

type HeaderSource = { get(name: string): string | null };

function firstEntry(value: string | null): string | undefined {
  const first = value?.split(",")[0]?.trim();
  return first || undefined;
}

/** "https" or "http": how the request reached the site (directly or at the proxy). */
export function requestProtocol(headers: HeaderSource, encrypted = false): "https" | "http" {
  const forwarded = firstEntry(headers.get("x-forwarded-proto"))?.toLowerCase();
  if (forwarded === "https" || forwarded === "http") return forwarded;
  return encrypted ? "https" : "http";
}

/** The origin the request was addressed to (`https://parking.example`), or null without a host. */
export function requestOrigin(headers: HeaderSource, encrypted = false): string | null {
  const host = firstEntry(headers.get("x-forwarded-host")) ?? firstEntry(headers.get("host"));
  if (!host) return null;
  try {
    return new URL(`${requestProtocol(headers, encrypted)}://${host}`).origin;
  } catch {
    return null;
  }
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a browser sent this state-changing request from another site: its Origin is not
 * this site's origin (an opaque "null" included), or Sec-Fetch-Site says cross-site.
 * Requests with neither header (scripts, devices, webhooks) are not judged here.
 */
export function isCrossSiteWrite(method: string, headers: HeaderSource): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return false;
  if (headers.get("sec-fetch-site")?.trim().toLowerCase() === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  let claimed: string;
  try {
    claimed = new URL(origin.trim()).origin;
  } catch {
    return true;
  }
  // An opaque origin ("null": sandboxed frames, some redirects) is never this site.
  return claimed === "null" || claimed !== requestOrigin(headers);
}

/** Whether a cookie is sent Secure: as COOKIE_SECURE says, else when the request came over HTTPS. */
export function cookieSecure(https: boolean): boolean {
  return env().COOKIE_SECURE ?? https;
}
