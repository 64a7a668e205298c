// Requests and answers about an account's vehicles (API.md v2 → Vehicles).
import { z } from "zod";
import { plateSchema } from "@/lib/vehicles/plate";
import { queryIdSchema } from "@/lib/validation/common";

export const addVehicleBodySchema = z.object({
  plate: plateSchema,
  label: z.string().trim().max(60, "must be at most 60 characters").nullish(),
});
export type AddVehicleInput = z.output<typeof addVehicleBodySchema>;

/** Staff may name the account whose vehicles they want to see. */
export const vehiclesQuerySchema = z.object({ userId: queryIdSchema().optional() });

export const vehicleSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  plate: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
});
export const vehicleBodySchema = z.object({ vehicle: vehicleSchema });
export const vehicleListSchema = z.object({ vehicles: z.array(vehicleSchema) });
