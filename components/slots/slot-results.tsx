"use client";
// Search results in the API's order (cheapest first, then floor and slot number), polled
// so a slot someone else takes disappears; each with a Reserve button.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import { useSlots } from "@/components/data/hooks";
import { formatMoney } from "@/components/data/format";
import type { SlotFilter } from "@/lib/validation/page-params";
import type { SlotDto, SlotList, UserDto } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ReserveDialog } from "@/components/slots/reserve-dialog";
import { SlotFilters } from "@/components/slots/slot-filters";
import { TypeBadge } from "@/components/slots/slot-status";

export function SlotSearch({
  filter,
  fallback,
  user,
  floors,
  zones,
  locationNames,
}: {
  filter: SlotFilter;
  fallback: SlotList;
  user: UserDto | null;
  floors: number[];
  zones: string[];
  /** Each location's name by id: a slot's number and floor are its location's own. */
  locationNames: Record<number, string>;
}) {
  const { data = fallback } = useSlots(filter, fallback);
  const [pending, setPending] = useState(false);
  const [reserving, setReserving] = useState<SlotDto | null>(null);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const onPendingChange = useCallback((p: boolean) => setPending(p), []);

  function reserve(slot: SlotDto) {
    if (!user) {
      const here = `${pathname}${searchParams.size ? `?${searchParams}` : ""}`;
      router.push(`/login?next=${encodeURIComponent(here)}`);
      return;
    }
    setReserving(slot);
  }

  return (
    <div className="gap-section flex flex-col">
      <SlotFilters
        filter={filter}
        floors={floors}
        zones={zones}
        onPendingChange={onPendingChange}
      />
      <div aria-busy={pending} className={pending ? "opacity-60" : undefined}>
        <p role="status" className="text-ink-muted mb-2 text-sm" data-testid="slot-count">
          {data.total === 0
            ? "No free slot matches these filters."
            : `${data.total} free slot${data.total === 1 ? "" : "s"} match, cheapest first.`}
          {!user && " Sign in to reserve one."}
        </p>
        {data.slots.length === 0 ? (
          <EmptyState>
            No free slot matches. Try another floor or type, or a higher maximum price.
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Free slots">
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
                    {locationNames[slot.locationId] ?? `Location ${slot.locationId}`} · Floor{" "}
                    {slot.floor} · Zone {slot.zone}
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-2">
                    <TypeBadge type={slot.type} />
                    <span className="text-sm font-semibold tabular-nums">
                      {formatMoney(slot.pricePerHourCents)}/h
                    </span>
                  </p>
                </div>
                <button
                  type="button"
                  className={buttonClass.primary}
                  onClick={() => reserve(slot)}
                  aria-label={`Reserve slot ${slot.slotNumber}`}
                >
                  Reserve
                </button>
              </li>
            ))}
          </ul>
        )}
        {data.total > data.slots.length && (
          <p className="text-ink-muted mt-2 text-sm">
            Showing the {data.slots.length} cheapest; narrow the filters to see others.
          </p>
        )}
      </div>
      {reserving && user && (
        <ReserveDialog slot={reserving} user={user} onClose={() => setReserving(null)} />
      )}
    </div>
  );
}
