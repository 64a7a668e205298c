// Requests of the gate (API.md v2 → Arrival, stay and exit): device events, keys, the log
// and staff opening the gate by hand.
import { z } from "zod";
import { plateSchema } from "@/lib/vehicles/plate";
import {
  idSchema,
  paginationSchema,
  queryIdSchema,
  queryInt,
  utcTimeSchema,
} from "@/lib/validation/common";

export const GATE_DIRECTIONS = ["in", "out"] as const;
export const gateDirectionSchema = z.enum(GATE_DIRECTIONS);

/**
 * A device's event: the car by plate or by pass (exactly one), `eventId` chosen by the
 * device (its retries send the same), `at` when it happened (default now; the service
 * checks it lies within 24 hours of the clock).
 */
export const gateEventRequestSchema = z
  .object({
    eventId: z.string().min(1).max(64, "must be at most 64 characters"),
    direction: gateDirectionSchema,
    plate: plateSchema.optional(),
    pass: z.string().min(1).max(200, "must be at most 200 characters").optional(),
    at: utcTimeSchema.optional(),
  })
  .refine((body) => (body.plate === undefined) !== (body.pass === undefined), {
    message: "send exactly one of plate and pass",
    path: ["plate"],
  });
export type GateEventRequestBody = z.output<typeof gateEventRequestSchema>;

export const createGateKeyBodySchema = z.object({
  locationId: idSchema,
  label: z.string().trim().min(1).max(60, "must be at most 60 characters"),
});
export type CreateGateKeyInput = z.output<typeof createGateKeyBodySchema>;

export const gateKeysQuerySchema = z.object({ locationId: queryIdSchema().optional() });

/** The gate log's filter: every event, only refusals, or only staff opening the gate by hand. */
export const GATE_LOG_FILTERS = ["all", "denials", "manual"] as const;
export type GateLogFilter = (typeof GATE_LOG_FILTERS)[number];
export const gateLogFilterSchema = z.enum(GATE_LOG_FILTERS);

/** The gate log of one location, newest first: at most 100 a page. */
export const gateEventsQuerySchema = z.object({
  locationId: queryIdSchema(),
  show: gateLogFilterSchema.default("all"),
  limit: queryInt(1, 100).default(50),
  offset: paginationSchema().offset,
});
export type GateEventsQuery = z.output<typeof gateEventsQuerySchema>;

/** Why staff opened the gate by hand: recorded with the event. */
export const GATE_OPEN_REASON = { min: 3, max: 200 } as const;

export const manualOpenBodySchema = z.object({
  locationId: idSchema,
  direction: gateDirectionSchema,
  reason: z
    .string()
    .trim()
    .min(GATE_OPEN_REASON.min, `must be at least ${GATE_OPEN_REASON.min} characters`)
    .max(GATE_OPEN_REASON.max, `must be at most ${GATE_OPEN_REASON.max} characters`),
  plate: plateSchema.optional(),
});
export type ManualOpenInput = z.output<typeof manualOpenBodySchema>;
