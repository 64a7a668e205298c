"use client";
// Data hooks, one per resource and all in this file. Each takes the server render's data as
// fallbackData and then polls its /api key (interval and pausing in components/providers.tsx).
import useSWR, { useSWRConfig } from "swr";
import { useCallback } from "react";
import { fetcher, type ApiError } from "@/components/data/fetcher";
import { isSlotOrReservationKey, keys } from "@/components/data/keys";
import type { ReservationFilter, SlotFilter } from "@/lib/validation/page-params";
import type { AuditAction } from "@/lib/audit/actions";
import type { GateLogFilter } from "@/lib/validation/gate";
import type { MapSlotList } from "@/components/data/map-slots";
import type {
  AnalyticsDto,
  AuditLogList,
  Availability,
  GateEventList,
  GateKeyList,
  MeResponse,
  QuoteResponse,
  SlotDetailResponse,
  ReservationList,
  SlotList,
  TopUpList,
  UserList,
  WalletTransactionList,
} from "@/components/data/types";

function useResource<T>(key: string | null, fallbackData?: T) {
  return useSWR<T, ApiError>(key, fetcher<T>, { fallbackData });
}

export function useHealth() {
  return useResource<{ status: string; db: string }>(keys.health);
}

/** The signed-in user (null key when anonymous: nothing to poll). */
export function useMe(fallbackData: MeResponse | null) {
  return useResource<MeResponse>(fallbackData ? keys.me : null, fallbackData ?? undefined);
}

/**
 * The network's counts, or one location's (`locationId`). A component that shows part of
 * them names that part (`K`): its fallback then carries only those fields (the network's
 * dashboard sends no floor or zone rows of twenty garages that it does not show), and the
 * type lets it read no others before the first poll brings the whole answer.
 */
export function useAvailability<K extends keyof Availability = keyof Availability>(
  fallbackData?: Pick<Availability, K>,
  locationId?: number,
) {
  return useResource<Pick<Availability, K>>(
    locationId === undefined ? keys.availability : keys.locationAvailability(locationId),
    fallbackData,
  );
}

/**
 * Every slot of one location's floor, occupied and out of service too, as the floor map
 * reads them.
 */
export function useFloorMap(locationId: number, floor: number, fallbackData?: MapSlotList) {
  return useResource<MapSlotList>(keys.floorMap(locationId, floor), fallbackData);
}

/**
 * One page of the /slots search. The filter and its fallback come from one server render,
 * so on a new filter or page the fallback is right and the previous page's data is not.
 */
export function useSlots(filter: SlotFilter, fallbackData?: SlotList) {
  return useSWR<SlotList, ApiError>(keys.slots(filter), fetcher<SlotList>, {
    fallbackData,
    keepPreviousData: false,
  });
}

/** The caller's running reservations (null key when anonymous). */
export function useActiveReservations(enabled: boolean, fallbackData?: ReservationList) {
  return useResource<ReservationList>(enabled ? keys.activeReservations : null, fallbackData);
}

export function useReservations(filter: ReservationFilter, fallbackData?: ReservationList) {
  return useResource<ReservationList>(keys.reservations(filter), fallbackData);
}

/** The price of a window on a slot (null key: nothing to quote yet). */
export function useQuote(key: string | null) {
  return useResource<QuoteResponse>(key);
}

/** Staff: a slot with its running and upcoming reservations (null key: none open). */
export function useSlotDetail(slotId: number | null) {
  return useResource<SlotDetailResponse>(slotId === null ? null : keys.slotDetail(slotId));
}

export function useUsers(q: string, fallbackData?: UserList) {
  return useResource<UserList>(keys.users(q), fallbackData);
}

export function useWalletTransactions(fallbackData?: WalletTransactionList) {
  return useResource<WalletTransactionList>(keys.walletTransactions, fallbackData);
}

/** The signed-in user's own top-ups through the payment provider, newest first. */
export function useTopUps(fallbackData?: TopUpList) {
  return useResource<TopUpList>(keys.topUps, fallbackData);
}

/**
 * Staff analytics for the last `days` days, the network's or one location's. Polled every
 * 10 s rather than the app's 4 s: the figures move slowly and the server caches them for 3 s.
 */
export function useAnalytics(
  days: number,
  locationId: number | undefined,
  fallbackData?: AnalyticsDto,
) {
  return useSWR<AnalyticsDto, ApiError>(keys.analytics(days, locationId), fetcher<AnalyticsDto>, {
    fallbackData,
    refreshInterval: 10_000,
  });
}

/** Staff: the audit log, newest first, optionally one kind of action. */
export function useAuditLog(action: AuditAction | undefined, fallbackData?: AuditLogList) {
  return useResource<AuditLogList>(keys.auditLog(action), fallbackData);
}

/**
 * Staff: one page of a location's gate log, polled every 3 s rather than the app's 4 s
 * (staff at the barrier watch it). A new page shows nothing of the previous one's rows.
 */
export function useGateEvents(
  locationId: number,
  view: { show: GateLogFilter; offset: number },
  fallbackData?: GateEventList,
) {
  const key = keys.gateEvents(locationId, view.show, view.offset);
  return useSWR<GateEventList, ApiError>(key, fetcher<GateEventList>, {
    fallbackData,
    keepPreviousData: false,
    refreshInterval: 3_000,
  });
}

/** Admin: a location's gate keys (revoked ones too), newest first. */
export function useGateKeys(locationId: number, fallbackData?: GateKeyList) {
  return useResource<GateKeyList>(keys.gateKeys(locationId), fallbackData);
}

/** After a write: refresh every view of slots, reservations and balances at once. */
export function useRefreshAll() {
  const { mutate } = useSWRConfig();
  return useCallback(() => mutate(isSlotOrReservationKey), [mutate]);
}
