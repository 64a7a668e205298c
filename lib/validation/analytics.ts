import { z } from "zod";
import { queryInt, queryIdSchema } from "@/lib/validation/common";

/**
 * GET /api/analytics: `days` 1..365, the last N calendar days including today (UTC, or
 * the location's local days with `locationId`).
 */
export const analyticsQuerySchema = z.object({
  days: queryInt(1, 365).default(30),
  locationId: queryIdSchema().optional(),
});
