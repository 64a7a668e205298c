// The pages' search parameters (`/slots?floor=2&type=electric`), parsed with the field
// schemas of the API route each page mirrors, so a page and its route accept the same
// values. A page is lenient where the API is strict: a value that fails its schema is left
// out (a hand-edited link still shows the page) instead of answering 400.
import { z } from "zod";
import {
  ANALYTICS_RANGES,
  DEFAULT_ANALYTICS_DAYS,
  analyticsQuerySchema,
} from "@/lib/validation/analytics";
import { auditLogQuerySchema } from "@/lib/validation/audit";
import { gateLogFilterSchema, type GateLogFilter } from "@/lib/validation/gate";
import { SLOT_STATES, reservationsQuerySchema, slotsQuerySchema } from "@/lib/validation/parking";
import { parseMoneyToCents } from "@/lib/validation/money";
import { paginationSchema } from "@/lib/validation/common";

/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

type Parsed<S extends z.ZodRawShape> = { [K in keyof S]?: z.output<S[K]> };

/** Each field of `shape` from the first value of its parameter, trimmed; failures left out. */
function lenient<S extends z.ZodRawShape>(shape: S, params: SearchParams): Parsed<S> {
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const raw = params[name];
    const text = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
    const result = z.safeParse(schema, text);
    if (result.success && result.data !== undefined) parsed[name] = result.data;
  }
  return parsed as Parsed<S>;
}

/** The /slots page's state choice: one of the API's states, or every state. */
export const SLOT_PAGE_STATES = [...SLOT_STATES, "all"] as const;
export type SlotPageState = (typeof SLOT_PAGE_STATES)[number];

const slotFilterShape = {
  q: slotsQuerySchema.shape.q,
  floor: slotsQuerySchema.shape.floor,
  zone: slotsQuerySchema.shape.zone,
  type: slotsQuerySchema.shape.type,
  state: z.enum(SLOT_PAGE_STATES).optional(),
  // In dollars ("4.50"), the way a driver types it; the API takes cents.
  maxPrice: z
    .string()
    .transform((text) => parseMoneyToCents(text) ?? undefined)
    .optional(),
  offset: slotsQuerySchema.shape.offset,
};

export type SlotFilter = {
  /** The location chosen in the header (`?location=`); absent: the whole network. */
  locationId?: number;
  /** Part of the slot number, any case. */
  q?: string;
  floor?: number;
  zone?: string;
  type?: z.output<typeof slotsQuerySchema.shape.type>;
  state: SlotPageState;
  maxPriceCents?: number;
  /** The first result shown: a multiple of the page size. */
  offset: number;
};

/**
 * The /slots page's filters (`?q=b-01&floor=2&zone=B&type=electric&state=out_of_service
 * &maxPrice=4.50&offset=48`) at the chosen location. Without `state`, `defaultState`: a
 * driver looks for a free slot, staff manage slots in every state.
 */
export function parseSlotFilter(
  params: SearchParams,
  { locationId, defaultState }: { locationId?: number; defaultState: SlotPageState },
): SlotFilter {
  const { maxPrice, state, offset, ...rest } = lenient(slotFilterShape, params);
  return {
    ...rest,
    ...(locationId !== undefined && { locationId }),
    state: state ?? defaultState,
    ...(maxPrice !== undefined && { maxPriceCents: maxPrice }),
    offset: offset ?? 0,
  };
}

/**
 * The GET /api/slots query (and the lib/slots search) of a /slots filter, one page of
 * `limit`: "free" is the v1 `available=true`; the other states ask for every slot in it.
 */
export function slotSearchQuery(filter: SlotFilter, limit: number) {
  const { state, ...rest } = filter;
  return {
    ...rest,
    available: state === "free" ? ("true" as const) : ("all" as const),
    ...(state !== "free" && state !== "all" && { state }),
    limit,
  };
}

/** A location as the pages' location choice needs it. */
export type LocationChoice = { id: number; slug: string };

/**
 * The location a page is about (`?location=city-centre`): one of `locations` by slug, else
 * `fallback` (null: the whole network).
 */
export function parseLocation<L extends LocationChoice>(
  params: SearchParams,
  locations: readonly L[],
  fallback: L | null = null,
): L | null {
  const { location } = lenient({ location: z.string().max(40) }, params);
  return locations.find((candidate) => candidate.slug === location) ?? fallback;
}

/**
 * The dashboard's floor (`?floor=2`): one of the location's floors, else the lowest. Null
 * when it has no slots yet.
 */
export function parseDashboardFloor(params: SearchParams, floors: number[]): number | null {
  const { floor } = lenient({ floor: slotsQuerySchema.shape.floor }, params);
  if (floor !== undefined && floors.includes(floor)) return floor;
  return floors.length === 0 ? null : Math.min(...floors);
}

export type ReservationFilter = {
  status: z.output<typeof reservationsQuerySchema.shape.status>;
  userId?: number;
  /** The chosen location's id (`?location=<slug>`); absent: the whole network. */
  locationId?: number;
};

/**
 * The /reservations page's filters (`?status=active&userId=7&location=city-centre`); all
 * statuses by default. `location` names one of `locations`, else the whole network.
 */
export function parseReservationFilter(
  params: SearchParams,
  locations: readonly LocationChoice[] = [],
): ReservationFilter {
  const { status, userId } = lenient(
    { status: reservationsQuerySchema.shape.status, userId: reservationsQuerySchema.shape.userId },
    params,
  );
  const location = parseLocation(params, locations);
  return {
    status: status ?? "all",
    ...(userId === undefined ? {} : { userId }),
    ...(location === null ? {} : { locationId: location.id }),
  };
}

/** The /audit page's action filter (`?action=slot_update`); else all. */
export function parseAuditAction(
  params: SearchParams,
): z.output<typeof auditLogQuerySchema.shape.action> {
  return lenient({ action: auditLogQuerySchema.shape.action }, params).action;
}

/** The /analytics page's range (`?days=90`): one of ANALYTICS_RANGES, else the default. */
export function parseAnalyticsDays(params: SearchParams): number {
  const { days } = lenient(analyticsQuerySchema.shape, params);
  return ANALYTICS_RANGES.find((d) => d === days) ?? DEFAULT_ANALYTICS_DAYS;
}

/**
 * The /gate page's view (`?show=denials&offset=50`): which events, from which one of the
 * log (a multiple of the page size `limit`); every event from the newest by default.
 */
export function parseGateLogView(
  params: SearchParams,
  limit: number,
): { show: GateLogFilter; offset: number } {
  const { show, offset = 0 } = lenient(
    { show: gateLogFilterSchema, offset: paginationSchema().offset },
    params,
  );
  return { show: show ?? "all", offset: offset - (offset % limit) };
}
