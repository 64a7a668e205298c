"use client";
// Each floor's slots as a grid, by zone: colour, an icon and (for screen readers) words
// give the state; an icon gives the type. Tiles keep a fixed size, so refreshes never
// move anything.
import { useFloorMap } from "@/components/data/hooks";
import { SLOT_TYPE_LABEL } from "@/components/data/format";
import type { SlotDto, SlotList } from "@/components/data/types";
import { Card } from "@/components/ui/card";
import {
  STATE_CLASS,
  STATE_ICON,
  STATE_LABEL,
  TYPE_ICON,
  slotState,
  type SlotState,
} from "@/components/slots/slot-status";

function group(slots: SlotDto[]) {
  const floors = new Map<number, Map<string, SlotDto[]>>();
  const ordered = [...slots].sort((a, b) => a.slotNumber.localeCompare(b.slotNumber));
  for (const slot of ordered) {
    const zones = floors.get(slot.floor) ?? new Map<string, SlotDto[]>();
    zones.set(slot.zone, [...(zones.get(slot.zone) ?? []), slot]);
    floors.set(slot.floor, zones);
  }
  return [...floors].sort(([a], [b]) => a - b);
}

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

function Tile({ slot }: { slot: SlotDto }) {
  const state = slotState(slot);
  const label = `${slot.slotNumber}, ${SLOT_TYPE_LABEL[slot.type]}, ${STATE_LABEL[state]}`;
  return (
    <li
      className={`h-tile flex flex-col items-center justify-center rounded border-2 text-xs leading-tight ${STATE_CLASS[state]}`}
      title={label}
      data-slot-id={slot.id}
      data-slot-number={slot.slotNumber}
      data-status={state}
    >
      <span className="sr-only">{label}</span>
      <span aria-hidden="true" className="font-bold">
        {STATE_ICON[state]} {TYPE_ICON[slot.type]}
      </span>
      <span aria-hidden="true" className="text-ink tabular-nums">
        {slot.slotNumber.split("-").at(-1)}
      </span>
    </li>
  );
}

export function FloorMap({ fallback }: { fallback: SlotList }) {
  const { data = fallback } = useFloorMap(fallback);
  const floors = group(data.slots);
  return (
    <Card title="Floor map" action={<Legend />}>
      {floors.length === 0 ? (
        <p className="text-ink-muted">No slots yet.</p>
      ) : (
        <div className="gap-section flex flex-col">
          {floors.map(([floor, zones]) => (
            <section key={floor} aria-labelledby={`floor-${floor}`}>
              <h3 id={`floor-${floor}`} className="mb-2 font-semibold">
                Floor {floor}
              </h3>
              <div className="flex flex-col gap-3">
                {[...zones].map(([zone, slots]) => (
                  <div key={zone} className="flex flex-col gap-1 sm:flex-row sm:items-center">
                    <h4 className="text-ink-muted w-16 shrink-0 text-sm">Zone {zone}</h4>
                    <ul
                      className="grid flex-1 grid-cols-5 gap-1 sm:grid-cols-10"
                      aria-label={`Floor ${floor}, zone ${zone}`}
                    >
                      {slots.map((slot) => (
                        <Tile key={slot.id} slot={slot} />
                      ))}
                    </ul>
                  </div>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}
