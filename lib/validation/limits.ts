// Limits shared by the server's schemas and rules and the browser's forms. No zod here, so
// that a form can import them without bundling the validator.
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

/** A reservation lasts 1 to this many whole hours. */
export const MAX_RESERVATION_HOURS = 24;

/** How far ahead a reservation may start. */
export const MAX_BOOKING_AHEAD_DAYS = 30;

/** The largest single top-up, in cents. */
export const MAX_TOP_UP_CENTS = 100_000;

/** Part of a slot number to search for (a slot number is at most this long too). */
export const SLOT_NUMBER_MAX = 32;

/** The reason shown to drivers on an out-of-service slot. */
export const OUT_OF_SERVICE_REASON_MAX = 200;

/** At most this many slot ids in one bulk change. */
export const MAX_BULK_SLOT_IDS = 1000;
