import { z } from "zod";
import { queryInt, queryIdSchema } from "@/lib/validation/common";

export const DEFAULT_ANALYTICS_DAYS = 30;

/** The /analytics page's range choices, in days; the API takes any of 1..365. */
export const ANALYTICS_RANGES = [7, DEFAULT_ANALYTICS_DAYS, 90, 365] as const;

/**
 * GET /api/analytics: `days` 1..365, the last N calendar days including today (UTC, or
 * the location's local days with `locationId`).
 */
export const analyticsQuerySchema = z.object({
  days: queryInt(1, 365).default(DEFAULT_ANALYTICS_DAYS),
  locationId: queryIdSchema().optional(),
});
