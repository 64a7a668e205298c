// GET /api/analytics — staff: revenue, utilization, hourly profile, peak hours, preferences
// and the next 24 h forecast for the last `days` days (default 30), cached up to 3 s.
// Extensions beyond the contract: `backtest` (the forecaster's MAE/MAPE over the last 14
// days beside two baselines) and `inServiceSlots` (what the rates are shares of).
import { getAnalytics } from "@/lib/analytics/service";
import { analyticsQuerySchema } from "@/lib/validation/analytics";
import { apiRoute, json, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (request, { actor }) =>
  json(await getAnalytics(actor, readQuery(request, analyticsQuerySchema))),
);
