// Requests about the network's locations and who works there (API.md v2 → Locations).
import { z } from "zod";
import { ROLES } from "@/lib/dto";
import { idSchema, queryIdSchema } from "@/lib/validation/common";

/** An IANA time zone name the runtime knows, in its canonical spelling. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64, "must be at most 64 characters")
  .transform((zone, context) => {
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      context.addIssue({
        code: "custom",
        message: "must be an IANA time zone, e.g. Europe/London",
      });
      return z.NEVER;
    }
  });

const slugSchema = z
  .string()
  .regex(/^[a-z0-9-]{2,40}$/, "must be 2 to 40 characters of a-z, 0-9 and '-'");
const nameSchema = z.string().trim().min(1).max(100, "must be at most 100 characters");
const addressSchema = z.string().trim().min(1).max(200, "must be at most 200 characters");

export const createLocationBodySchema = z.object({
  slug: slugSchema,
  name: nameSchema,
  address: addressSchema,
  timeZone: timeZoneSchema,
  requiresCheckIn: z.boolean().default(false),
});
export type CreateLocationInput = z.output<typeof createLocationBodySchema>;

export const updateLocationBodySchema = z
  .object({
    name: nameSchema.optional(),
    address: addressSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    requiresCheckIn: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "name at least one field to change" });
export type UpdateLocationInput = z.output<typeof updateLocationBodySchema>;

export const locationStaffBodySchema = z.object({
  userIds: z
    .array(idSchema)
    .max(1000, "at most 1000 users")
    .refine((ids) => new Set(ids).size === ids.length, { message: "must not repeat a user" }),
});

export const updateUserBodySchema = z.object({ role: z.enum(ROLES) }).strict();

/** `?locationId=` on the routes that can be scoped to one location. */
export const locationQuerySchema = z.object({ locationId: queryIdSchema().optional() });
