// The contract check every API test runs through its client (client.ts): each response is
// validated with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses) against the document the
// server serves at GET /api/openapi.json. An undocumented path, method, status, content type
// or field is a failure; failures are collected and fail the test file in an afterAll
// (tests/setup/contract-check.ts), so one check covers every request of the suite.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { inject } from "vitest";
import type { ApiResponse } from "./client";

type JsonObject = Record<string, unknown>;
type Content = Record<string, { schema?: JsonObject }>;
type ResponseSpec = { content?: Content; headers?: JsonObject };
type OperationSpec = { responses: Record<string, ResponseSpec> };
export type OpenApi = {
  openapi: string;
  paths: Record<string, Record<string, OperationSpec>>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, ResponseSpec> };
};

const CATCH_ALL = "/api/{path}";
// ajv-formats is CommonJS: its function is the default export's default under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export class ContractChecker {
  private readonly ajv = addFormats(new Ajv2020({ strict: true, allErrors: true }));
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: { template: string; pattern: RegExp; literals: number }[];

  constructor(readonly document: OpenApi) {
    this.routes = Object.keys(document.paths)
      .filter((template) => template !== CATCH_ALL)
      .map((template) => ({
        template,
        pattern: new RegExp(
          `^${template
            .split(/\{[^}]+\}/)
            .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
            .join("[^/]+")}$`,
        ),
        literals: template.replace(/\{[^}]+\}/g, "").length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** The documented path template a request path answers under (the catch-all if none). */
  templateOf(pathname: string): string {
    return this.routes.find((route) => route.pattern.test(pathname))?.template ?? CATCH_ALL;
  }

  private validator(key: string, schema: JsonObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      // The components go along as $defs, so that the document's references resolve.
      const text = JSON.stringify({ ...schema, $defs: this.document.components.schemas });
      validate = this.ajv.compile(
        JSON.parse(text.replaceAll('"#/components/schemas/', '"#/$defs/')) as JsonObject,
      );
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** What is wrong with this answer to `method path` by the document, or [] when nothing. */
  check(method: string, url: string, response: ApiResponse): string[] {
    const pathname = new URL(url, "http://localhost").pathname;
    // Pages and static files are not part of the API (some API tests read them too).
    if (pathname !== "/api" && !pathname.startsWith("/api/")) return [];
    const template = this.templateOf(pathname);
    const item = this.document.paths[template]!;
    const verb = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    const operation = item[verb];
    let spec: ResponseSpec | undefined;
    let key: string;
    if (operation) {
      spec = operation.responses[String(response.status)];
      key = `${template} ${verb} ${response.status}`;
      if (!spec) return [`undocumented status ${response.status} for ${verb} ${template}`];
    } else {
      if (response.status !== 405) {
        return [`${verb} ${template} is not documented, yet it answered ${response.status}`];
      }
      spec = this.document.components.responses.MethodNotAllowed!;
      key = "405";
      if (!response.headers.get("allow")) return ["405 without an Allow header"];
    }
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
    if (!spec.content) {
      return response.text === "" ? [] : [`${key}: documented without a body, but it has one`];
    }
    const media = spec.content[contentType];
    if (!media) return [`${key}: undocumented content type "${contentType}"`];
    if (contentType !== "application/json" || method.toUpperCase() === "HEAD") return [];
    if (response.body === undefined) return [`${key}: the body is not JSON`];
    const validate = this.validator(key, media.schema ?? {});
    if (validate(response.body)) return [];
    return (validate.errors ?? []).map(
      (error) =>
        `${key}: ${error.instancePath || "(body)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
    );
  }
}

let checker: Promise<ContractChecker> | undefined;
const failures: string[] = [];

/** The checker for the server under test, its document fetched once per test file. */
export function contractChecker(): Promise<ContractChecker> {
  checker ??= fetch(`${inject("baseUrl")}/api/openapi.json`).then(async (response) => {
    if (response.status !== 200) throw new Error(`GET /api/openapi.json: ${response.status}`);
    return new ContractChecker((await response.json()) as OpenApi);
  });
  return checker;
}

/** Checks an answer and remembers what is wrong with it (see contractFailures). */
export async function recordContractCheck(
  method: string,
  path: string,
  response: ApiResponse,
): Promise<void> {
  const problems = (await contractChecker()).check(method, path, response);
  for (const problem of problems) {
    failures.push(
      `${method} ${path} → ${response.status}: ${problem}\n  ${response.text.slice(0, 300)}`,
    );
  }
}

/** Every contract failure seen so far in this test file. */
export function contractFailures(): readonly string[] {
  return failures;
}
