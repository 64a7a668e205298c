// The one way the browser talks to /api: JSON in and out, and every failure thrown as an
// ApiError carrying the contract's {status, code, message, details}.
// The codes are the domain's (a type-only import: nothing of lib/ reaches the browser).
import type { ErrorCode } from "@/lib/errors";

export type ApiErrorCode =
  | ErrorCode
  /** Not from the server: the request never got an answer. */
  | "NETWORK_ERROR";

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The server is down or unreachable (as opposed to answering "no"). */
  get isOutage(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; details?: unknown } };

async function toApiError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's error page, say)
  }
  const error = body?.error;
  return new ApiError(
    response.status,
    typeof error?.code === "string" ? error.code : "INTERNAL_ERROR",
    typeof error?.message === "string" ? error.message : `Request failed (${response.status}).`,
    error?.details,
  );
}

async function request<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: "same-origin", cache: "no-store", ...init });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "The server cannot be reached.");
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** SWR's fetcher: GET a key (a /api URL) as JSON. */
export function fetcher<T>(url: string): Promise<T> {
  return request<T>(url, { headers: { Accept: "application/json" } });
}

/** POST a JSON body (or none) and read the JSON answer. */
export function postJson<T>(
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return sendJson<T>("POST", url, body, headers);
}

/** PATCH, PUT or DELETE (or POST) a JSON body, or none, and read the JSON answer. */
export function sendJson<T>(
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return request<T>(url, {
    method,
    headers: {
      Accept: "application/json",
      ...(body !== undefined && { "Content-Type": "application/json" }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}
