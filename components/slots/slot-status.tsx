// Slot state and type as icon + word + colour, so colour is never the only signal.
import { SLOT_TYPE_LABEL } from "@/components/data/format";
import type { SlotDto, SlotType } from "@/components/data/types";
import { slotStateNow } from "@/lib/validation/parking";

export type SlotState = "available" | "occupied" | "out-of-service";

const UI_STATE = {
  free: "available",
  occupied: "occupied",
  out_of_service: "out-of-service",
} as const satisfies Record<ReturnType<typeof slotStateNow>, SlotState>;

export function slotState(slot: Pick<SlotDto, "isAvailable" | "outOfService">): SlotState {
  return UI_STATE[slotStateNow(slot)];
}

export const STATE_LABEL: Record<SlotState, string> = {
  available: "Available",
  occupied: "Occupied",
  "out-of-service": "Out of service",
};

export const STATE_ICON: Record<SlotState, string> = {
  available: "✓",
  occupied: "✕",
  "out-of-service": "⊘",
};

/** Tile and badge colours per state (one class each, app/globals.css: the design tokens). */
export const STATE_CLASS: Record<SlotState, string> = {
  available: "state-available",
  occupied: "state-occupied",
  "out-of-service": "state-out-of-service",
};

export const TYPE_ICON: Record<SlotType, string> = {
  regular: "P",
  handicap: "♿",
  vip: "★",
  electric: "⚡",
};

export function TypeBadge({ type }: { type: SlotType }) {
  return (
    <span className="badge border-surface-border bg-surface-muted text-ink">
      <span aria-hidden="true">{TYPE_ICON[type]}</span>
      {SLOT_TYPE_LABEL[type]}
    </span>
  );
}

type StateOf = Pick<SlotDto, "isAvailable" | "outOfService" | "outOfServiceReason">;

/** The state in words, with staff's reason when the slot is out of service. */
export function stateText(slot: StateOf): string {
  const state = slotState(slot);
  const reason = state === "out-of-service" ? slot.outOfServiceReason : null;
  return reason ? `${STATE_LABEL[state]}: ${reason}` : STATE_LABEL[state];
}

/** The state as icon, words (and the reason) and colour. */
export function StateBadge({ slot }: { slot: StateOf }) {
  const state = slotState(slot);
  return (
    <span
      className={`badge max-w-full break-words ${STATE_CLASS[state]}`}
      data-testid="slot-state"
      data-state={state}
    >
      <span aria-hidden="true">{STATE_ICON[state]}</span>
      {stateText(slot)}
    </span>
  );
}
