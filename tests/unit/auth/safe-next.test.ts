// Where a sign-in may send the browser next: a path on this site, never another host,
// whatever the browser would strip or reinterpret (tabs, newlines, backslashes, encodings).
import { describe, expect, it } from "vitest";
import { safeNext } from "@/components/auth/safe-next";

/** Where a browser on `origin` goes when told to navigate to `target`. */
function landing(target: string, origin = "https://parking.example"): string {
  return new URL(target, origin).origin;
}

describe("safeNext", () => {
  const offSite = [
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "/\t/evil.example/x",
    "/%09/evil.example/x".replace("%09", "\t"),
    "/\n/evil.example/x",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\t\\evil.example",
    "/.//evil.example/x",
    "/%2e//evil.example/x",
    "/./\\evil.example",
    "https://evil.example/x",
    "http:evil.example",
    "https:/evil.example",
    "//evil.example@parking.example",
    "///evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "\u0000//evil.example",
  ];

  it.each(offSite)("never leaves the site for %j", (next) => {
    const target = safeNext(next);
    expect(target.startsWith("/")).toBe(true);
    expect(target.startsWith("//")).toBe(false);
    expect(target.startsWith("/\\")).toBe(false);
    expect(landing(target)).toBe("https://parking.example");
  });

  it.each([
    ["/", "/"],
    ["/slots?floor=2", "/slots?floor=2"],
    ["/reservations#upcoming", "/reservations#upcoming"],
    ["/slots?floor=2&type=vip#map", "/slots?floor=2&type=vip#map"],
    ["/a/../slots", "/slots"],
    ["/sl%20ots", "/sl%20ots"],
  ])("keeps a path on this site: %j → %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it("falls back to / for nothing, an empty value or a repeated parameter's junk", () => {
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext("")).toBe("/");
    expect(safeNext(["//evil.example", "/slots"])).toBe("/");
    expect(safeNext(["/slots", "//evil.example"])).toBe("/slots");
  });
});
