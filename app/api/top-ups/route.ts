// POST /api/top-ups — start a top-up of the caller's own wallet through the payment provider.
// GET /api/top-ups — top-ups with their state and provider reference, newest first
// (drivers: their own; staff: anyone's via userId).
import { createTopUp, listTopUps } from "@/lib/payments/top-ups";
import { createTopUpBodySchema, topUpsQuerySchema } from "@/lib/validation/top-ups";
import { requestOrigin } from "@/lib/request-origin";
import { apiRoute, json, readJsonBody, readQuery } from "@/app/api/_lib/handler";

export const POST = apiRoute("user", async (request, { actor }) => {
  const body = await readJsonBody(request, createTopUpBodySchema);
  const origin = requestOrigin(request.headers) ?? new URL(request.url).origin;
  const returnUrl = new URL("/account", origin).toString();
  return json(await createTopUp(actor, { ...body, returnUrl }), 201);
});

export const GET = apiRoute("user", async (request, { actor }) =>
  json(await listTopUps(actor, readQuery(request, topUpsQuerySchema))),
);
