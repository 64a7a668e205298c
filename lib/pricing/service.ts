// Demand pricing: the staff-set rules (one JSON row) and quoting a window on a slot
// (GET /api/quote). The quote and the reserve decision (lib/reservations/decide.ts) both
// price with quotePrice over the same occupancy rate (lib/pricing/occupancy.ts), so the
// charge is computed exactly like the public quote.
import "server-only";
import { db, transaction } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { Prisma } from "@/lib/generated/prisma/client.ts";
import { recordAudit } from "@/lib/audit/service";
import type { Actor } from "@/lib/auth/actor";
import { requireStaff, requireStaffAt } from "@/lib/auth/access";
import { defaultLocationId } from "@/lib/locations/queries";
import { quotePrice, type Quote } from "@/lib/pricing/quote";
import {
  analyticsOccupancyForecast,
  type OccupancyForecastProvider,
  type Reader,
} from "@/lib/pricing/forecast";
import {
  DEFAULT_PRICING_RULES,
  pricingRulesSchema,
  type PricingRules,
} from "@/lib/validation/pricing";
import { HOUR_MS } from "@/lib/time";

/** A location's rules (pricing off when it has none). */
export async function getPricingRules(
  locationId: number,
  reader: Reader = db,
): Promise<PricingRules> {
  const row = await reader.pricingSettings.findUnique({ where: { locationId } });
  return parsePricingRules(row?.rules ?? null);
}

/** The rules of the locations of these slots, by location id (none: pricing off there). */
export async function getPricingRulesByLocation(
  slotIds: readonly number[],
  reader: Reader = db,
): Promise<Map<number, PricingRules>> {
  const rows = await reader.pricingSettings.findMany({
    where: { location: { slots: { some: { id: { in: [...slotIds] } } } } },
    select: { locationId: true, rules: true },
  });
  return new Map(rows.map((row) => [row.locationId, parsePricingRules(row.rules)]));
}

/**
 * The location a pricing-rules request is about: the one named (staff must work there),
 * else the default location (v1 clients name none).
 */
export async function pricingLocation(actor: Actor, locationId?: number): Promise<number> {
  const id = locationId ?? (await defaultLocationId());
  if (id === null) throw new AppError("NOT_FOUND", "There is no location yet.");
  await requireStaffAt(actor, id);
  return id;
}

/**
 * The rules from the stored JSON (null: no row, pricing off). They are written only through
 * the schema, so a row that no longer parses (edited by hand, or by another release) is the
 * operator's to mend, not the client's fault: it is logged and the location prices as
 * listed, so the garage keeps selling.
 */
function parsePricingRules(rules: string | null): PricingRules {
  if (rules === null) return DEFAULT_PRICING_RULES;
  let stored: unknown;
  try {
    stored = JSON.parse(rules);
  } catch {
    stored = undefined;
  }
  const parsed = pricingRulesSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  logger.error(
    { issues: parsed.error.issues.map((issue) => issue.path.join(".") || "(document)") },
    "stored pricing rules do not parse: pricing is off there until they are saved again",
  );
  return DEFAULT_PRICING_RULES;
}

/** Whether a quote under these rules needs the occupancy forecast. */
export function rulesNeedForecast(rules: PricingRules): boolean {
  return rules.enabled && rules.occupancyTiers.length > 0;
}

/** Attempts of a rules write that another writer raced between read and write. */
const MAX_WRITE_ATTEMPTS = 5;

export async function setPricingRules(
  actor: Actor,
  rules: PricingRules,
  now: Date = new Date(),
  options: { locationId?: number } = {},
): Promise<PricingRules> {
  requireStaff(actor);
  const locationId = await pricingLocation(actor, options.locationId);
  const valid = pricingRulesSchema.parse(rules);
  const json = JSON.stringify(valid);
  const attempt = () =>
    transaction(async (tx) => {
      const previous = await tx.pricingSettings.findUnique({ where: { locationId } });
      // Conditional on the rules just read (or on there being none: the id is the primary
      // key), so the audit entry's "before" is exactly what this write replaced.
      if (previous) {
        const replaced = await tx.pricingSettings.updateMany({
          where: { locationId, rules: previous.rules },
          data: { rules: json, updatedAt: now, updatedById: actor.id },
        });
        if (replaced.count !== 1) return false;
      } else {
        await tx.pricingSettings.create({
          data: { locationId, rules: json, updatedAt: now, updatedById: actor.id },
        });
      }
      await recordAudit(
        tx,
        actor,
        {
          action: "pricing_rules_update",
          target: { type: "pricing_rules", id: locationId },
          before: previous ? parsePricingRules(previous.rules) : null,
          after: valid,
        },
        now,
      );
      return true;
    });
  for (let tries = 1; ; tries++) {
    try {
      if (await attempt()) return valid;
    } catch (error) {
      // Another writer created the first row between our read and insert.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) {
        throw error;
      }
    }
    if (tries >= MAX_WRITE_ATTEMPTS) {
      throw new AppError(
        "CONFLICT",
        "The pricing rules are being changed by someone else; try again.",
      );
    }
  }
}

export type QuoteOptions = { forecast?: OccupancyForecastProvider };

export type SlotQuote = Quote & {
  slotId: number;
  startTime: string;
  endTime: string;
  durationHours: number;
};

/** The price of a window on a slot under the current rules. NOT_FOUND for an unknown slot. */
export async function quoteForSlot(
  reader: Reader,
  input: { slotId: number; startTime: Date; durationHours: number },
  now: Date,
  options: QuoteOptions = {},
): Promise<SlotQuote> {
  const slot = await reader.parkingSlot.findUnique({
    where: { id: input.slotId },
    select: { pricePerHourCents: true, slotType: true, locationId: true },
  });
  if (!slot) throw new AppError("NOT_FOUND", `Slot ${input.slotId} does not exist.`);
  const rules = await getPricingRules(slot.locationId, reader);
  // The forecast costs queries; skip it when no rule could use it.
  const needsForecast = rulesNeedForecast(rules);
  const forecast = needsForecast
    ? await (options.forecast ?? analyticsOccupancyForecast)(reader, now, input)
    : () => 0;
  const quote = quotePrice(
    { pricePerHourCents: slot.pricePerHourCents, type: slot.slotType },
    input.startTime,
    input.durationHours,
    rules,
    forecast,
  );
  return {
    slotId: input.slotId,
    startTime: input.startTime.toISOString(),
    endTime: new Date(input.startTime.getTime() + input.durationHours * HOUR_MS).toISOString(),
    durationHours: input.durationHours,
    ...quote,
  };
}
