"use client";
// One floor's slots as a grid, by zone: colour, an icon and (for screen readers) words
// give the state; an icon gives the type. Tiles keep a fixed size, so refreshes never
// move anything.
import Link from "next/link";
import { useAvailability, useFloorMap } from "@/components/data/hooks";
import { SLOT_TYPE_LABEL } from "@/components/data/format";
import type { Availability } from "@/components/data/types";
import type { MapSlot, MapSlotList } from "@/components/data/map-slots";
import { Card } from "@/components/ui/card";
import { inNumberOrder } from "@/lib/slots/order";
import { byZone } from "./floor-zones";
import {
  STATE_CLASS,
  STATE_ICON,
  STATE_LABEL,
  TYPE_ICON,
  slotState,
  stateText,
  type SlotState,
} from "@/components/slots/slot-status";

function Legend() {
  const states: SlotState[] = ["available", "occupied", "out-of-service"];
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
      {states.map((state) => (
        <li key={state} className="flex items-center gap-1">
          <span
            className={`inline-flex size-5 items-center justify-center rounded border text-xs font-bold ${STATE_CLASS[state]}`}
            aria-hidden="true"
          >
            {STATE_ICON[state]}
          </span>
          {STATE_LABEL[state]}
        </li>
      ))}
      {(Object.keys(TYPE_ICON) as (keyof typeof TYPE_ICON)[]).map((type) => (
        <li key={type} className="flex items-center gap-1">
          <span className="inline-flex w-5 justify-center font-semibold" aria-hidden="true">
            {TYPE_ICON[type]}
          </span>
          {SLOT_TYPE_LABEL[type]}
        </li>
      ))}
    </ul>
  );
}

// A floor's hundred tiles are most of the dashboard's markup, so each is two elements:
// the tile and its words for screen readers; CSS draws its icons and number from the data
// attributes (.slot-tile, app/globals.css).
function Tile({ slot }: { slot: MapSlot }) {
  const state = slotState(slot);
  const label = `${slot.slotNumber}, ${SLOT_TYPE_LABEL[slot.type]}, ${stateText(slot)}`;
  return (
    <li
      className={`slot-tile ${STATE_CLASS[state]}`}
      title={label}
      data-slot-id={slot.id}
      data-slot-number={slot.slotNumber}
      data-status={state}
      data-icons={`${STATE_ICON[state]} ${TYPE_ICON[slot.type]}`}
      data-number={slot.slotNumber.split("-").at(-1)}
    >
      <span className="sr-only">{label}</span>
    </li>
  );
}

type MapLocation = { id: number; slug: string; name: string };

// The picker's links are never prefetched: the router's "full" prefetches carry no header
// that tells them from a navigation, and a navigation with `?location=` remembers that
// garage as the visitor's choice (server/edge.ts), so a prefetch would choose a garage unasked.
const pickerLink = (current: boolean) =>
  `min-h-control rounded-control inline-flex items-center gap-2 border px-3 text-sm font-medium ${
    current
      ? "bg-brand border-brand text-white"
      : "border-surface-border text-ink hover:bg-brand-light hover:text-brand-dark"
  }`;

/** One link per location of the network (when there are several). */
function LocationPicker({
  locations,
  locationId,
}: {
  locations: MapLocation[];
  locationId: number;
}) {
  if (locations.length < 2) return null;
  return (
    <nav aria-label="Garages">
      <ul className="flex flex-wrap gap-1">
        {locations.map((location) => {
          const current = location.id === locationId;
          return (
            <li key={location.id}>
              <Link
                href={`/?location=${encodeURIComponent(location.slug)}`}
                scroll={false}
                // Not prefetched: see pickerLink.
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={pickerLink(current)}
              >
                {location.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** One link per floor of the location with its free count; the chosen floor's map is below. */
function FloorPicker({
  location,
  floor,
  counts,
}: {
  location: MapLocation;
  floor: number;
  counts: Pick<Availability, "byFloor">;
}) {
  const floors = counts.byFloor.filter((row) => row.locationId === location.id);
  return (
    <nav aria-label="Floors">
      <ul className="flex flex-wrap gap-1">
        {floors.map((row) => {
          const current = row.floor === floor;
          return (
            <li key={row.floor}>
              <Link
                href={`/?location=${encodeURIComponent(location.slug)}&floor=${row.floor}`}
                scroll={false}
                // Not prefetched: see pickerLink (in the network view these name a garage).
                prefetch={false}
                aria-current={current ? "page" : undefined}
                className={pickerLink(current)}
              >
                Floor {row.floor}
                <span className="font-normal tabular-nums">{row.available} free</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The map of one location's floor at a time: a garage network has a thousand slots or
 * more, and one floor's tiles are what a driver can take in (and what a page can render
 * quickly).
 */
export function FloorMap({
  locations,
  locationId,
  floor,
  fallback,
  counts: countsFallback,
  countsLocationId,
}: {
  locations: MapLocation[];
  locationId: number | null;
  floor: number | null;
  fallback: MapSlotList | null;
  /** Free counts by floor for the floor links: the map's garage's, or the network's. */
  counts: Pick<Availability, "byFloor">;
  /** Whose counts they are (the key polled): the map's garage, or the network (undefined). */
  countsLocationId?: number;
}) {
  const { data: counts = countsFallback } = useAvailability<"byFloor">(
    countsFallback,
    countsLocationId,
  );
  const location = locations.find((candidate) => candidate.id === locationId);
  return (
    <Card title="Floor map" action={<Legend />}>
      {location === undefined || floor === null || fallback === null ? (
        <p className="text-ink-muted">No slots yet.</p>
      ) : (
        <div className="gap-section flex flex-col">
          <LocationPicker locations={locations} locationId={location.id} />
          <FloorPicker location={location} floor={floor} counts={counts} />
          <FloorTiles location={location} floor={floor} fallback={fallback} />
        </div>
      )}
    </Card>
  );
}

function FloorTiles({
  location,
  floor,
  fallback,
}: {
  location: MapLocation;
  floor: number;
  fallback: MapSlotList;
}) {
  const { data = fallback } = useFloorMap(location.id, floor, fallback);
  const zones = byZone(data.slots);
  return (
    <section aria-labelledby="floor-map-floor">
      <h3 id="floor-map-floor" className="mb-2 font-semibold">
        {location.name}, floor {floor}
      </h3>
      {zones.length === 0 ? (
        <p className="text-ink-muted">No slots on this floor.</p>
      ) : (
        <div className="flex flex-col gap-3">
          {zones.map(([zone, slots]) => (
            <div key={zone} className="flex flex-col gap-1 sm:flex-row sm:items-center">
              <h4 className="text-ink-muted w-16 shrink-0 text-sm">Zone {zone}</h4>
              <ul
                className="grid flex-1 grid-cols-5 gap-1 sm:grid-cols-10"
                aria-label={`${location.name}, floor ${floor}, zone ${zone}`}
              >
                {slots.map((slot) => (
                  <Tile key={slot.id} slot={slot} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      <ClosedSlots slots={data.slots} />
      {data.total > data.slots.length && (
        <p className="text-ink-muted mt-2 text-sm">
          Showing {data.slots.length} of {data.total} slots on this floor.
        </p>
      )}
    </section>
  );
}

/** The floor's out-of-service slots by staff's reason, in words beside the tiles. */
function ClosedSlots({ slots }: { slots: MapSlot[] }) {
  const byReason = new Map<string, string[]>();
  for (const slot of inNumberOrder(slots.filter((each) => each.outOfService))) {
    const reason = slot.outOfServiceReason ?? "No reason given";
    const numbers = byReason.get(reason);
    if (numbers) numbers.push(slot.slotNumber);
    else byReason.set(reason, [slot.slotNumber]);
  }
  if (byReason.size === 0) return null;
  return (
    <div className="mt-3" data-testid="closed-slots">
      <h4 className="text-sm font-semibold">Out of service on this floor</h4>
      <ul className="mt-1 flex flex-col gap-1 text-sm">
        {[...byReason].map(([reason, numbers]) => (
          <li key={reason} className="break-words">
            <span aria-hidden="true">{STATE_ICON["out-of-service"]} </span>
            <span className="font-medium">{reason}</span>
            {`: ${numbers.length} slot${numbers.length === 1 ? "" : "s"} (${numbers.join(", ")})`}
          </li>
        ))}
      </ul>
    </div>
  );
}
