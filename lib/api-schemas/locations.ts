// Response schemas of the garage network's locations (../shared/API.md, v2 → Locations).
import { z } from "zod";
import { count, id } from "@/lib/api-schemas/common";

export const locationSchema = z
  .object({
    id,
    slug: z.string().regex(/^[a-z0-9-]{2,40}$/),
    name: z.string().min(1),
    address: z.string(),
    /** IANA time zone: the location's days and hours are shown and analysed in it. */
    timeZone: z.string().min(1),
    /** Booked stays must check in at the gate; 30 minutes late they become no-shows. */
    requiresCheckIn: z.boolean(),
    totalSlots: count,
    /** In service and free now. */
    available: count,
  })
  .meta({ id: "Location" });

export const locationBodySchema = z.object({ location: locationSchema });
export const locationListSchema = z.object({ locations: z.array(locationSchema) });
export const locationStaffSchema = z.object({
  location: locationSchema,
  /** Exactly the staff users assigned there now, ascending. */
  staffUserIds: z.array(id),
});

export type LocationDto = z.infer<typeof locationSchema>;
export type LocationStaff = z.infer<typeof locationStaffSchema>;
