// The one place where errors become HTTP responses in the contract's shape:
// {"error": {"code", "message", "details"?}}. Unknown errors are logged and answered with
// a generic 500 that carries no stack, SQL or ORM text.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { AppError, type ErrorCode } from "@/lib/errors";

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INSUFFICIENT_FUNDS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SLOT_UNAVAILABLE: 409,
  RESERVATION_NOT_ACTIVE: 409,
  CONFLICT: 409,
  PRICE_CHANGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_BUSY: 503,
  INTERNAL_ERROR: 500,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export function errorResponse(
  code: ErrorCode,
  message: string,
  details?: unknown,
): NextResponse<ErrorBody> {
  const body: ErrorBody = { error: { code, message, ...(details !== undefined && { details }) } };
  // A busy database clears within moments: tell clients when to try again.
  const headers = code === "SERVICE_BUSY" ? { "Retry-After": "1" } : undefined;
  return NextResponse.json(body, { status: STATUS_BY_CODE[code], headers });
}

export function validationDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

export function toErrorResponse(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.details);
  if (error instanceof ZodError) {
    return errorResponse("VALIDATION_ERROR", "The request is not valid.", validationDetails(error));
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return errorResponse("CONFLICT", "That record already exists.");
    if (error.code === "P2025") return errorResponse("NOT_FOUND", "That record does not exist.");
  }
  console.error("Unhandled error in route handler:", error);
  return errorResponse("INTERNAL_ERROR", "Something went wrong on our side. Please try again.");
}
