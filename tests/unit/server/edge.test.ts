// What the edge decides about a page before Next.js reads it: which paths are pages, a fresh
// nonce for each, and the policy Next.js reads from the request (never the client's own).
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isPagePath } from "@/server/edge";
import { createAppServer, type AppServer } from "@/server/http-server";

let app: AppServer | undefined;
afterEach(async () => {
  await app?.close(1_000);
  app = undefined;
});

/** An app whose handler answers with the policy Next.js would read from the request. */
async function echoPolicyServer(): Promise<string> {
  app = createAppServer(async (req, res) => {
    res.end(String(req.headers["content-security-policy"] ?? "(none)"));
  });
  await new Promise<void>((resolve) => app!.server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

describe("the edge's pages", () => {
  it("are every path but the API's (its document included) and the build's files", () => {
    for (const page of ["/", "/slots", "/api/docs", "/apiary", "/_next/data/x", "/robots.txt"]) {
      expect(isPagePath(page), page).toBe(true);
    }
    for (const other of ["/api", "/api/", "/api/slots", "/_next/static/chunks/a.js"]) {
      expect(isPagePath(other), other).toBe(false);
    }
    for (const file of ["/_next/image", "/favicon.ico", "/icon.svg"]) {
      expect(isPagePath(file), file).toBe(false);
    }
  });

  it("get a fresh nonce each, on the request Next.js reads and on the answer", async () => {
    const base = await echoPolicyServer();
    const forged = { "content-security-policy": "script-src 'nonce-forged'" };
    const [first, second] = await Promise.all([
      fetch(`${base}/slots`, { headers: forged }),
      fetch(`${base}/slots`),
    ]);
    const seen = [await first!.text(), await second!.text()];
    for (const [i, response] of [first!, second!].entries()) {
      expect(seen[i]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/);
      expect(response.headers.get("content-security-policy")).toBe(seen[i]);
    }
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[0]).not.toContain("forged");
  });

  it("leave no client's policy on other requests either", async () => {
    const base = await echoPolicyServer();
    const answer = await fetch(`${base}/api/health`, {
      headers: { "content-security-policy": "script-src 'nonce-forged'" },
    });
    expect(await answer.text()).toBe("(none)");
    expect(answer.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });
});
