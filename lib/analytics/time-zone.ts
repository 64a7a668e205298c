// Local calendar time of a location's analytics: which local (date, hour) a UTC hour
// belongs to, and when a local day starts. Everything is stored in UTC hours; a location's
// days and hours are built by bucketing those hours here, so nothing depends on the time
// zone a location had when the rows were written.
//
// A UTC hour belongs to the local hour that contains its start. For whole-hour offsets
// that is the same hour; for zones like Asia/Kolkata (+05:30) the UTC hour 18:00-19:00 is
// counted in local hour 23 of its day (it starts at 23:30).
//
// Offsets come from Intl (the runtime's IANA data). Asking Intl for every hour of a year
// for 20 locations would be slow, so offsets are cached per zone and UTC day: a day whose
// start and end have the same offset is taken to have it throughout (no zone changes its
// offset twice within 24 hours), and only a day whose offset differs is resolved hour by
// hour.
import { MINUTE_MS, HOUR_MS, DAY_MS } from "@/lib/time";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `ms`, in minutes (Intl; uncached). */
export function intlOffsetMinutes(timeZone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  const wholeSeconds = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / MINUTE_MS);
}

/** Per UTC day: one offset for the whole day, or 24 (one per UTC hour) on a change day. */
type DayOffsets = number | number[];
const zoneDays = new Map<string, Map<number, DayOffsets>>();

function dayOffsets(timeZone: string, day: number): DayOffsets {
  let days = zoneDays.get(timeZone);
  if (!days) zoneDays.set(timeZone, (days = new Map()));
  let entry = days.get(day);
  if (entry === undefined) {
    const start = day * DAY_MS;
    const first = intlOffsetMinutes(timeZone, start);
    const last = intlOffsetMinutes(timeZone, start + DAY_MS - HOUR_MS);
    entry =
      first === last
        ? first
        : Array.from({ length: 24 }, (_, h) => intlOffsetMinutes(timeZone, start + h * HOUR_MS));
    days.set(day, entry);
  }
  return entry;
}

/** The zone's offset in minutes at the start of the UTC hour containing `ms` (cached). */
export function offsetMinutes(timeZone: string, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const entry = dayOffsets(timeZone, day);
  if (typeof entry === "number") return entry;
  return entry[Math.floor((ms - day * DAY_MS) / HOUR_MS)]!;
}

export type LocalHour = { date: string; hour: number };

/**
 * The local wall-clock hour that the UTC hour starting at `hourMs` is counted in, as hours
 * since the epoch of wall time (local day × 24 + local hour).
 */
export function wallHourOf(timeZone: string, hourMs: number): number {
  return Math.floor((hourMs + offsetMinutes(timeZone, hourMs) * MINUTE_MS) / HOUR_MS);
}

/** UTC hours [from, to] (hour starts, inclusive) whose wall hour is the UTC hour + `shift`. */
export type ShiftRun = { from: number; to: number; shift: number };

/**
 * UTC hours [first, last] (hour starts, inclusive) cut into runs under one offset, so that
 * a year of hours is read as a few ranges (one per offset in force), each shifted by whole
 * hours: wallHourOf(zone, at) is at's UTC hour + the shift of its run.
 */
export function shiftRuns(timeZone: string, first: number, last: number): ShiftRun[] {
  const runs: ShiftRun[] = [];
  for (let at = first; at <= last;) {
    const day = Math.floor(at / DAY_MS);
    // A day of one offset is taken whole; a day whose offset changes, hour by hour.
    const to =
      typeof dayOffsets(timeZone, day) === "number"
        ? Math.min(last, (day + 1) * DAY_MS - HOUR_MS)
        : at;
    const shift = Math.floor(offsetMinutes(timeZone, at) / 60);
    const previous = runs.at(-1);
    if (previous && previous.shift === shift) previous.to = to;
    else runs.push({ from: at, to, shift });
    at = to + HOUR_MS;
  }
  return runs;
}

// A year of a location's hours names each date 24 times: its text is made once per day.
const dayNames = new Map<number, string>();
function dateOfDay(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size >= 100_000) dayNames.clear();
    dayNames.set(day, name);
  }
  return name;
}

/** The hour of day (0-23) of a wall hour (hours since the epoch of wall time). */
export function hourOfDay(wallHour: number): number {
  return ((wallHour % 24) + 24) % 24;
}

/** The local date and hour that the UTC hour starting at `hourMs` is counted in. */
export function localHourOf(timeZone: string, hourMs: number): LocalHour {
  const wall = wallHourOf(timeZone, hourMs);
  return { date: dateOfDay(Math.floor(wall / 24)), hour: hourOfDay(wall) };
}

/** The local calendar date at `ms`. */
export function localDateOf(timeZone: string, ms: number): string {
  return new Date(ms + intlOffsetMinutes(timeZone, ms) * MINUTE_MS).toISOString().slice(0, 10);
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The UTC instant at which local `date` begins: its midnight, or the first instant of the
 * day where a change skips midnight.
 */
export function localMidnight(timeZone: string, date: string): number {
  const wall = Date.parse(`${date}T00:00:00.000Z`);
  // Midnight under the offset in force just before it and just after it; the earlier one
  // that really is on `date` is the day's first instant.
  const candidates = [wall - DAY_MS / 2, wall + DAY_MS / 2]
    .map((probe) => wall - intlOffsetMinutes(timeZone, probe) * MINUTE_MS)
    .sort((a, b) => a - b);
  for (const at of candidates) if (localDateOf(timeZone, at) === date) return at;
  // Midnight skipped (the clocks jumped over it): the day starts when the jump lands.
  return candidates[1]!;
}

/** The wall-clock time ("YYYY-MM-DDTHH:mm") in the zone at the instant `ms`. */
export function wallTimeAt(timeZone: string, ms: number): string {
  return new Date(ms + intlOffsetMinutes(timeZone, ms) * MINUTE_MS).toISOString().slice(0, 16);
}

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:mm") in the zone names, or null when it is
 * not one. A time the clocks pass twice is the earlier instant; a time they skip is read
 * with the offset before the change (02:30 on a spring-forward night is 03:30 after it).
 */
export function instantOfWallTime(timeZone: string, wall: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(wall)) return null;
  const asUtc = Date.parse(`${wall}:00.000Z`);
  if (Number.isNaN(asUtc)) return null;
  const candidates = [asUtc - DAY_MS / 2, asUtc + DAY_MS / 2]
    .map((probe) => asUtc - intlOffsetMinutes(timeZone, probe) * MINUTE_MS)
    .sort((a, b) => a - b);
  for (const at of candidates) if (wallTimeAt(timeZone, at) === wall) return at;
  return asUtc - intlOffsetMinutes(timeZone, asUtc - DAY_MS / 2) * MINUTE_MS;
}
