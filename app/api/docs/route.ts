// GET /api/docs — the OpenAPI document rendered for people (public): a page without scripts,
// under the pages' Content-Security-Policy (server/edge.ts).
import { connection } from "next/server";
import { openApiDocument } from "@/app/api/_lib/openapi/document";
import { renderDocsPage } from "@/app/api/_lib/openapi/docs-page";

let page: string | undefined;

export async function GET(): Promise<Response> {
  // Per request (the page itself is built once), like every API answer.
  await connection();
  page ??= renderDocsPage(openApiDocument().document);
  return new Response(page, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
    },
  });
}
