// Runs before every page (not /api except /api/docs, not static files): gives the page a Content-Security-Policy
// with a fresh nonce. Next.js reads the policy from the request's headers and puts the nonce on
// the scripts it renders; the response carries the same policy (lib/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // /api/docs is a page too (the API's document for people), under the same policy.
  matcher: ["/((?!api/|api$|_next/static/|_next/image|favicon.ico|icon.svg).*)", "/api/docs"],
};
