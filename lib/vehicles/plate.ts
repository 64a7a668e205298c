// The one plate rule (API.md v2 → Conventions added): stored upper case, letters and digits
// only, 2..10 characters after normalizing. Every plate the app stores or looks up goes
// through here, so a plate typed "ab-12 cde" at the gate finds the vehicle "AB12CDE".
import { z } from "zod";

export const PLATE_MIN = 2;
export const PLATE_MAX = 10;
/** What a client may send before normalizing (spaces and dashes included), bounded. */
const RAW_PLATE_MAX = 32;

/** The normalized plate, or null when it is not a plate. */
export function normalizePlate(raw: string): string | null {
  if (raw.length > RAW_PLATE_MAX) return null;
  // Separators people type (spaces, dashes, dots) are dropped; anything else that is not
  // an ASCII letter or digit makes it no plate at all rather than silently a different one.
  const compact = raw.replace(/[\s.\-]/g, "").toUpperCase();
  if (!/^[A-Z0-9]+$/.test(compact)) return null;
  if (compact.length < PLATE_MIN || compact.length > PLATE_MAX) return null;
  return compact;
}

/** A plate in a request: a string that normalizes, turned into its normalized form. */
export const plateSchema = z
  .string()
  .max(RAW_PLATE_MAX, `must be at most ${RAW_PLATE_MAX} characters`)
  .transform((raw, context) => {
    const plate = normalizePlate(raw);
    if (plate === null) {
      context.addIssue({
        code: "custom",
        message: `must be ${PLATE_MIN} to ${PLATE_MAX} letters or digits (spaces and dashes are ignored)`,
      });
      return z.NEVER;
    }
    return plate;
  });
