import { z } from "zod";
import { PASSWORD_LENGTH } from "@/lib/validation/limits";

export const usernameSchema = z
  .string()
  .min(3, "must be at least 3 characters")
  .max(32, "must be at most 32 characters")
  .regex(/^[a-z0-9_.-]+$/, "may contain only a-z, 0-9, _ . and -");

export const passwordSchema = z
  .string()
  .min(PASSWORD_LENGTH.min, `must be at least ${PASSWORD_LENGTH.min} characters`)
  .max(PASSWORD_LENGTH.max, `must be at most ${PASSWORD_LENGTH.max} characters`);

export const registerBodySchema = z.object({
  username: usernameSchema,
  email: z
    .string()
    .max(254, "must be at most 254 characters")
    .pipe(z.email("must be an email address")),
  password: passwordSchema,
  phone: z.string().trim().min(1).max(32, "must be at most 32 characters").optional(),
  vehicleNumber: z.string().trim().min(1).max(16, "must be at most 16 characters").optional(),
});

/** A password given to be checked: any string up to the longest valid one (a wrong one is a 401). */
const givenPasswordSchema = z
  .string()
  .min(1, "is required")
  .max(PASSWORD_LENGTH.max, `must be at most ${PASSWORD_LENGTH.max} characters`);

export const loginBodySchema = z.object({
  // Any string up to the longest valid username: a malformed one is simply a wrong login.
  username: z.string().min(1, "is required").max(32, "must be at most 32 characters"),
  password: givenPasswordSchema,
});

export const passwordChangeBodySchema = z.object({
  currentPassword: givenPasswordSchema,
  newPassword: passwordSchema,
});
