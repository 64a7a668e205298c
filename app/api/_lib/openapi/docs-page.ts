// The OpenAPI document rendered for people as one static HTML page: no script at all and
// nothing loaded from elsewhere, so it works under the pages' policy (server/edge.ts) as it is.
// Operations fold open with <details>; schemas are shown as JSON, references as links.
// Scrollable blocks take focus (tabindex) so that a keyboard can scroll them.
import type { OpenApiDocument } from "@/app/api/_lib/openapi/document";

type Json = Record<string, unknown>;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1f2933}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;text-transform:capitalize}
details{border:1px solid #d5d9e0;border-radius:6px;margin:.4rem 0;padding:.3rem .7rem}
summary{cursor:pointer}code,pre{font:13px/1.4 ui-monospace,monospace}
pre{background:#f4f6f8;padding:.6rem;overflow:auto;border-radius:4px;max-height:28rem}
.m{display:inline-block;min-width:4.2rem;font-weight:700;text-transform:uppercase}
.get{color:#0b6e4f}.post{color:#1d4ed8}.put,.patch{color:#a16207}.delete{color:#b91c1c}
.access{float:right;font-size:.8rem;color:#52606d}code{overflow-wrap:anywhere}
table{border-collapse:collapse;display:block;overflow-x:auto}
td,th{border:1px solid #d5d9e0;padding:.2rem .5rem;text-align:left;vertical-align:top}`;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON with each `$ref` to a component shown as a link to that component. */
function schemaHtml(schema: unknown): string {
  const text = escape(JSON.stringify(schema, null, 2));
  return `<pre tabindex="0">${text.replace(
    /&#34;#\/components\/schemas\/([A-Za-z0-9_]+)&#34;/g,
    (_m, name: string) => `<a href="#schema-${name}">${name}</a>`,
  )}</pre>`;
}

function operationHtml(path: string, method: string, op: Json): string {
  const parameters = (op.parameters as Json[] | undefined) ?? [];
  const params = parameters.length
    ? `<table tabindex="0"><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(String(p.name))}</code></td><td>${escape(String(p.in))}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? ` ${escape(String(p.description))}` : ""}</td></tr>`,
        )
        .join("")}</table>`
    : "";
  const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)
    ?.content["application/json"]?.schema;
  const responses = Object.entries(op.responses as Record<string, Json>)
    .map(([status, response]) => {
      const content = response.content as Record<string, { schema?: unknown }> | undefined;
      const media = content ? Object.entries(content)[0] : undefined;
      return `<details><summary><b>${status}</b> ${escape(String(response.description))}${media ? ` <code>${escape(media[0])}</code>` : ""}</summary>${media?.[1].schema ? schemaHtml(media[1].schema) : ""}</details>`;
    })
    .join("");
  return `<details id="${escape(String(op.operationId))}"><summary><span class="m ${method}">${method}</span> <code>${escape(path)}</code> — ${escape(String(op.summary))}<span class="access">${escape(String(op["x-access"]))}</span></summary>
${op.description ? `<p>${escape(String(op.description))}</p>` : ""}${params}${body ? `<h4>Body (application/json)</h4>${schemaHtml(body)}` : ""}<h4>Responses</h4>${responses}</details>`;
}

export function renderDocsPage(document: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const tag = ((op.tags as string[] | undefined) ?? ["other"])[0]!;
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(path, method, op)]);
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2 id="tag-${escape(tag)}">${escape(tag)}</h2>${ops.join("\n")}`)
    .join("\n");
  const schemas = Object.entries(document.components.schemas)
    .map(
      ([name, schema]) =>
        `<details id="schema-${escape(name)}"><summary><code>${escape(name)}</code></summary>${schemaHtml(schema)}</details>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/icon.svg"><title>${escape(document.info.title)}</title><style>${STYLE}</style></head><body>
<h1>${escape(document.info.title)} <small>(OpenAPI ${escape(document.openapi)})</small></h1>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<pre tabindex="0">${escape(document.info.description)}</pre>
${sections}
<h2 id="schemas">Schemas</h2>${schemas}
</body></html>`;
}
