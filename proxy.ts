// Runs before every page (not /api except /api/docs, not static files): gives the page a Content-Security-Policy
// with a fresh nonce. Next.js reads the policy from the request's headers and puts the nonce on
// the scripts it renders; the response carries the same policy (lib/security-headers.ts).
// It also applies the location choice (lib/validation/location-choice.ts): remembers
// `?location=` in a cookie and sends a page request without it to the URL carrying the
// remembered one, so the address bar always shows what the page is about.
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/security-headers";
import { LOCATION_COOKIE, locationChoiceStep } from "@/lib/validation/location-choice";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

export function proxy(request: NextRequest) {
  const step = locationChoiceStep(
    request.nextUrl.pathname,
    request.nextUrl.searchParams,
    request.cookies.get(LOCATION_COOKIE)?.value,
    // The App Router marks its prefetches with this header.
    { prefetch: request.headers.has("next-router-prefetch") },
  );
  if (step.kind === "redirect") {
    const target = request.nextUrl.clone();
    target.search = step.search;
    return NextResponse.redirect(target, 307);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (step.kind === "remember") {
    response.cookies.set(LOCATION_COOKIE, step.slug, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      secure: request.nextUrl.protocol === "https:",
      maxAge: YEAR_SECONDS,
    });
  } else if (step.kind === "forget") {
    response.cookies.delete(LOCATION_COOKIE);
  }
  return response;
}

export const config = {
  // /api/docs is a page too (the API's document for people), under the same policy.
  matcher: ["/((?!api/|api$|_next/static/|_next/image|favicon.ico|icon.svg).*)", "/api/docs"],
};
