// One wrapper for every route handler: it refuses cross-site writes, resolves who is
// asking, enforces the route's access level, and turns every thrown error into the
// contract's error response.
import { NextResponse, connection } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { getCurrentActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin, requireStaff } from "@/lib/auth/access";
import { isCrossSiteWrite } from "@/lib/request-origin";
import { toErrorResponse } from "@/app/api/_lib/errors";
import { MAX_BODY_BYTES, PAYLOAD_TOO_LARGE_MESSAGE } from "@/app/api/_lib/contract";
import { idempotencyKeySchema } from "@/lib/validation/parking";

type Access = "public" | "user" | "staff" | "admin";

type HandlerContext<A extends Access> = {
  actor: A extends "public" ? Actor | null : Actor;
  /** The route's dynamic segments, awaited (validate them with readParams). */
  params: Record<string, string | string[] | undefined>;
};

/**
 * What Next.js passes a route handler as its second argument. In Next 16 `params` is a
 * Promise; `RouteContext<'/api/slots/[id]'>` (from `next typegen`) is assignable to this.
 */
type NextRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function apiRoute<A extends Access>(
  access: A,
  handler: (request: Request, context: HandlerContext<A>) => Promise<Response>,
): (request: Request, routeContext: NextRouteContext) => Promise<Response> {
  return async (request, routeContext) => {
    // Every API answer is per request: never prerendered at build time.
    await connection();
    try {
      // Before anything else, so that a refused request reads nothing and changes nothing
      // (a cookie-carrying form post from another site, say).
      if (isCrossSiteWrite(request.method, request.headers)) {
        throw new AppError("FORBIDDEN", "Requests from other sites may not change anything here.");
      }
      const params = (await routeContext?.params) ?? {};
      const actor = access === "public" ? null : await getCurrentActor();
      if (access !== "public") {
        if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
        if (access === "staff") requireStaff(actor);
        if (access === "admin") requireAdmin(actor);
      }
      return await handler(request, { actor, params } as HandlerContext<A>);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/**
 * Reads a JSON object body and validates it: 415 unless the body is declared JSON, 400
 * INVALID_JSON when it does not parse, 400 VALIDATION_ERROR when it is not an object or
 * fails the schema.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const text = await readBodyText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_JSON", "The body is not valid JSON.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION_ERROR", "The body must be a JSON object.", [
      { path: "(body)", message: "must be a JSON object" },
    ]);
  }
  return schema.parse(body);
}

/**
 * The body as text, read no further than MAX_BODY_BYTES: a larger one (declared or streamed,
 * chunked included) is refused with 413 without being read whole. The rest is left unread,
 * not cancelled: cancelling destroys the request and with it the socket, and a client still
 * sending would get a reset that can overtake the 413. Unread, the body waits under
 * backpressure until the server's linger after the answer closes the connection
 * (server/http-server.ts).
 */
async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", PAYLOAD_TOO_LARGE_MESSAGE);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The connection broke (the client went away) before the body ended.
      throw new AppError("INVALID_JSON", "The body ended before it was complete.");
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      reader.releaseLock();
      throw new AppError("PAYLOAD_TOO_LARGE", PAYLOAD_TOO_LARGE_MESSAGE);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Validates a route's dynamic segments, e.g. `{id: "12"}` → `{id: 12}` (400 when malformed). */
export function readParams<S extends z.ZodType>(
  params: HandlerContext<Access>["params"],
  schema: S,
): z.output<S> {
  return schema.parse(params);
}

/** Validates the query string; a parameter given twice is an error, not a silent pick. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    if (values.length > 1) {
      throw new AppError("VALIDATION_ERROR", "The request is not valid.", [
        { path: key, message: "must be given once" },
      ]);
    }
    query[key] = values[0]!;
  }
  return schema.parse(query);
}

/** The request's Idempotency-Key header, if it sent one (400 when malformed). */
export function readIdempotencyKey(request: Request): string | undefined {
  const header = request.headers.get("idempotency-key");
  if (header === null) return undefined;
  const parsed = idempotencyKeySchema.safeParse(header);
  if (!parsed.success) {
    throw new AppError("VALIDATION_ERROR", "The Idempotency-Key header is not valid.", [
      { path: "Idempotency-Key", message: parsed.error.issues[0]?.message ?? "is not valid" },
    ]);
  }
  return parsed.data;
}

/**
 * The caller's address for rate limiting. Next.js fills X-Forwarded-For with the socket's
 * address when the request has none, and a reverse proxy appends the address it saw, so
 * the right-most entry is the one a client can forge least.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",").at(-1)?.trim() || "unknown";
}

export function json<T>(data: T, status = 200): NextResponse<T> {
  return NextResponse.json(data, { status, headers: { "Cache-Control": "no-store" } });
}

const serialized = new WeakMap<object, string>();

/**
 * json({ ...kept, ...fresh }) for a `kept` object that never changes (a value computed
 * once per slot snapshot): its JSON is made once and kept with it, and only `fresh` is
 * serialized per answer. The network's availability is ~64 KB of JSON at 20 garages, asked
 * for by every open dashboard every few seconds.
 */
export function jsonExtending<K extends object, F extends object>(
  kept: K,
  fresh: F & { [P in keyof K]?: never },
): NextResponse<K & F> {
  let keptJson = serialized.get(kept);
  if (keptJson === undefined) serialized.set(kept, (keptJson = JSON.stringify(kept)));
  const freshJson = JSON.stringify(fresh);
  const inner = [keptJson.slice(1, -1), freshJson.slice(1, -1)].filter((part) => part !== "");
  return new NextResponse(`{${inner.join(",")}}`, {
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
