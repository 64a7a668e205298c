// SWR keys, defined once. A key is the /api URL the client polls; the server render calls
// lib/ with the same parameters (the *_LIMIT constants below, the filters the page parsed
// with lib/validation/page-params.ts) and hands the result to the client as fallbackData,
// so the first paint and the first poll agree.
import type { AuditAction } from "@/lib/audit/actions";
import type { GateLogFilter } from "@/lib/validation/gate";
import {
  slotSearchQuery,
  type ReservationFilter,
  type SlotFilter,
} from "@/lib/validation/page-params";

/** One page of /slots results (divides into rows of 1, 2 and 3 cards). */
export const SLOT_SEARCH_LIMIT = 48;
/** The API's largest page: every slot of a floor (the floor map). */
export const ALL_SLOTS_LIMIT = 500;
export const RESERVATIONS_LIMIT = 100;
export const USERS_LIMIT = 100;
export const LEDGER_LIMIT = 50;
export const TOP_UPS_LIMIT = 20;
export const AUDIT_LOG_LIMIT = 100;
export const GATE_LOG_LIMIT = 50;

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
  locationAvailability: (locationId: number) => `/api/availability?${query({ locationId })}`,
  floorMap: (locationId: number, floor: number) =>
    `/api/slots?${query({ locationId, floor, available: "all", limit: ALL_SLOTS_LIMIT })}`,
  /** One page of the /slots search (`limit` other than a page: staff collecting a selection). */
  slots: (filter: SlotFilter, limit: number = SLOT_SEARCH_LIMIT) =>
    `/api/slots?${query(slotSearchQuery(filter, limit))}`,
  activeReservations: `/api/reservations?${query({ status: "active", limit: RESERVATIONS_LIMIT })}`,
  reservations: (filter: ReservationFilter) =>
    `/api/reservations?${query({
      status: filter.status,
      userId: filter.userId,
      locationId: filter.locationId,
      limit: RESERVATIONS_LIMIT,
    })}`,
  quote: (slotId: number, durationHours: number, startTime?: string) =>
    `/api/quote?${query({ slotId, durationHours, startTime })}`,
  slotDetail: (slotId: number) => `/api/slots/${slotId}`,
  users: (q: string) => `/api/users?${query({ q: q.trim() || undefined, limit: USERS_LIMIT })}`,
  walletTransactions: `/api/wallet/transactions?${query({ limit: LEDGER_LIMIT })}`,
  topUps: `/api/top-ups?${query({ limit: TOP_UPS_LIMIT })}`,
  analytics: (days: number, locationId?: number) => `/api/analytics?${query({ days, locationId })}`,
  auditLog: (action: AuditAction | undefined) =>
    `/api/audit-log?${query({ action, limit: AUDIT_LOG_LIMIT })}`,
  /** One page of a location's gate log (every event, or one kind), newest first. */
  gateEvents: (locationId: number, show: GateLogFilter, offset: number) =>
    `/api/gate/events?${query({ locationId, show: show === "all" ? undefined : show, limit: GATE_LOG_LIMIT, offset })}`,
  gateKeys: (locationId: number) => `/api/gate/keys?${query({ locationId })}`,
};

/** Every key that shows slots or money, to refresh after a reservation changes. */
export function isSlotOrReservationKey(key: unknown): boolean {
  return (
    typeof key === "string" &&
    /^\/api\/(slots|availability|reservations|me|wallet|top-ups|users|quote)([/?]|$)/.test(key)
  );
}
