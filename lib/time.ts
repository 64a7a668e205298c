// Units of time in milliseconds, for arithmetic on UTC instants. Calendar days and hours in a
// location's own zone (where a day may last 23 or 25 hours) are lib/analytics/time-zone.ts's.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
