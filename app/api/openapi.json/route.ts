// GET /api/openapi.json — the OpenAPI 3.1 document of every /api route (public), generated
// from the zod schemas (app/api/_lib/openapi). It changes only with a new build: cacheable.
import { createHash } from "node:crypto";
import { openApiDocument } from "@/app/api/_lib/openapi/document";

let etag: string | undefined;

export function GET(request: Request): Response {
  const { text } = openApiDocument();
  etag ??= `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(text, { headers });
}
