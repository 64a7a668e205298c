// Request schemas of top-ups. The limits are the domain's (lib/payments/limits.ts, set by
// the operator); these bound only the shape.
import { z } from "zod";
import { MAX_DB_INT, idSchema, paginationSchema, queryInt } from "@/lib/validation/common";

/** POST /api/top-ups: an amount for the caller's own wallet (userId, if given, must be theirs). */
export const createTopUpBodySchema = z.object({
  amountCents: z.number().int().min(1).max(MAX_DB_INT),
  userId: idSchema.optional(),
});

/** GET /api/top-ups: drivers their own; staff anyone's via userId. */
export const topUpsQuerySchema = z.object({
  userId: queryInt(1, MAX_DB_INT).optional(),
  ...paginationSchema(),
});
