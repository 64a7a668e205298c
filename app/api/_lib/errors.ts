// The one place where errors become HTTP responses in the contract's shape:
// {"error": {"code", "message", "details"?}} with the status contract.ts gives each code.
// Unknown errors are logged and answered with a generic 500 that carries no stack, SQL or
// ORM text.
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { AppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/log";
import { errorBody, type ErrorBody } from "@/app/api/_lib/contract";

export type { ErrorBody } from "@/app/api/_lib/contract";

export function errorResponse(
  code: ErrorCode,
  message: string,
  details?: unknown,
): NextResponse<ErrorBody> {
  const { status, body } = errorBody(code, message, details);
  // A busy database clears within moments: tell clients when to try again.
  const headers = code === "SERVICE_BUSY" ? { "Retry-After": "1" } : undefined;
  return NextResponse.json(body, { status, headers });
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
  logger.error({ err: error }, "Unhandled error in route handler");
  return errorResponse("INTERNAL_ERROR", "Something went wrong on our side. Please try again.");
}
