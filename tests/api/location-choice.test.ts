// The location choice over HTTP (lib/validation/location-choice.ts, applied by the server's
// edge to page requests): `?location=` remembers a garage in a cookie, a scoped page opened
// without it is sent to the address carrying the remembered one, `?location=` (empty)
// forgets it; the router's prefetches change nothing; the API and unscoped pages ignore it.
import { describe, expect, it } from "vitest";
import { login, parseSetCookie, type ApiResponse } from "./client";

const SLUG = "city-centre";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

function locationCookie(response: ApiResponse) {
  const headers = response.headers.getSetCookie().map(parseSetCookie);
  return headers.find((cookie) => cookie.name === "location");
}

describe("the location choice", () => {
  it("is remembered from ?location=, carried to scoped pages, forgotten with ?location=", async () => {
    const staff = await login("staff");
    const chosen = await staff.get(`/slots?location=${SLUG}`);
    expect(chosen.status).toBe(200);
    const cookie = locationCookie(chosen);
    expect(cookie?.value).toBe(SLUG);
    expect(cookie?.attributes).toMatchObject({
      path: "/",
      httponly: true,
      samesite: expect.stringMatching(/^lax$/i),
      "max-age": String(YEAR_SECONDS),
    });
    expect(cookie?.attributes.secure, "not Secure over plain HTTP").toBeUndefined();

    // A scoped page without the parameter: sent to the same address carrying it, the
    // other parameters kept.
    const carried = await staff.get("/slots?floor=2");
    expect(carried.status).toBe(307);
    expect(carried.headers.get("location")).toBe(`/slots?floor=2&location=${SLUG}`);
    expect((await staff.get("/")).headers.get("location")).toBe(`/?location=${SLUG}`);
    // A router fetch keeps its cache-busting parameter on the way.
    const rsc = await staff.get("/reservations?_rsc=abc12", { headers: { rsc: "1" } });
    expect(rsc.status).toBe(307);
    expect(rsc.headers.get("location")).toBe(`/reservations?_rsc=abc12&location=${SLUG}`);

    // Pages that are not about a location, and the API, ignore it.
    expect((await staff.get("/account")).status).toBe(200);
    expect((await staff.get("/api/health")).status).toBe(200);

    // The whole network, chosen explicitly: the cookie is cleared and nothing is carried.
    const network = await staff.get("/slots?location=");
    expect(network.status).toBe(200);
    expect(locationCookie(network)?.value).toBe("");
    expect(staff.cookie("location")).toBeUndefined();
    expect((await staff.get("/slots")).status).toBe(200);
  });

  it("is not chosen by a prefetch, nor by a slug that is not one", async () => {
    const staff = await login("staff");
    const prefetch = await staff.get(`/slots?location=${SLUG}`, {
      headers: { rsc: "1", "next-router-prefetch": "1" },
    });
    expect(locationCookie(prefetch)).toBeUndefined();
    expect(locationCookie(await staff.get("/slots?location=Not%20A%20Slug"))).toBeUndefined();

    // A remembered value that is not a slug is not carried anywhere.
    staff.setCookie("location", "x");
    expect((await staff.get("/slots")).status).toBe(200);
  });

  it("applies to pages only: the API does not remember or redirect", async () => {
    const staff = await login("staff");
    const api = await staff.get(`/api/slots?location=${SLUG}`);
    expect(locationCookie(api)).toBeUndefined();
    staff.setCookie("location", SLUG);
    expect((await staff.get("/api/slots")).status).toBe(200);
  });
});
