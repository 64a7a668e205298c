// GET /api/docs — the OpenAPI document rendered for people (public): a static page without
// scripts, under a policy that allows only its own stylesheet.
import { connection } from "next/server";
import { openApiDocument } from "@/app/api/_lib/openapi/document";
import { DOCS_CONTENT_SECURITY_POLICY, renderDocsPage } from "@/app/api/_lib/openapi/docs-page";

let page: string | undefined;

export async function GET(): Promise<Response> {
  // Rendered per request (from the page built once): a prerendered answer would not carry
  // its own Content-Security-Policy.
  await connection();
  page ??= renderDocsPage(openApiDocument().document);
  return new Response(page, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY,
    },
  });
}
