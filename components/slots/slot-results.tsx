"use client";
// Slot search results, one page at a time in the API's order (cheapest first, then floor
// and slot number), polled so a slot someone else takes changes state. Drivers reserve a
// free slot and see why one is out of service; staff also edit the slots of the locations
// they work at, and change the whole search's slots at once (bulk-slots.tsx).
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { useSlots } from "@/components/data/hooks";
import { SLOT_SEARCH_LIMIT } from "@/components/data/keys";
import { formatMoney } from "@/components/data/format";
import type { SlotFilter, SlotPageState } from "@/lib/validation/page-params";
import type { SlotDto, SlotList, UserDto } from "@/components/data/types";
import { worksAt } from "@/lib/auth/roles";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Pager } from "@/components/ui/pager";
import { ReserveDialog } from "@/components/slots/reserve-dialog";
import { SlotFilters } from "@/components/slots/slot-filters";
import { StateBadge, TypeBadge } from "@/components/slots/slot-status";
import { EditSlotDialog } from "@/components/slots/slot-admin";
import { zoneOf, type LocationZones } from "@/components/ui/time";
import { BulkSlots, type BulkLocation } from "@/components/slots/bulk-slots";

const STATE_WORDS: Record<SlotPageState, string> = {
  free: "free ",
  all: "",
  occupied: "occupied ",
  out_of_service: "out-of-service ",
};

function countText(total: number, state: SlotPageState): string {
  const what = `${STATE_WORDS[state]}slot${total === 1 ? "" : "s"}`;
  return total === 0
    ? `No ${STATE_WORDS[state]}slot matches these filters.`
    : `${total} ${what} match${total === 1 ? "es" : ""}, cheapest first.`;
}

export function SlotSearch({
  filter,
  defaultState,
  fallback,
  user,
  floors,
  zones,
  locationNames,
  locationZones,
  location,
}: {
  filter: SlotFilter;
  defaultState: SlotPageState;
  fallback: SlotList;
  user: UserDto | null;
  floors: number[];
  zones: string[];
  /** Each location's name by id: a slot's number and floor are its location's own. */
  locationNames: Record<number, string>;
  /** Each location's time zone by id: a slot's times are shown in its location's. */
  locationZones: LocationZones;
  /** The location chosen in the header; null: the whole network. */
  location: BulkLocation | null;
}) {
  const { data = fallback } = useSlots(filter, fallback);
  const [pending, setPending] = useState(false);
  const [reserving, setReserving] = useState<SlotDto | null>(null);
  // The slot as it was when opened: a change may move it out of this search's results.
  const [editing, setEditing] = useState<SlotDto | null>(null);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const onPendingChange = useCallback((p: boolean) => setPending(p), []);
  const manages = (locationId: number) => user !== null && worksAt(user, locationId);

  function reserve(slot: SlotDto) {
    if (!user) {
      const here = `${pathname}${searchParams.size ? `?${searchParams}` : ""}`;
      router.push(`/login?next=${encodeURIComponent(here)}`);
      return;
    }
    setReserving(slot);
  }

  function pageHref(offset: number): string {
    const params = new URLSearchParams(searchParams.toString());
    if (offset === 0) params.delete("offset");
    else params.set("offset", String(offset));
    return `${pathname}?${params.toString()}`;
  }

  /** This search in another state, from its first page. */
  function stateHref(state: SlotPageState): string {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("offset");
    params.set("state", state);
    return `${pathname}?${params.toString()}`;
  }

  return (
    <div className="gap-section flex flex-col">
      <SlotFilters
        // Another location (the header's picker) starts from its own filters.
        key={filter.locationId ?? "network"}
        filter={filter}
        defaultState={defaultState}
        floors={floors}
        zones={zones}
        onPendingChange={onPendingChange}
      />
      {user && location && manages(location.id) && (
        <BulkSlots filter={filter} total={data.total} location={location} />
      )}
      <div aria-busy={pending} className={pending ? "opacity-60" : undefined}>
        <p role="status" className="text-ink-muted mb-2 text-sm" data-testid="slot-count">
          {countText(data.total, filter.state)}
          {!user && " Sign in to reserve one."}
        </p>
        {data.slots.length === 0 ? (
          <EmptyState>
            {data.total > 0 ? (
              <>
                No slot on this page.{" "}
                <Link href={pageHref(0)} className={buttonClass.link}>
                  Go to the first page
                </Link>
              </>
            ) : filter.state === "free" ? (
              <>
                No free slot matches. Try another floor, zone or type, a higher maximum price, or{" "}
                <Link href={stateHref("all")} className={buttonClass.link}>
                  see these slots in every state
                </Link>{" "}
                (and why any are out of service).
              </>
            ) : (
              "No slot matches. Try another floor, zone, type or state, or a higher maximum price."
            )}
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Slots found">
            {data.slots.map((slot) => (
              <li
                key={slot.id}
                className="rounded-card border-surface-border bg-surface p-card flex items-center justify-between gap-3 border"
                data-testid="slot-result"
                data-slot-number={slot.slotNumber}
                data-location-id={slot.locationId}
              >
                <div className="min-w-0">
                  <p className="font-semibold">{slot.slotNumber}</p>
                  <p className="text-ink-muted text-sm">
                    {`${locationNames[slot.locationId] ?? `Location ${slot.locationId}`} · Floor ${slot.floor} · Zone ${slot.zone}`}
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-2">
                    <TypeBadge type={slot.type} />
                    <span className="text-sm font-semibold tabular-nums">
                      {`${formatMoney(slot.pricePerHourCents)}/h`}
                    </span>
                    <StateBadge slot={slot} />
                  </p>
                </div>
                <div className="flex shrink-0 flex-col gap-2">
                  {slot.isAvailable && (
                    <button
                      type="button"
                      className={buttonClass.primary}
                      onClick={() => reserve(slot)}
                      aria-label={`Reserve slot ${slot.slotNumber}`}
                    >
                      Reserve
                    </button>
                  )}
                  {manages(slot.locationId) && (
                    <button
                      type="button"
                      className={buttonClass.secondary}
                      onClick={() => setEditing(slot)}
                      aria-label={`Edit slot ${slot.slotNumber}`}
                    >
                      Edit
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <Pager
          label="Slot pages"
          offset={filter.offset}
          limit={SLOT_SEARCH_LIMIT}
          shown={data.slots.length}
          total={data.total}
          hrefFor={pageHref}
        />
      </div>
      {reserving && user && (
        <ReserveDialog
          slot={reserving}
          user={user}
          timeZone={zoneOf(locationZones, reserving.locationId)}
          onClose={() => setReserving(null)}
        />
      )}
      {editing && (
        <EditSlotDialog slot={editing} zones={locationZones} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}
