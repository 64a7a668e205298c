// Response schemas of the gate (API.md v2 → Arrival, stay and exit; the log and manual open
// are this app's, documented in docs/gate.md).
import { z } from "zod";
import { id, utcTime } from "@/lib/api-schemas/common";

const direction = z.enum(["in", "out"]);

/** The answer to a device's event (API.md: reasons in docs/gate.md). */
export const gateAnswerSchema = z
  .object({
    decision: z.enum(["open", "deny"]),
    reason: z.string(),
    reservationId: id.optional(),
  })
  .meta({ id: "GateAnswer" });

export const gateKeySchema = z
  .object({
    id,
    label: z.string(),
    locationId: id,
    /** The key's first characters, to recognise it; the key itself is shown only once. */
    keyPrefix: z.string(),
    createdAt: utcTime,
    revokedAt: utcTime.nullable(),
  })
  .meta({ id: "GateKey" });

export const createdGateKeySchema = z.object({
  id,
  /** The bearer key for the device: shown this once, stored only as its hash. */
  key: z.string().regex(/^gk_[A-Za-z0-9_-]+$/),
  label: z.string(),
  locationId: id,
});
export const gateKeyListSchema = z.object({ keys: z.array(gateKeySchema) });

export const gateEventSchema = z
  .object({
    id,
    locationId: id,
    direction,
    plate: z.string().nullable(),
    reservationId: id.nullable(),
    /** When it happened at the gate (a device's `at`). */
    at: utcTime,
    decision: z.enum(["open", "deny"]),
    reason: z.string(),
    /** Opened by staff by hand (staffUserId and note say who and why). */
    manual: z.boolean(),
    staffUserId: id.nullable(),
    note: z.string().nullable(),
    createdAt: utcTime,
  })
  .meta({ id: "GateEvent" });

export const gateEventListSchema = z.object({
  events: z.array(gateEventSchema),
  total: z.int().min(0),
});
export const gateEventBodySchema = z.object({ event: gateEventSchema });

export type GateKeyDto = z.infer<typeof gateKeySchema>;
export type CreatedGateKeyDto = z.infer<typeof createdGateKeySchema>;
export type GateEventDto = z.infer<typeof gateEventSchema>;
