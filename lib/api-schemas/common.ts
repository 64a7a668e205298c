// The building blocks of the response schemas: the contract's scalars (ids, cents, UTC
// times), its enums and its error shape. Response schemas describe what the API answers;
// the OpenAPI document (GET /api/openapi.json) and the app's types are derived from them.
import { z } from "zod";
import { PAYMENT_STATUSES, RESERVATION_STATUSES, ROLES, SLOT_TYPES } from "@/lib/api-schemas/enums";
import type { ErrorCode } from "@/lib/errors";

/** The largest value of an integer column on both databases (PostgreSQL's int4). */
const MAX_DB_INT = 2_147_483_647;

/** ISO-8601 in UTC with a `Z`, as every time on the wire. */
export const utcTime = z.iso
  .datetime()
  .meta({ id: "UtcTime", examples: ["2026-11-24T09:00:00.000Z"] });
/** A calendar day, `YYYY-MM-DD`. */
export const calendarDay = z.iso.date();
export const id = z.int().min(1).max(MAX_DB_INT);
/** An amount of money in integer cents (a ledger movement may be negative). */
export const cents = z.int().min(-MAX_DB_INT).max(MAX_DB_INT);
export const nonNegativeCents = z.int().min(0).max(MAX_DB_INT);
export const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A share between 0 and 1. */
export const rate = z.number().min(0).max(1);

export const slotTypeSchema = z.enum(SLOT_TYPES);
export const roleSchema = z.enum(ROLES);
export const reservationStatusSchema = z.enum(RESERVATION_STATUSES);
export const paymentStatusSchema = z.enum(PAYMENT_STATUSES);

export type SlotType = z.infer<typeof slotTypeSchema>;
export type Role = z.infer<typeof roleSchema>;
export type ReservationStatus = z.infer<typeof reservationStatusSchema>;

/** A VALIDATION_ERROR's `details`: each offending field and what is wrong with it. */
export const validationDetailsSchema = z
  .array(z.object({ path: z.string(), message: z.string().min(1) }))
  .min(1);

/**
 * The error shape, its code limited to `codes` (the ones a route can answer with one
 * status). A VALIDATION_ERROR always names its fields; elsewhere `details` is optional.
 */
export function errorBodySchema(codes: readonly [ErrorCode, ...ErrorCode[]]) {
  const withDetails = codes.includes("VALIDATION_ERROR");
  const others = codes.filter((code) => code !== "VALIDATION_ERROR");
  const variants = [
    ...(withDetails
      ? [
          z.object({
            code: z.literal("VALIDATION_ERROR"),
            message: z.string().min(1),
            details: validationDetailsSchema,
          }),
        ]
      : []),
    ...(others.length > 0
      ? [
          z.object({
            code: z.enum(others as [ErrorCode, ...ErrorCode[]]),
            message: z.string().min(1),
            details: z.unknown().optional(),
          }),
        ]
      : []),
  ];
  const error = variants.length === 1 ? variants[0]! : z.union(variants);
  return z.object({ error });
}
