// Every exported method of every route.ts under app/api is in the OpenAPI document, and every
// documented path and method is routed: a new route without a description fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/app/api/_lib/openapi/document";
import { CATCH_ALL } from "@/app/api/_lib/openapi/operations";

const apiDir = path.join(import.meta.dirname, "../../../app/api");
const METHOD_EXPORT =
  /export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** `app/api/slots/[id]/route.ts` → `/api/slots/{id}`; the optional catch-all → CATCH_ALL.path. */
function templateOf(file: string): string {
  const segments = path.relative(apiDir, path.dirname(file)).split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith("[[..."))) return CATCH_ALL.path;
  return ["/api", ...segments.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
}

function routed(): Set<string> {
  const operations = new Set<string>();
  for (const file of routeFiles(apiDir)) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(METHOD_EXPORT)) {
      operations.add(`${match[1]!.toLowerCase()} ${templateOf(file)}`);
    }
  }
  return operations;
}

function documented(): Set<string> {
  const operations = new Set<string>();
  for (const [template, item] of Object.entries(buildOpenApiDocument().paths)) {
    for (const method of Object.keys(item)) operations.add(`${method} ${template}`);
  }
  return operations;
}

describe("the OpenAPI document and the routes", () => {
  it("finds the routes it compares (the scan itself works)", () => {
    expect(routed()).toContain("get /api/slots/{id}");
    expect(routed()).toContain("post /api/reservations/{id}/cancel");
    expect(routed()).toContain(`delete ${CATCH_ALL.path}`);
  });

  it("documents every exported method of every route", () => {
    const missing = [...routed()].filter((op) => !documented().has(op));
    expect(missing, "routes without a description in app/api/_lib/openapi/operations.ts").toEqual(
      [],
    );
  });

  it("routes every documented path and method", () => {
    const stale = [...documented()].filter((op) => !routed().has(op));
    expect(stale, "described operations no route.ts exports").toEqual([]);
  });

  it("gives every operation a unique id, a summary and at least one success answer", () => {
    const ids = new Set<string>();
    for (const item of Object.values(buildOpenApiDocument().paths)) {
      for (const op of Object.values(item)) {
        expect(ids.has(op.operationId as string), String(op.operationId)).toBe(false);
        ids.add(op.operationId as string);
        expect(op.summary).toBeTruthy();
        const statuses = Object.keys(op.responses as object).map(Number);
        expect(
          statuses.some((s) => s < 400) || op.operationId?.toString().includes("AnyOther"),
        ).toBe(true);
      }
    }
  });
});
