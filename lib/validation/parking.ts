import { z } from "zod";
import { RESERVATION_STATUSES, SLOT_TYPES } from "@/lib/dto";
import {
  MAX_BULK_SLOT_IDS,
  MAX_RESERVATION_HOURS,
  MAX_TOP_UP_CENTS,
  OUT_OF_SERVICE_REASON_MAX,
  SLOT_NUMBER_MAX,
} from "@/lib/validation/limits";
import {
  MAX_DB_INT,
  dbIntSchema,
  idSchema,
  paginationSchema,
  queryIdSchema,
  queryInt,
  utcTimeSchema,
} from "@/lib/validation/common";
import { DAY_MS } from "@/lib/time";

function isWindow(q: { from?: unknown; to?: unknown }): q is { from: Date; to: Date } {
  return q.from instanceof Date && q.to instanceof Date;
}

/** A slot's state now: free to book, held by a running reservation, or closed by staff. */
export const SLOT_STATES = ["free", "occupied", "out_of_service"] as const;
export type SlotState = (typeof SLOT_STATES)[number];

/** The one rule for a slot's state now: out of service wins over a reservation running on it. */
export function slotStateNow(slot: { isAvailable: boolean; outOfService: boolean }): SlotState {
  if (slot.outOfService) return "out_of_service";
  return slot.isAvailable ? "free" : "occupied";
}

export const slotsQuerySchema = z
  .object({
    locationId: queryIdSchema().optional(),
    floor: queryInt(-1000, 1000).optional(),
    zone: z.string().min(1).max(32, "must be at most 32 characters").optional(),
    type: z.enum(SLOT_TYPES).optional(),
    maxPriceCents: queryInt(0, MAX_DB_INT).optional(),
    /** v2: part of the slot number, any case (staff finding one slot among thousands). */
    q: z
      .string()
      .trim()
      .min(1)
      .max(SLOT_NUMBER_MAX, `must be at most ${SLOT_NUMBER_MAX} characters`)
      .optional(),
    /** v2: the slot's state now; combines with `available` (pass `available=all`). */
    state: z.enum(SLOT_STATES).optional(),
    available: z.enum(["true", "false", "all"]).default("true"),
    /** With `to`: `available` then means free for the whole window [from, to). */
    from: utcTimeSchema.optional(),
    to: utcTimeSchema.optional(),
    ...paginationSchema(100),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: "from and to go together",
    path: ["to"],
  })
  // zod runs these even when a field failed (its check is not fatal): compare only Dates.
  .refine((q) => !isWindow(q) || q.to > q.from, { message: "must be after from", path: ["to"] })
  .refine((q) => !isWindow(q) || q.to.getTime() - q.from.getTime() <= 31 * DAY_MS, {
    message: "the window may span at most 31 days",
    path: ["to"],
  });

export const reserveBodySchema = z.object({
  slotId: idSchema,
  durationHours: z.number().int().min(1).max(MAX_RESERVATION_HOURS),
  userId: idSchema.optional(),
  /** Booking ahead: when it starts (now..now+30 days; the service checks the range). */
  startTime: utcTimeSchema.optional(),
  /** The quoted total; a different price answers 409 PRICE_CHANGED and charges nothing. */
  expectedTotalCents: dbIntSchema.optional(),
  /** v2: the owner's vehicle it is for; by default the owner's only vehicle, else none. */
  vehicleId: idSchema.optional(),
});

/** POST /api/reservations/{id}/extend. */
export const extendBodySchema = z.object({
  hours: z.number().int().min(1).max(MAX_RESERVATION_HOURS),
  /** The quoted price of the added hours; a different price answers 409 PRICE_CHANGED. */
  expectedTotalCents: dbIntSchema.optional(),
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
  userId: queryIdSchema().optional(),
  locationId: queryIdSchema().optional(),
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
  userId: queryIdSchema().optional(),
  ...paginationSchema(),
});

const slotNumberSchema = z
  .string()
  .min(1)
  .max(SLOT_NUMBER_MAX, `must be at most ${SLOT_NUMBER_MAX} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, '.', '_' or '-'");
const zoneSchema = z.string().trim().min(1).max(32, "must be at most 32 characters");
/** Shown to drivers on an out-of-service slot. */
const outOfServiceReasonSchema = z
  .string()
  .trim()
  .min(1)
  .max(OUT_OF_SERVICE_REASON_MAX, `must be at most ${OUT_OF_SERVICE_REASON_MAX} characters`);
const priceSchema = z.number().int().min(0).max(1_000_000);

export const createSlotBodySchema = z.object({
  /** Default: the default location (DEFAULT_LOCATION_SLUG, else the first). */
  locationId: idSchema.optional(),
  slotNumber: slotNumberSchema,
  floor: z.number().int().min(-1000).max(1000),
  zone: zoneSchema,
  type: z.enum(SLOT_TYPES),
  pricePerHourCents: priceSchema,
});

export const updateSlotBodySchema = z
  .object({
    pricePerHourCents: priceSchema.optional(),
    type: z.enum(SLOT_TYPES).optional(),
    zone: zoneSchema.optional(),
    outOfService: z.boolean().optional(),
    reason: outOfServiceReasonSchema.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "name at least one field to change" })
  .refine((b) => b.reason === undefined || b.outOfService === true, {
    message: "a reason goes with outOfService: true",
    path: ["reason"],
  });

export const bulkSlotsBodySchema = z
  .object({
    locationId: idSchema,
    floor: z.number().int().min(-1000).max(1000).optional(),
    zone: zoneSchema.optional(),
    type: z.enum(SLOT_TYPES).optional(),
    slotIds: z.array(idSchema).min(1).max(MAX_BULK_SLOT_IDS).optional(),
    outOfService: z.boolean(),
    reason: outOfServiceReasonSchema.optional(),
  })
  .strict()
  .refine((b) => b.reason === undefined || b.outOfService, {
    message: "a reason goes with outOfService: true",
    path: ["reason"],
  });
