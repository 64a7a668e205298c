// Limits shared by the server's schemas and rules and the browser's forms. No zod here, so
// that a form can import them without bundling the validator.
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

/** A reservation lasts 1 to this many whole hours. */
export const MAX_RESERVATION_HOURS = 24;

/** How far ahead a reservation may start. */
export const MAX_BOOKING_AHEAD_DAYS = 30;

/** The largest single top-up, in cents. */
export const MAX_TOP_UP_CENTS = 100_000;
