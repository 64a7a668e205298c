// The no-show rule's one number, apart from the sweep that applies it (expiry.ts) so that
// code without a database (the API tests' clock checks) reads the same value.
import { MINUTE_MS } from "@/lib/time";

/** At a location that requires check-in, a booking not checked in this long after its start is a no-show. */
export const NO_SHOW_AFTER_MS = 30 * MINUTE_MS;
