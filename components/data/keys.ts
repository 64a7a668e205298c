// SWR keys, defined once. A key is the /api URL the client polls; the server render calls
// lib/ with the same parameters (the *_LIMIT constants and filters below) and hands the
// result to the client as fallbackData, so the first paint and the first poll agree.
import { SLOT_TYPES, RESERVATION_STATUSES } from "@/lib/dto";
import { MAX_DB_INT } from "@/lib/validation/common";
import type { ReservationStatus, SlotType } from "@/components/data/types";
import { parseMoneyToCents } from "@/components/data/format";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";

export const SLOT_SEARCH_LIMIT = 100;
/** The API's largest page: every slot of a floor, or (for staff slot management) of the garage. */
export const ALL_SLOTS_LIMIT = 500;
export const RESERVATIONS_LIMIT = 100;
export const USERS_LIMIT = 100;
export const LEDGER_LIMIT = 50;
export const AUDIT_LOG_LIMIT = 100;

export type SlotFilter = {
  floor?: number;
  zone?: string;
  type?: SlotType;
  maxPriceCents?: number;
};

export type ReservationFilter = {
  status: ReservationStatus | "all";
  userId?: number;
};

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  return search.toString();
}

export const keys = {
  health: "/api/health",
  me: "/api/me",
  availability: "/api/availability",
  allSlots: `/api/slots?${query({ available: "all", limit: ALL_SLOTS_LIMIT })}`,
  floorMap: (floor: number) =>
    `/api/slots?${query({ floor, available: "all", limit: ALL_SLOTS_LIMIT })}`,
  slots: (filter: SlotFilter) =>
    `/api/slots?${query({
      floor: filter.floor,
      zone: filter.zone,
      type: filter.type,
      maxPriceCents: filter.maxPriceCents,
      limit: SLOT_SEARCH_LIMIT,
    })}`,
  activeReservations: `/api/reservations?${query({ status: "active", limit: RESERVATIONS_LIMIT })}`,
  reservations: (filter: ReservationFilter) =>
    `/api/reservations?${query({ status: filter.status, userId: filter.userId, limit: RESERVATIONS_LIMIT })}`,
  quote: (slotId: number, durationHours: number, startTime?: string) =>
    `/api/quote?${query({ slotId, durationHours, startTime })}`,
  slotDetail: (slotId: number) => `/api/slots/${slotId}`,
  users: (q: string) => `/api/users?${query({ q: q.trim() || undefined, limit: USERS_LIMIT })}`,
  walletTransactions: `/api/wallet/transactions?${query({ limit: LEDGER_LIMIT })}`,
  analytics: (days: number) => `/api/analytics?${query({ days })}`,
  auditLog: (action: AuditAction | undefined) =>
    `/api/audit-log?${query({ action, limit: AUDIT_LOG_LIMIT })}`,
};

/** The /audit page's action filter from its URL (`?action=slot_update`); else all. */
export function parseAuditAction(params: Params): AuditAction | undefined {
  const action = single(params, "action");
  return AUDIT_ACTIONS.find((a) => a === action);
}

/** The /analytics page's range choices, in days; the URL's `days` picks one. */
export const ANALYTICS_RANGES = [7, 30, 90, 365] as const;
export const DEFAULT_ANALYTICS_DAYS = 30;

export function parseAnalyticsDays(params: Params): number {
  const days = wholeNumber(single(params, "days"), 1, 365);
  return ANALYTICS_RANGES.find((d) => d === days) ?? DEFAULT_ANALYTICS_DAYS;
}

/** Every key that shows slots or money, to refresh after a reservation changes. */
export function isSlotOrReservationKey(key: unknown): boolean {
  return (
    typeof key === "string" &&
    /^\/api\/(slots|availability|reservations|me|wallet|users|quote)([/?]|$)/.test(key)
  );
}

type Params = Record<string, string | string[] | undefined>;

function single(params: Params, name: string): string | undefined {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

function wholeNumber(text: string | undefined, min: number, max: number): number | undefined {
  if (!text || !/^-?\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The /slots page's filters from its URL. Values that make no sense are dropped rather than
 * failing the page: a hand-edited link still shows slots. `maxPrice` is in dollars
 * ("4.50"), the way a driver types it.
 */
export function parseSlotFilter(params: Params): SlotFilter {
  const type = single(params, "type");
  const zone = single(params, "zone");
  const maxPrice = single(params, "maxPrice");
  const maxPriceCents = maxPrice === undefined ? null : parseMoneyToCents(maxPrice);
  return {
    floor: wholeNumber(single(params, "floor"), -1000, 1000),
    zone: zone && zone.length <= 32 ? zone : undefined,
    type: SLOT_TYPES.find((t) => t === type),
    maxPriceCents: maxPriceCents ?? undefined,
  };
}

/**
 * The dashboard's floor from its URL (`?floor=2`): one of the garage's floors, else the
 * lowest. Null when the garage has no slots yet.
 */
export function parseDashboardFloor(params: Params, floors: number[]): number | null {
  const floor = wholeNumber(single(params, "floor"), -1000, 1000);
  if (floor !== undefined && floors.includes(floor)) return floor;
  return floors.length === 0 ? null : Math.min(...floors);
}

export function parseReservationFilter(params: Params): ReservationFilter {
  const status = single(params, "status");
  return {
    status: RESERVATION_STATUSES.find((s) => s === status) ?? "all",
    userId: wholeNumber(single(params, "userId"), 1, MAX_DB_INT),
  };
}
