// Response schemas of top-ups through a payment provider (../shared/API.md, v2 additions).
import { z } from "zod";
import { count, id, utcTime } from "@/lib/api-schemas/common";

export const TOP_UP_STATUSES = ["pending", "succeeded", "failed", "expired"] as const;
export const PAYMENT_PROVIDERS = ["stripe", "demo"] as const;

export const topUpSchema = z
  .object({
    id,
    userId: id,
    amountCents: id,
    status: z.enum(TOP_UP_STATUSES),
    provider: z.enum(PAYMENT_PROVIDERS),
    providerRef: z.string().nullable(),
    createdAt: utcTime,
    completedAt: utcTime.nullable(),
  })
  .meta({ id: "TopUp" });

export const topUpCreatedSchema = z.object({
  topUp: topUpSchema,
  clientSecret: z.string().optional(),
  checkoutUrl: z.url().optional(),
});

export const topUpListSchema = z.object({ topUps: z.array(topUpSchema), total: count });

export type TopUpDto = z.infer<typeof topUpSchema>;
export type TopUpCreated = z.infer<typeof topUpCreatedSchema>;
export type TopUpList = z.infer<typeof topUpListSchema>;

/** POST /api/webhooks/stripe: what the delivery did (Stripe reads only the status). */
export const webhookReceiptSchema = z.object({
  received: z.literal(true),
  result: z.enum(["settled", "duplicate", "already_settled", "ignored"]),
});
