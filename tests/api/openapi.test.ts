// GET /api/openapi.json and /api/docs: the document is public, OpenAPI 3.1 and cacheable; the
// page renders it without any script, under the pages' nonce-based policy.
import { describe, expect, it } from "vitest";
import { Client } from "./client";

const anyone = new Client();

describe("GET /api/openapi.json", () => {
  it("serves an OpenAPI 3.1 document of the routes to anyone, cacheable with an ETag", async () => {
    const response = await anyone.get("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toMatch(/\bpublic\b/);
    const doc = response.body as { openapi: string; paths: Record<string, object> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/reserve", "/api/slots/{id}", "/api/openapi.json", "/api/docs"]),
    );
    const etag = response.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await anyone.get("/api/openapi.json", { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });
});

describe("GET /api/docs", () => {
  it("renders every operation as HTML with no script, under the pages' strict policy", async () => {
    const response = await anyone.get("/api/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    // The pages' policy: scripts only from this origin or with this response's nonce.
    const policy = response.headers.get("content-security-policy") ?? "";
    const scripts = /script-src ([^;]*)/.exec(policy)?.[1] ?? "";
    expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(policy).not.toMatch(/https?:/);
    expect(response.text).not.toMatch(/<script/i);
    expect(response.text).not.toMatch(/(src|href)="(https?:)?\/\//i);
    for (const path of [
      "/api/reserve",
      "/api/slots/{id}",
      "/api/auth/password",
      "/api/audit-log",
    ]) {
      expect(response.text).toContain(`<code>${path}</code>`);
    }
  });
});
