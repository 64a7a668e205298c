// The one error type of the domain. Route handlers map its code to an HTTP status and
// the contract's error shape in app/api/_lib/errors.ts; nothing else throws to clients.

export type ErrorCode =
  | "VALIDATION_ERROR"
  | "INVALID_JSON"
  | "UNAUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "INSUFFICIENT_FUNDS"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "SLOT_UNAVAILABLE"
  | "RESERVATION_NOT_ACTIVE"
  | "CONFLICT"
  | "PRICE_CHANGED"
  | "PLATE_TAKEN"
  | "NOT_EXTENDABLE"
  | "OUTSTANDING_BALANCE"
  | "INVALID_GATE_KEY"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "SERVICE_BUSY"
  | "PAYMENT_PROVIDER_UNAVAILABLE"
  | "INTERNAL_ERROR";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
}
