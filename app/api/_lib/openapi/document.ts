// The OpenAPI 3.1 document of every /api route, generated from the operations' zod schemas
// (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses) and the status of each error
// code (contract.ts). Built once per process: it depends only on the code.
import { z } from "zod";
import type { ErrorCode } from "@/lib/errors";
import { errorBodySchema } from "@/lib/api-schemas/common";
import { SESSION_COOKIE_NAME } from "@/lib/auth/session";
import { STATUS_BY_CODE } from "@/app/api/_lib/contract";
import type { Operation } from "@/app/api/_lib/openapi/operation";
import { CATCH_ALL, OPERATIONS } from "@/app/api/_lib/openapi/operations";

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, JsonSchema>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
  tags: { name: string }[];
};

const DESCRIPTION = `The HTTP contract of the Smart Parking app, generated from the zod schemas that validate
its requests and describe its answers. Every answer, errors included, matches this document.

- JSON in and out; money in integer cents; times in UTC ISO-8601 with a \`Z\`.
- Every error is \`{"error": {"code", "message", "details"?}}\`; a VALIDATION_ERROR names each
  offending field in \`details: [{path, message}]\`.
- A method a path does not take answers 405 METHOD_NOT_ALLOWED with an \`Allow\` header
  (components.responses.MethodNotAllowed); a path no route has answers 404 NOT_FOUND.
- A state-changing request from another site (\`Origin\` or \`Sec-Fetch-Site: cross-site\`)
  answers 403 FORBIDDEN and changes nothing.`;

/** Converts one schema; its named parts (`.meta({id})`) go to `defs`, referenced from there. */
function toSchema(schema: z.ZodType, io: "input" | "output", defs: Record<string, JsonSchema>) {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    // Dates parsed from query strings are strings on the wire: their input side is what counts.
    unrepresentable: "any",
  }) as JsonSchema;
  const { $defs, ...rest } = json as JsonSchema & { $defs?: object };
  delete rest.$schema; // the document names its dialect once
  const text = JSON.stringify(rest).replaceAll('"#/$defs/', '"#/components/schemas/');
  for (const [name, def] of Object.entries($defs ?? {})) {
    defs[name] = JSON.parse(
      JSON.stringify(def).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema;
  }
  return JSON.parse(text) as JsonSchema;
}

/** "An integer from 1 to 500; default 50": what a query string's text must spell. */
function valueNote(output: JsonSchema | undefined): string | undefined {
  if (!output) return undefined;
  const parts: string[] = [];
  if (output.type === "integer" || output.type === "number") {
    const kind = output.type === "integer" ? "A whole number" : "A number";
    parts.push(`${kind} from ${String(output.minimum)} to ${String(output.maximum)}`);
  }
  if (output.default !== undefined) parts.push(`default ${JSON.stringify(output.default)}`);
  return parts.length > 0 ? `${parts.join("; ")}.` : undefined;
}

function parameters(op: Operation, defs: Record<string, JsonSchema>): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const input = toSchema(schema, "input", defs) as {
      properties: Record<string, JsonSchema>;
      required?: string[];
    };
    const output = toSchema(schema, "output", defs) as { properties: Record<string, JsonSchema> };
    for (const [name, property] of Object.entries(input.properties)) {
      const note = valueNote(output.properties[name]);
      list.push({
        name,
        in: where,
        required: where === "path" || (input.required ?? []).includes(name),
        schema: property,
        ...(note && { description: note }),
      });
    }
  }
  for (const header of op.headers ?? []) {
    list.push({
      name: header.name,
      in: "header",
      required: false,
      description: header.description,
      schema: toSchema(header.schema, "input", defs),
    });
  }
  return list;
}

/** The error codes a route answers: its domain's, and those its kind implies. */
export function errorCodesOf(op: Operation): ErrorCode[] {
  // The edge refuses any /api request with a malformed path or a body declared too large.
  const codes = new Set<ErrorCode>(["VALIDATION_ERROR", "PAYLOAD_TOO_LARGE"]);
  if (op.wrapped !== false) {
    codes.add("INTERNAL_ERROR").add("SERVICE_BUSY");
    if (op.method !== "get") codes.add("FORBIDDEN"); // a cross-site write
  }
  if (op.access !== "public") codes.add("UNAUTHENTICATED");
  if (op.access === "staff" || op.access === "admin") codes.add("FORBIDDEN");
  if (op.body) codes.add("INVALID_JSON").add("UNSUPPORTED_MEDIA_TYPE");
  for (const code of op.errors ?? []) codes.add(code);
  return [...codes];
}

function errorResponses(codes: ErrorCode[], defs: Record<string, JsonSchema>) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = STATUS_BY_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, JsonSchema> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.join(", "),
      ...(list.includes("SERVICE_BUSY") && {
        headers: { "Retry-After": { schema: { type: "string" }, description: "Seconds." } },
      }),
      content: {
        "application/json": {
          schema: toSchema(errorBodySchema(list as [ErrorCode, ...ErrorCode[]]), "output", defs),
        },
      },
    };
  }
  return responses;
}

function successContent(
  body: Operation["responses"][number]["body"],
  defs: Record<string, JsonSchema>,
) {
  if ("empty" in body) return undefined;
  if ("contentType" in body) {
    const type = body.contentType === "application/json" ? "object" : "string";
    return { [body.contentType]: { schema: { type, description: body.description } } };
  }
  return { "application/json": { schema: toSchema(body as z.ZodType, "output", defs) } };
}

function describeOperation(op: Operation, defs: Record<string, JsonSchema>): JsonSchema {
  const responses = errorResponses(errorCodesOf(op), defs);
  for (const [status, success] of Object.entries(op.responses)) {
    const content = successContent(success.body, defs);
    const clash = responses[status];
    if (clash && content) {
      // A success and an error on one status (health's 503): either body may come.
      const errorSchema = (clash.content as Record<string, { schema: JsonSchema }>)[
        "application/json"
      ]!.schema;
      const successSchema = content["application/json"]!.schema;
      responses[status] = {
        description: `${success.description} Or: ${String(clash.description)}`,
        content: { "application/json": { schema: { anyOf: [successSchema, errorSchema] } } },
      };
    } else {
      responses[status] = { description: success.description, ...(content && { content }) };
    }
  }
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ?? "").toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description && { description: op.description }),
    "x-access": op.access,
    ...(op.access !== "public" && { security: [{ session: [] }] }),
    parameters: parameters(op, defs),
    ...(op.body && {
      requestBody: {
        required: true,
        content: { "application/json": { schema: toSchema(op.body, "input", defs) } },
      },
    }),
    responses: Object.fromEntries(
      Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)),
    ),
  };
}

function catchAll(defs: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const item: Record<string, JsonSchema> = {};
  for (const method of CATCH_ALL.methods) {
    item[method] = {
      operationId: `${method}AnyOtherPath`,
      tags: ["system"],
      summary: "Any path no route has (it may span several segments): 404",
      "x-access": "public",
      parameters: [{ name: "path", in: "path", required: true, schema: { type: "string" } }],
      responses: errorResponses(["NOT_FOUND", "VALIDATION_ERROR", "PAYLOAD_TOO_LARGE"], defs),
    };
  }
  return item;
}

export function buildOpenApiDocument(): OpenApiDocument {
  const defs: Record<string, JsonSchema> = {};
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) {
    (paths[op.path] ??= {})[op.method] = describeOperation(op, defs);
  }
  paths[CATCH_ALL.path] = catchAll(defs);
  const methodNotAllowed = errorResponses(["METHOD_NOT_ALLOWED"], defs)["405"]!;
  return {
    openapi: "3.1.0",
    info: { title: "Smart Parking API", version: "2", description: DESCRIPTION },
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
      responses: {
        MethodNotAllowed: {
          ...methodNotAllowed,
          headers: {
            Allow: { schema: { type: "string" }, description: "The methods the path takes." },
          },
        },
      },
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: SESSION_COOKIE_NAME,
          description: "Set by login and register (httpOnly, SameSite=Lax).",
        },
      },
    },
  };
}

let built: { document: OpenApiDocument; text: string } | undefined;

/** The document and its JSON text, built on first use. */
export function openApiDocument(): { document: OpenApiDocument; text: string } {
  if (!built) {
    const document = buildOpenApiDocument();
    built = { document, text: JSON.stringify(document) };
  }
  return built;
}
