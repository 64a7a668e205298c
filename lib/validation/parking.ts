import { z } from "zod";
import { RESERVATION_STATUSES, SLOT_TYPES } from "@/lib/dto";
import { MAX_TOP_UP_CENTS } from "@/lib/wallet/service";
import { idSchema, paginationSchema, queryInt } from "@/lib/validation/common";

export const MAX_RESERVATION_HOURS = 24;

export const slotsQuerySchema = z.object({
  floor: queryInt(-1000, 1000).optional(),
  zone: z.string().min(1).max(32, "must be at most 32 characters").optional(),
  type: z.enum(SLOT_TYPES).optional(),
  maxPriceCents: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
  available: z.enum(["true", "false", "all"]).default("true"),
  ...paginationSchema(100),
});

export const reserveBodySchema = z.object({
  slotId: idSchema,
  durationHours: z.number().int().min(1).max(MAX_RESERVATION_HOURS),
  userId: idSchema.optional(),
});

/** Idempotency-Key header: printable ASCII, like Stripe's keys. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255, "must be at most 255 characters")
  .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

export const endReservationBodySchema = z.object({ reservationId: idSchema });

export const reservationsQuerySchema = z.object({
  status: z.enum([...RESERVATION_STATUSES, "all"]).default("all"),
  userId: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  ...paginationSchema(),
});

export const addBalanceBodySchema = z.object({
  amountCents: z.number().int().min(1).max(MAX_TOP_UP_CENTS),
  userId: idSchema.optional(),
});

export const usersQuerySchema = z.object({
  q: z.string().max(254, "must be at most 254 characters").optional(),
  ...paginationSchema(),
});

export const walletTransactionsQuerySchema = z.object({
  userId: queryInt(1, Number.MAX_SAFE_INTEGER).optional(),
  ...paginationSchema(),
});
