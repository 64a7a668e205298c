import { z } from "zod";
import { queryInt } from "@/lib/validation/common";

/** GET /api/analytics: `days` 1..365, the last N UTC calendar days including today. */
export const analyticsQuerySchema = z.object({
  days: queryInt(1, 365).default(30),
});
