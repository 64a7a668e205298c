// Where a request was addressed, as the browser saw it: scheme and host from
// X-Forwarded-Proto / X-Forwarded-Host when a reverse proxy set them (the first entry: the
// one the client's proxy saw), else the connection's own scheme and the Host header.
//
// Trusting these headers is safe for what they decide here (the Secure cookie flag, HSTS): a web page can neither forge them on a form post nor add them to a
// cross-origin fetch without a CORS preflight, which this app never approves. A proxy in
// front must pass Host through or set X-Forwarded-Host and X-Forwarded-Proto.

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
