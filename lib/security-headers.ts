import { createHash } from "node:crypto";

// The security headers, in one place. The server entry (server/http-server.ts) puts
// securityHeaders() on every response; for pages the edge (server/edge.ts) replaces the
// Content-Security-Policy with pageContentSecurityPolicy(nonce), whose per-request nonce
// Next.js also puts on the scripts it renders (it reads the policy from the request's headers).

/** For everything that is not a page (JSON, files, errors): nothing may run or load. */
const LOCKED_DOWN_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": LOCKED_DOWN_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only over HTTPS (directly or at the proxy): browsers ignore it over plain HTTP, and an
    // operator trying the app on a LAN must not be pinned to HTTPS. Subdomains and preload
    // are the domain owner's decision, so they are left out.
    ...(https && { "Strict-Transport-Security": "max-age=31536000" }),
  };
}

/**
 * The one inline script of a page's prerendered static shell (React's, the same in every
 * build): the shell is rendered at build time, before any request, so it cannot carry a
 * request's nonce and is allowed by its hash instead. The browser tests fail on any CSP
 * violation, so a React that changes it is noticed at once.
 */
const SHELL_INLINE_SCRIPT = "requestAnimationFrame(function(){$RT=performance.now()});";
const SHELL_INLINE_SCRIPT_HASH = `'sha256-${createHash("sha256").update(SHELL_INLINE_SCRIPT).digest("base64")}'`;

/**
 * A page's policy. Inline scripts run only with this response's nonce (every script of the
 * per-request part carries it) or as the shell's known script; script files only from this
 * origin (the shell's chunks, prerendered without a nonce, load so: 'strict-dynamic' would
 * block them). The API answers JSON with nosniff, so no response of ours runs as a script.
 * Styles may be inline: React renders style attributes, and a style cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${SHELL_INLINE_SCRIPT_HASH}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
