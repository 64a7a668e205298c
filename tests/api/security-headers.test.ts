// The security headers, read from the built app: on pages, API answers (success and error,
// the edge's own included) and static files; HSTS only over HTTPS; pages with a fresh
// nonce per response that Next.js puts on its inline scripts.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Client, login } from "./client";
import { rawRequest } from "./raw-http";

const EVERYWHERE: Record<string, RegExp> = {
  "x-content-type-options": /^nosniff$/,
  "x-frame-options": /^DENY$/,
  "referrer-policy": /^same-origin$/,
  "permissions-policy": /camera=\(\).*geolocation=\(\)/,
  "content-security-policy": /frame-ancestors 'none'/,
};

function expectSecurityHeaders(headers: Headers, what: string) {
  for (const [name, pattern] of Object.entries(EVERYWHERE)) {
    expect(headers.get(name) ?? "(missing)", `${name} on ${what}`).toMatch(pattern);
  }
  expect(headers.get("strict-transport-security"), `no HSTS over http on ${what}`).toBeNull();
}

/** The CSP directives as a map: "script-src" → ["'self'", …]. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers", () => {
  it("are on API answers, errors from the routes and from the edge", async () => {
    const client = new Client();
    const answers = {
      "GET /api/health": await client.get("/api/health"),
      "GET /api/me (401)": await client.get("/api/me"),
      "GET /api/nope (404)": await client.get("/api/nope"),
      "TRACE /api/health (405)": await rawRequest("TRACE", "/api/health"),
      "GET /api/slots/%ff (400)": await rawRequest("GET", "/api/slots/%ff"),
      "POST 413": await rawRequest("POST", "/api/auth/login", {
        headers: { "content-type": "application/json", "content-length": "9999999" },
      }),
    };
    for (const [what, response] of Object.entries(answers)) {
      expectSecurityHeaders(response.headers, what);
      // Nothing an API answer says may run or load anything.
      expect(response.headers.get("content-security-policy"), what).toMatch(/default-src 'none'/);
    }
  });

  it("are on pages (signed in or not), with a page policy that a nonce opens", async () => {
    const staff = await login("staff");
    for (const [client, path] of [
      [new Client(), "/login"],
      [new Client(), "/no-such-page"],
      [staff, "/"],
      [staff, "/analytics"],
    ] as const) {
      const first = await client.get(path);
      const second = await client.get(path);
      expectSecurityHeaders(first.headers, path);
      const policy = directives(first.headers.get("content-security-policy") ?? "");
      const script = policy.get("script-src") ?? [];
      const nonce = script.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, `a nonce in ${path}'s script-src`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(script, path).not.toContain("'unsafe-inline'");
      expect(policy.get("object-src"), path).toEqual(["'none'"]);
      expect(policy.get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(policy.get("base-uri"), path).toEqual(["'self'"]);
      // Next.js put this response's nonce on its inline scripts, and every nonce differs.
      expect(first.text, path).toContain(`nonce="${nonce}"`);
      expect(second.headers.get("content-security-policy"), path).not.toContain(nonce);
      // Every inline script runs by nonce or by a hash in the policy; none is left out.
      for (const [, attributes, body] of first.text.matchAll(
        /<script([^>]*)>([\s\S]*?)<\/script>/g,
      )) {
        if (/\bsrc=/.test(attributes!) || attributes!.includes(`nonce="${nonce}"`)) continue;
        const hash = `'sha256-${createHash("sha256").update(body!).digest("base64")}'`;
        expect(script, `inline script without a nonce on ${path}: ${body!.slice(0, 80)}`).toContain(
          hash,
        );
      }
    }
  });

  it("are on static files", async () => {
    const page = await new Client().get("/login");
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page.text)?.[0];
    expect(asset).toBeDefined();
    const response = await new Client().get(asset!);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers, asset!);
    expectSecurityHeaders((await new Client().get("/icon.svg")).headers, "/icon.svg");
  });

  it("add HSTS only when the request came over HTTPS (here: through a TLS proxy)", async () => {
    for (const path of ["/api/health", "/login"]) {
      const viaTls = await new Client().get(path, { headers: { "x-forwarded-proto": "https" } });
      expect(viaTls.headers.get("strict-transport-security"), path).toMatch(/^max-age=\d{7,}/);
    }
  });
});
