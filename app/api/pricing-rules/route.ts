// GET /api/pricing-rules — the demand pricing rules (staff).
// PUT /api/pricing-rules — replace them (staff); the whole document, validated.
import { getPricingRules, setPricingRules } from "@/lib/pricing/service";
import { pricingRulesSchema } from "@/lib/validation/pricing";
import { apiRoute, json, readJsonBody } from "@/app/api/_lib/handler";

export const GET = apiRoute("staff", async () => json({ rules: await getPricingRules() }));

export const PUT = apiRoute("staff", async (request, { actor }) => {
  const rules = await readJsonBody(request, pricingRulesSchema);
  return json({ rules: await setPricingRules(actor, rules) });
});
