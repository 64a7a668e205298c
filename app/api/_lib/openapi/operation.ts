// How a route is described for the OpenAPI document: its request schemas (the same ones the
// handler validates with), its success answers' schemas, and the error codes its domain can
// answer. The errors every route of its kind answers (sign-in, role, body, edge, database)
// are added by document.ts from `access` and the request parts, so they are never listed here.
import type { z } from "zod";
import type { ErrorCode } from "@/lib/errors";

export type Access = "public" | "user" | "staff" | "admin";
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** What a success answer carries: a JSON schema, no body (204), or a non-JSON document. */
export type SuccessBody =
  z.ZodType | { empty: true } | { contentType: string; description: string };

export type Operation = {
  method: HttpMethod;
  /** The OpenAPI path template, e.g. `/api/slots/{id}`. */
  path: string;
  /** Who may call it: anyone, any signed-in user, staff (and admins), or admins. */
  access: Access;
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON object body (415/400/413 follow from it). */
  body?: z.ZodType;
  headers?: { name: string; schema: z.ZodType; description: string }[];
  /** The success answers by status; at least one. */
  responses: Record<number, { description: string; body: SuccessBody }>;
  /** Error codes the route's own domain answers with (not those `access`, body or query imply). */
  errors?: ErrorCode[];
  /**
   * False for the few handlers that answer without the shared wrapper (app/api/_lib/handler.ts):
   * they touch no session and read no body, so only the edge's refusals apply to them.
   */
  wrapped?: boolean;
};

/** Identity, typed: a route's description, checked where it is written. */
export function operation(op: Operation): Operation {
  return op;
}
