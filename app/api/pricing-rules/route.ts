// GET /api/pricing-rules — a location's demand pricing rules (staff working there);
//   without locationId the default location's (v1).
// PUT /api/pricing-rules — replace them (staff working there); the whole document, validated.
import { getPricingRules, pricingLocation, setPricingRules } from "@/lib/pricing/service";
import { pricingRulesQuerySchema, pricingRulesSchema } from "@/lib/validation/pricing";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async (request, { actor }) => {
  const { locationId } = readQuery(request, pricingRulesQuerySchema);
  return json({ rules: await getPricingRules(await pricingLocation(actor, locationId)) });
});

export const PUT = apiRoute("staff", async (request, { actor }) => {
  const { locationId } = readQuery(request, pricingRulesQuerySchema);
  const rules = await readJsonBody(request, pricingRulesSchema);
  return json({ rules: await setPricingRules(actor, rules, new Date(), { locationId }) });
});
