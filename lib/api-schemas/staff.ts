// Response schemas of the staff dashboards: analytics, the audit log, pricing rules and
// quotes (../shared/API.md, docs/analytics.md, docs/audit-log.md).
import { z } from "zod";
import {
  calendarDay,
  count,
  id,
  nonNegativeCents,
  rate,
  slotTypeSchema,
  utcTime,
} from "@/lib/api-schemas/common";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from "@/lib/audit/actions";
import { pricingRulesSchema } from "@/lib/validation/pricing";

const hour = z.int().min(0).max(23);
const hourProfile = z.object({
  hour,
  avgOccupancy: z.number().min(0),
  avgOccupancyRate: rate,
});
/** A zone is a location's floor and zone: rows name the location. */
const zoneRate = z.object({
  locationId: id,
  floor: z.int(),
  zone: z.string(),
  occupancyRate: rate,
});
const backtestError = z.object({
  mae: z.number().min(0).nullable(),
  mape: z.number().min(0).nullable(),
});

export const analyticsSchema = z
  .object({
    range: z.object({
      from: utcTime,
      to: utcTime,
      days: z.int().min(1).max(365),
      /** One location's analytics only: its IANA time zone (the network's are UTC). */
      timeZone: z.string().optional(),
    }),
    revenue: z.object({
      totalCents: nonNegativeCents,
      daily: z.array(z.object({ date: calendarDay, revenueCents: nonNegativeCents })),
      bySlotType: z.array(z.object({ type: slotTypeSchema, revenueCents: nonNegativeCents })),
    }),
    utilization: z.object({
      occupancyRate: rate,
      byZone: z.array(zoneRate),
      busiestZones: z.array(zoneRate),
    }),
    /** The busiest hours of day (UTC, or the location's local hours), busiest first. */
    peakHours: z.array(hourProfile),
    /** 24 rows, hour 0..23 (UTC, or the location's local hours). */
    hourlyProfile: z.array(hourProfile).length(24),
    /** 24 rows from the next full hour. */
    forecast: z.array(
      z.object({
        time: utcTime,
        predictedOccupied: z.number().min(0),
        predictedOccupancyRate: rate,
      }),
    ),
    preferences: z.object({
      byType: z.array(z.object({ type: slotTypeSchema, reservations: count })),
      byZone: z.array(
        z.object({ locationId: id, floor: z.int(), zone: z.string(), reservations: count }),
      ),
    }),
    backtest: z
      .object({
        days: z.int().min(0),
        horizonHours: z.int().min(1),
        points: count,
        mapePoints: count,
        model: backtestError,
        hourOfDay: backtestError,
        seasonalNaive: backtestError,
      })
      .meta({
        description:
          "Extension: the forecaster's MAE (occupied slots) and MAPE (percent) over rolling origins, against two baselines.",
      }),
    inServiceSlots: count.meta({ description: "Extension: the slots the rates are shares of." }),
  })
  .meta({ id: "Analytics" });

export type AnalyticsDto = z.infer<typeof analyticsSchema>;
export type HourProfileDto = z.infer<typeof hourProfile>;
export type ZoneRateDto = z.infer<typeof zoneRate>;
export type ForecastPointDto = AnalyticsDto["forecast"][number];
export type BacktestErrorDto = z.infer<typeof backtestError>;
export type BacktestDto = AnalyticsDto["backtest"];

/** An audited record's fields before or after the change (null: none). */
const auditState = z.record(z.string(), z.unknown()).nullable();

export const auditEntrySchema = z
  .object({
    id,
    action: z.enum(AUDIT_ACTIONS),
    /** The staff member who acted. */
    actor: z.object({ id, username: z.string() }),
    targetType: z.enum(AUDIT_TARGET_TYPES),
    targetId: id.nullable(),
    /** What the target is called now: a username, a slot number, "reservation 12". */
    targetLabel: z.string(),
    before: auditState,
    after: auditState,
    createdAt: utcTime,
  })
  .meta({ id: "AuditEntry" });
export const auditLogSchema = z.object({ entries: z.array(auditEntrySchema), total: count });

export type AuditEntryDto = z.infer<typeof auditEntrySchema>;
export type AuditLogList = z.infer<typeof auditLogSchema>;

export const pricingRulesBodySchema = z.object({
  rules: pricingRulesSchema.meta({ id: "PricingRules" }),
});

export const quoteSchema = z
  .object({
    slotId: id,
    startTime: utcTime,
    endTime: utcTime,
    durationHours: z.int().min(1).max(24),
    totalCents: nonNegativeCents,
    breakdown: z.array(
      z.object({
        /** The start of this hour of the reservation (which need not start on the hour). */
        hourStart: utcTime,
        baseCents: nonNegativeCents,
        /** The applied multiplier, clamped to the rules' floor and cap. */
        multiplier: z.number().min(0),
        cents: nonNegativeCents,
      }),
    ),
  })
  .meta({ id: "Quote" });
export type QuoteResponse = z.infer<typeof quoteSchema>;
