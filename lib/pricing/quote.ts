// The one price function. The quote route, the reserve transaction and (through the
// quote route) the reserve dialog all call quotePrice, so the price a driver is shown is
// the price they are charged unless demand moved in between (then the reserve request's
// expectedTotalCents turns it into 409 PRICE_CHANGED). Pure: no clock, no database.
import type { SlotType } from "@/lib/dto";
import type { PricingRules } from "@/lib/validation/pricing";
import { HOUR_MS } from "@/lib/time";

const BASIS_POINTS = 10_000;

/** Predicted share (0..1) of in-service slots occupied during the hour starting at `hourStart`. */
export type OccupancyForecast = (hourStart: Date) => number;

export type PricedSlot = { pricePerHourCents: number; type: SlotType };

export type QuoteHour = {
  /** ISO start of this hour of the reservation (reservations need not start on the hour). */
  hourStart: string;
  baseCents: number;
  /** The applied multiplier, already clamped to the rules' floor and cap. */
  multiplier: number;
  cents: number;
};

export type Quote = { totalCents: number; breakdown: QuoteHour[] };

function toBasisPoints(multiplier: number): number {
  return Math.round(multiplier * BASIS_POINTS);
}

/**
 * The multiplier for one hour, in basis points: occupancy tier × hour-of-week window ×
 * slot type, clamped to [minMultiplier, maxMultiplier]. An hour that starts mid-clock-hour
 * (e.g. 08:30) takes the hour-of-week window of the clock hour it starts in (08).
 */
function hourMultiplierBasisPoints(
  slot: PricedSlot,
  hourStart: Date,
  rules: PricingRules,
  occupancyRate: number,
): number {
  if (!rules.enabled) return BASIS_POINTS;
  let multiplier = 1;
  const tier = rules.occupancyTiers
    .filter((t) => occupancyRate > t.above)
    .reduce<(typeof rules.occupancyTiers)[number] | undefined>(
      (best, t) => (best === undefined || t.above > best.above ? t : best),
      undefined,
    );
  if (tier) multiplier *= tier.multiplier;
  const day = hourStart.getUTCDay();
  const hour = hourStart.getUTCHours();
  const window = rules.hourOfWeek.find(
    (w) => w.days.includes(day) && hour >= w.startHour && hour < w.endHour,
  );
  if (window) multiplier *= window.multiplier;
  multiplier *= rules.slotTypes[slot.type] ?? 1;
  const bp = toBasisPoints(multiplier);
  return Math.min(
    toBasisPoints(rules.maxMultiplier),
    Math.max(toBasisPoints(rules.minMultiplier), bp),
  );
}

/**
 * The price of `durationHours` hours on `slot` from `startTime`, hour by hour: each hour
 * costs round(pricePerHourCents × multiplier) whole cents (half a cent rounds up), and the
 * total is the sum of the hours, so the breakdown always adds up to what is charged.
 */
export function quotePrice(
  slot: PricedSlot,
  startTime: Date,
  durationHours: number,
  rules: PricingRules,
  occupancyForecast: OccupancyForecast,
): Quote {
  const breakdown: QuoteHour[] = [];
  for (let i = 0; i < durationHours; i++) {
    const hourStart = new Date(startTime.getTime() + i * HOUR_MS);
    const bp = rules.enabled
      ? hourMultiplierBasisPoints(slot, hourStart, rules, occupancyForecast(hourStart))
      : BASIS_POINTS;
    breakdown.push({
      hourStart: hourStart.toISOString(),
      baseCents: slot.pricePerHourCents,
      multiplier: bp / BASIS_POINTS,
      // Integer arithmetic until the one division; Math.round rounds .5 up.
      cents: Math.round((slot.pricePerHourCents * bp) / BASIS_POINTS),
    });
  }
  return { totalCents: breakdown.reduce((sum, h) => sum + h.cents, 0), breakdown };
}
