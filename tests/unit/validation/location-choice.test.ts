import { describe, expect, it } from "vitest";
import {
  locationChoiceStep,
  locationCookieHeader,
  withLocation,
  filterHref,
} from "@/lib/validation/location-choice";

const step = (path: string, query: string, cookie?: string) =>
  locationChoiceStep(path, new URLSearchParams(query), cookie);

describe("the location choice", () => {
  it("remembers a chosen slug and forgets on an empty choice", () => {
    expect(step("/slots", "location=city-centre")).toEqual({
      kind: "remember",
      slug: "city-centre",
    });
    expect(step("/", "location=", "city-centre")).toEqual({ kind: "forget" });
    expect(step("/", "location=Bad%20Slug!")).toEqual({ kind: "none" });
  });

  it("neither remembers nor forgets on a prefetch: only a visit is a choice", () => {
    const prefetch = (query: string, cookie?: string) =>
      locationChoiceStep("/slots", new URLSearchParams(query), cookie, { prefetch: true });
    expect(prefetch("location=city-centre", "riverside-mall")).toEqual({ kind: "none" });
    expect(prefetch("location=", "riverside-mall")).toEqual({ kind: "none" });
    // A prefetched page without a choice is still the remembered one's.
    expect(prefetch("", "riverside-mall")).toEqual({
      kind: "redirect",
      search: "?location=riverside-mall",
    });
  });

  it("redirects a scoped page without a choice to the remembered one, keeping its query", () => {
    expect(step("/slots", "floor=2", "riverside-mall")).toEqual({
      kind: "redirect",
      search: "?floor=2&location=riverside-mall",
    });
    expect(step("/", "", "riverside-mall")).toEqual({
      kind: "redirect",
      search: "?location=riverside-mall",
    });
  });

  it("leaves pages that are not about a location, and bad cookies, alone", () => {
    expect(step("/account", "", "riverside-mall")).toEqual({ kind: "none" });
    expect(step("/login", "", "riverside-mall")).toEqual({ kind: "none" });
    expect(step("/slotsx", "", "riverside-mall")).toEqual({ kind: "none" });
    expect(step("/slots", "", "../evil")).toEqual({ kind: "none" });
    expect(step("/slots", "")).toEqual({ kind: "none" });
  });

  it("builds links that carry the choice to scoped pages only", () => {
    expect(withLocation("/analytics", "city-centre")).toBe("/analytics?location=city-centre");
    expect(withLocation("/reservations?status=active", null)).toBe(
      "/reservations?status=active&location=",
    );
    expect(withLocation("/account", "city-centre")).toBe("/account");
    expect(withLocation("/gate", "city-centre")).toBe("/gate?location=city-centre");
  });

  it("filters a page keeping the location choice, without a page number", () => {
    const current = new URLSearchParams("location=city-centre&status=active&offset=40");
    expect(filterHref("/reservations", current, { status: "cancelled", userId: undefined })).toBe(
      "/reservations?location=city-centre&status=cancelled",
    );
    expect(filterHref("/audit", current, { action: "" })).toBe("/audit?location=city-centre");
    // The whole network, chosen explicitly, stays chosen; no choice stays none.
    expect(filterHref("/slots", new URLSearchParams("location="), { floor: "2" })).toBe(
      "/slots?location=&floor=2",
    );
    expect(filterHref("/slots", new URLSearchParams("floor=2"), {})).toBe("/slots");
  });

  it("keeps a choice a year in a cookie no script reads, and clears it", () => {
    const remember = { kind: "remember", slug: "city-centre" } as const;
    expect(locationCookieHeader(remember, false)).toBe(
      "location=city-centre; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax",
    );
    expect(locationCookieHeader(remember, true)).toMatch(/; Secure$/);
    expect(locationCookieHeader({ kind: "forget" }, false)).toMatch(/^location=; Max-Age=0; /);
    expect(locationCookieHeader({ kind: "none" }, false)).toBeNull();
    expect(locationCookieHeader({ kind: "redirect", search: "?location=x" }, false)).toBeNull();
  });
});
