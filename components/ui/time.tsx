// Times on screen, formatted in one place. A time is shown in an explicit IANA zone (a
// location's, or UTC for network views) and labelled with that zone's abbreviation at that
// instant ("5 Dec 2026, 09:00 GMT", "14:30 EST"). The zone is always passed in, never the
// browser's own, so the server's HTML and the client's first render are the same text
// (no hydration mismatch) and a shared link shows the same times to everyone.
// No "use client": server components and client components both render <Time>.
import { HOUR_MS } from "@/lib/time";

/** The zone of views that cover the whole network. */
export const NETWORK_TIME_ZONE = "UTC";

/** A location's time zone by location id (from lib/locations' Location DTOs). */
export type LocationZones = Readonly<Record<number, string>>;

/** The zone to show a location's times in: its own, or UTC when it is not known. */
export function zoneOf(zones: LocationZones | undefined, locationId: number): string {
  return zones?.[locationId] ?? NETWORK_TIME_ZONE;
}

/** The zones of `locations` by id. */
export function locationZones(
  locations: readonly { id: number; timeZone: string }[],
): LocationZones {
  return Object.fromEntries(locations.map((location) => [location.id, location.timeZone]));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function zoneName(locale: string, timeZone: string, at: Date): string {
  const f = formatter(`zone:${locale}:${timeZone}`, () =>
    Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }),
  );
  return f.formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

// en-US knows the North American abbreviations (EST, PDT) and GMT; en-GB knows the British
// and European ones (BST, CET). A zone neither names is shown by its offset ("GMT+9").
const ABBREVIATION_LOCALES = ["en-US", "en-GB"];
const OFFSET_NAME = /^GMT[+\-\u2212]/;

/** The zone's abbreviation at `at`: "GMT" or "BST" for Europe/London, "EST", "UTC", "GMT+9". */
export function zoneAbbreviation(timeZone: string, at: Date): string {
  let offset: string | undefined;
  for (const locale of ABBREVIATION_LOCALES) {
    const name = zoneName(locale, timeZone, at);
    if (!OFFSET_NAME.test(name)) return name;
    offset ??= name;
  }
  return offset ?? timeZone;
}

/**
 * The abbreviations a zone uses from `from` to `to`, in order, e.g. "BST/GMT" for a range
 * across the October change: the label of hours of the day counted over that range.
 */
export function zoneAbbreviationsBetween(timeZone: string, from: Date, to: Date): string {
  const names = new Set<string>();
  const step = 6 * HOUR_MS;
  for (let t = from.getTime(); t < to.getTime(); t += step) {
    names.add(zoneAbbreviation(timeZone, new Date(t)));
  }
  names.add(zoneAbbreviation(timeZone, to));
  return [...names].join("/");
}

function parts(timeZone: string, at: Date, withDate: boolean): Record<string, string> {
  const f = formatter(`${withDate ? "datetime" : "time"}:${timeZone}`, () =>
    Intl.DateTimeFormat("en-GB", {
      ...(withDate && { day: "numeric", month: "short", year: "numeric" }),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    }),
  );
  return Object.fromEntries(f.formatToParts(at).map((part) => [part.type, part.value]));
}

/** "5 Dec 2026, 09:00 GMT": the date and time at `iso` in `timeZone`, labelled. */
export function formatDateTime(iso: string, timeZone: string = NETWORK_TIME_ZONE): string {
  const at = new Date(iso);
  const p = parts(timeZone, at, true);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneAbbreviation(timeZone, at)}`;
}

/** "09:00 GMT": the time of day at `iso` in `timeZone`, labelled. */
export function formatTimeOfDay(iso: string, timeZone: string = NETWORK_TIME_ZONE): string {
  const at = new Date(iso);
  const p = parts(timeZone, at, false);
  return `${p.hour}:${p.minute} ${zoneAbbreviation(timeZone, at)}`;
}

/** The hour of the day (0..23) at `iso` in `timeZone`. */
export function hourInZone(iso: string, timeZone: string = NETWORK_TIME_ZONE): number {
  return Number(parts(timeZone, new Date(iso), false).hour);
}

/** "12-05" (month-day) at `iso` in `timeZone`: a day in a table of hours. */
export function monthDayInZone(iso: string, timeZone: string = NETWORK_TIME_ZONE): string {
  const f = formatter(`monthday:${timeZone}`, () =>
    Intl.DateTimeFormat("en-CA", { month: "2-digit", day: "2-digit", timeZone }),
  );
  return f.format(new Date(iso));
}

/** An hour of the day, 8 → "08:00" (the zone is named by the heading it sits under). */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** A point in time, in `timeZone` (UTC unless given), labelled with the zone. */
export function Time({ iso, timeZone = NETWORK_TIME_ZONE }: { iso: string; timeZone?: string }) {
  return (
    <time dateTime={iso} title={timeZone}>
      {formatDateTime(iso, timeZone)}
    </time>
  );
}
