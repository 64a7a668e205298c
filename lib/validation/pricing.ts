import { z } from "zod";
import { SLOT_TYPES } from "@/lib/dto";
import { MAX_RESERVATION_HOURS } from "@/lib/validation/limits";
import { queryIdSchema, queryInt, utcTimeSchema } from "@/lib/validation/common";

/** A price multiplier: 0.1..10, at most 4 decimals (it is applied in basis points). */
const multiplier = z
  .number()
  .min(0.1)
  .max(10)
  .refine((m) => Math.abs(m * 1e4 - Math.round(m * 1e4)) < 1e-6, "must have at most 4 decimals");

const occupancyTier = z.object({
  /** Applies when the forecast occupancy rate is strictly above this share (0..1). */
  above: z.number().min(0).max(1),
  multiplier,
});

const hourOfWeekWindow = z
  .object({
    /** UTC days of the week, 0 = Sunday … 6 = Saturday. */
    days: z
      .array(z.int().min(0).max(6))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, "must not repeat a day"),
    /** UTC hours [startHour, endHour). */
    startHour: z.int().min(0).max(23),
    endHour: z.int().min(1).max(24),
    multiplier,
  })
  .refine((w) => w.endHour > w.startHour, {
    message: "must be after startHour",
    path: ["endHour"],
  });

/**
 * Demand pricing rules (staff-configured, stored as one JSON document). The multiplier of
 * an hour is occupancy tier × hour-of-week window × slot type, clamped to
 * [minMultiplier, maxMultiplier]; with `enabled: false` every multiplier is 1.
 */
export const pricingRulesSchema = z
  .object({
    enabled: z.boolean(),
    /** The tier with the highest `above` that the forecast exceeds applies. */
    occupancyTiers: z
      .array(occupancyTier)
      .max(20)
      .refine(
        (tiers) => new Set(tiers.map((t) => t.above)).size === tiers.length,
        "must not repeat a threshold",
      ),
    /** The first window containing the hour applies. */
    hourOfWeek: z.array(hourOfWeekWindow).max(50),
    slotTypes: z.partialRecord(z.enum(SLOT_TYPES), multiplier),
    minMultiplier: multiplier,
    maxMultiplier: multiplier,
  })
  .strict()
  .refine((r) => r.maxMultiplier >= r.minMultiplier, {
    message: "must be at least minMultiplier",
    path: ["maxMultiplier"],
  });

export type PricingRules = z.infer<typeof pricingRulesSchema>;

/** Off: what the demo seed and a fresh database have until staff turn pricing on. */
export const DEFAULT_PRICING_RULES: PricingRules = {
  enabled: false,
  occupancyTiers: [{ above: 0.85, multiplier: 1.25 }],
  hourOfWeek: [],
  slotTypes: {},
  minMultiplier: 0.5,
  maxMultiplier: 2,
};

export const quoteQuerySchema = z.object({
  slotId: queryIdSchema(),
  startTime: utcTimeSchema.optional(),
  durationHours: queryInt(1, MAX_RESERVATION_HOURS),
});

export const pricingRulesQuerySchema = z.object({ locationId: queryIdSchema().optional() });
