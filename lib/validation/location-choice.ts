// The location choice of the driver and staff pages, in one place: it lives in the URL
// (`?location=<slug>`; absent = the whole network) so links can be shared, and is
// remembered in a cookie; a page request without `location` but with a remembered choice
// is sent to the same URL carrying it. `?location=` (empty) chooses the whole network and
// forgets the choice. The server's edge applies this to page requests (server/edge.ts); the
// header's picker and the navigation build their links with withLocation().

export const LOCATION_PARAM = "location";
export const LOCATION_COOKIE = "location";

/** The pages that are about a location (or the network); the others ignore the choice. */
const SCOPED_PAGES = ["/", "/slots", "/reservations", "/gate", "/analytics", "/users", "/audit"];

const SLUG = /^[a-z0-9-]{2,40}$/;

export function isScopedPage(pathname: string): boolean {
  return SCOPED_PAGES.some((page) =>
    page === "/" ? pathname === "/" : pathname === page || pathname.startsWith(`${page}/`),
  );
}

export type LocationChoiceStep =
  | { kind: "redirect"; search: string }
  | { kind: "remember"; slug: string }
  | { kind: "forget" }
  | { kind: "none" };

/**
 * What a page request does about the location choice. A prefetch (the router fetching a
 * link ahead of a click) is nobody's choice: it neither remembers nor forgets, else a late
 * prefetch of the previous garage's links would undo the choice just made.
 */
export function locationChoiceStep(
  pathname: string,
  search: URLSearchParams,
  remembered: string | undefined,
  { prefetch = false }: { prefetch?: boolean } = {},
): LocationChoiceStep {
  const chosen = search.get(LOCATION_PARAM);
  if (chosen !== null) {
    if (prefetch) return { kind: "none" };
    if (chosen === "") return { kind: "forget" };
    return SLUG.test(chosen) ? { kind: "remember", slug: chosen } : { kind: "none" };
  }
  if (remembered !== undefined && SLUG.test(remembered) && isScopedPage(pathname)) {
    const carried = new URLSearchParams(search);
    carried.set(LOCATION_PARAM, remembered);
    return { kind: "redirect", search: `?${carried.toString()}` };
  }
  return { kind: "none" };
}

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The Set-Cookie header a step sends, if any: the choice is kept a year, for this site's
 * pages only (HttpOnly: no script reads it; Lax: a link from elsewhere still carries it).
 */
export function locationCookieHeader(step: LocationChoiceStep, secure: boolean): string | null {
  const attributes = `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  if (step.kind === "remember") {
    return `${LOCATION_COOKIE}=${step.slug}; Max-Age=${YEAR_SECONDS}; ${attributes}`;
  }
  if (step.kind === "forget") return `${LOCATION_COOKIE}=; Max-Age=0; ${attributes}`;
  return null;
}

/**
 * The address of `pathname` filtered by `filters` (those without a value left out): the
 * location choice of `current` kept, since a filter never changes the garage, and no page
 * number, since the filtered list starts at its first.
 */
export function filterHref(
  pathname: string,
  current: URLSearchParams,
  filters: Readonly<Record<string, string | undefined>>,
): string {
  const params = new URLSearchParams();
  const location = current.get(LOCATION_PARAM);
  if (location !== null) params.set(LOCATION_PARAM, location);
  for (const [name, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(name, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** `href` (a scoped page) carrying the choice `slug` (null: the whole network, explicitly). */
export function withLocation(href: string, slug: string | null): string {
  if (!isScopedPage(href.split("?")[0] ?? href)) return href;
  const [path, query = ""] = href.split("?");
  const params = new URLSearchParams(query);
  params.set(LOCATION_PARAM, slug ?? "");
  return `${path}?${params.toString()}`;
}
