// What the HTTP contract fixes for every /api answer, in a module light enough for the
// server entry (server/) to answer at the edge without loading the app: the status of each
// error code, the error body's shape and the request-body limit. Route handlers answer
// through errors.ts, which builds on this.
import type { ErrorCode } from "@/lib/errors";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_FUNDS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  SLOT_UNAVAILABLE: 409,
  RESERVATION_NOT_ACTIVE: 409,
  CONFLICT: 409,
  PRICE_CHANGED: 409,
  PLATE_TAKEN: 409,
  NOT_EXTENDABLE: 409,
  OUTSTANDING_BALANCE: 402,
  INVALID_GATE_KEY: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_BUSY: 503,
  // The card provider did not answer when a top-up started; the top-up stays pending.
  PAYMENT_PROVIDER_UNAVAILABLE: 502,
  INTERNAL_ERROR: 500,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

/** The status and JSON body of an error answer. */
export function errorBody(
  code: ErrorCode,
  message: string,
  details?: unknown,
): { status: number; body: ErrorBody } {
  return {
    status: STATUS_BY_CODE[code],
    body: { error: { code, message, ...(details !== undefined && { details }) } },
  };
}

/** The most a request body to /api may hold; larger ones get 413 PAYLOAD_TOO_LARGE. */
export const MAX_BODY_BYTES = 64 * 1024;

export const PAYLOAD_TOO_LARGE_MESSAGE = `The body may be at most ${MAX_BODY_BYTES} bytes.`;
