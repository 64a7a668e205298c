// Where to go after signing in: a path on this site only. The value is parsed as a browser
// would parse it (stripping tabs and newlines, reading backslashes as slashes), resolved
// against a stand-in origin, and kept only when it stays on that origin; what is returned is
// the parsed path, query and fragment, never the raw text.
const STAND_IN_ORIGIN = "https://this-site.invalid";

export function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, STAND_IN_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== STAND_IN_ORIGIN) return "/";
  const target = url.pathname + url.search + url.hash;
  // "/.//evil.example" parses to the path "//evil.example", which would name another host.
  return target.startsWith("//") ? "/" : target;
}
