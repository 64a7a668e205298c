// The gate decision, once: a pure function (no clock, no database) from the state a gate
// transaction read (lib/gate/state.ts) and the event to the answer and what to write
// (lib/gate/write.ts). Rules: API.md v2 → Arrival, stay and exit, and docs/gate.md.
import { owesMoney } from "@/lib/wallet/debt";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";

/** An upcoming booking may check in this early; and leaving this late after its end is free. */
export const EARLY_ARRIVAL_MS = 15 * MINUTE_MS;
export const OVERSTAY_GRACE_MS = 15 * MINUTE_MS;
/** A drive-up's provisional end: this long after entry, or the slot's next booking. */
export const DRIVE_UP_HORIZON_MS = 24 * HOUR_MS;

export type GateDirection = "in" | "out";

/** Who is at the gate: a registered plate's vehicle and owner, or a pass's reservation. */
export type GateIdentity = {
  ownerId: number;
  vehicleId: number | null;
  /** The vehicle's lock_version as read (lib/gate/write.ts lockVehicle). */
  vehicleLockVersion: number | null;
  plate: string | null;
  /** Set when the car showed a pass: only that reservation counts. */
  passReservationId: number | null;
  walletBalanceCents: number;
  outstandingCents: number;
};

/** A stay that is checked in and not out. */
export type RunningStay = {
  id: number;
  slotId: number;
  kind: "booked" | "drive_up";
  status: string;
  startTime: Date;
  endTime: Date;
  pricePerHourCents: number;
};

/** A booking the car may check in to: active and not checked in, or upcoming and due. */
export type DueBooking = {
  id: number;
  slotId: number;
  status: "upcoming" | "active";
  startTime: Date;
  /** The slot is in service and nobody holds it now. */
  slotFree: boolean;
};

/** A free regular slot of the location, cheapest first, with its next booking if soon. */
export type DriveUpSlot = {
  id: number;
  pricePerHourCents: number;
  /** The start of its next booking within DRIVE_UP_HORIZON_MS of the event, else null. */
  nextBookingStart: Date | null;
};

export type GateState = {
  /** How the car showed itself. */
  credential: "plate" | "pass";
  /** Null: unknown plate, or a pass this app did not sign for this location. */
  identity: GateIdentity | null;
  running: RunningStay | null;
  due: DueBooking | null;
  /** Read only for an `in` that may become a drive-up. */
  driveUpSlots: readonly DriveUpSlot[];
};

export type ExitBill = {
  paymentKind: "overstay" | "drive_up";
  hours: number;
  amountCents: number;
  /** From the wallet (≤ its balance); the rest is owed. */
  chargedCents: number;
  owedCents: number;
};

export type GateAction =
  | { kind: "none" }
  | { kind: "check_in"; reservationId: number; startEarly: { slotId: number } | null }
  | { kind: "drive_up"; slotId: number; pricePerHourCents: number; endTime: Date }
  | { kind: "check_out"; stay: RunningStay; bill: ExitBill | null };

export type GateOutcome = {
  decision: "open" | "deny";
  reason: string;
  reservationId: number | null;
  action: GateAction;
};

const deny = (reason: string, reservationId: number | null = null): GateOutcome => ({
  decision: "deny",
  reason,
  reservationId,
  action: { kind: "none" },
});

/** Started hours in a span (ms), at least `min`. */
function startedHours(spanMs: number, min: number): number {
  return Math.max(min, Math.ceil(spanMs / HOUR_MS));
}

function bill(
  paymentKind: ExitBill["paymentKind"],
  hours: number,
  pricePerHourCents: number,
  walletBalanceCents: number,
): ExitBill {
  const amountCents = hours * pricePerHourCents;
  const chargedCents = Math.min(amountCents, Math.max(0, walletBalanceCents));
  return { paymentKind, hours, amountCents, chargedCents, owedCents: amountCents - chargedCents };
}

/** What leaving at `at` costs beyond what was paid: null when nothing. */
export function exitBill(stay: RunningStay, at: Date, walletBalanceCents: number): ExitBill | null {
  if (stay.kind === "drive_up") {
    const hours = startedHours(at.getTime() - stay.startTime.getTime(), 1);
    return bill("drive_up", hours, stay.pricePerHourCents, walletBalanceCents);
  }
  const late = at.getTime() - stay.endTime.getTime();
  if (late <= OVERSTAY_GRACE_MS) return null;
  return bill("overstay", startedHours(late, 1), stay.pricePerHourCents, walletBalanceCents);
}

/** The slot a drive-up gets: the cheapest with no booking soon, else the cheapest. */
export function chooseDriveUpSlot(slots: readonly DriveUpSlot[]): DriveUpSlot | null {
  return slots.find((slot) => slot.nextBookingStart === null) ?? slots[0] ?? null;
}

export function decideGate(state: GateState, direction: GateDirection, at: Date): GateOutcome {
  const { identity, running, due } = state;
  if (direction === "out") {
    // The gate never traps a car: no stay (or an unknown plate) still opens.
    if (!identity || !running) return { ...deny("no_stay"), decision: "open" };
    const exit = exitBill(running, at, identity.walletBalanceCents);
    const reason =
      exit === null
        ? "paid"
        : exit.owedCents > 0
          ? "owed"
          : exit.paymentKind === "overstay"
            ? "overstay"
            : "paid";
    return {
      decision: "open",
      reason,
      reservationId: running.id,
      action: { kind: "check_out", stay: running, bill: exit },
    };
  }

  if (!identity) return deny(state.credential === "pass" ? "unknown_pass" : "unknown_plate");
  if (running) return deny("already_inside", running.id);
  if (due) {
    if (due.status === "active") {
      return {
        decision: "open",
        reason: "checked_in",
        reservationId: due.id,
        action: { kind: "check_in", reservationId: due.id, startEarly: null },
      };
    }
    if (!due.slotFree) return deny("slot_not_free", due.id);
    return {
      decision: "open",
      reason: "early_start",
      reservationId: due.id,
      action: { kind: "check_in", reservationId: due.id, startEarly: { slotId: due.slotId } },
    };
  }
  // A pass names one booking: no drive-up on it.
  if (identity.passReservationId !== null) return deny("no_booking", identity.passReservationId);
  if (owesMoney(identity)) return deny("outstanding_balance");
  const slot = chooseDriveUpSlot(state.driveUpSlots);
  if (!slot) return deny("full");
  if (identity.walletBalanceCents < slot.pricePerHourCents) return deny("insufficient_funds");
  const horizon = new Date(at.getTime() + DRIVE_UP_HORIZON_MS);
  const endTime =
    slot.nextBookingStart !== null && slot.nextBookingStart < horizon
      ? slot.nextBookingStart
      : horizon;
  return {
    decision: "open",
    reason: "drive_up",
    reservationId: null,
    action: {
      kind: "drive_up",
      slotId: slot.id,
      pricePerHourCents: slot.pricePerHourCents,
      endTime,
    },
  };
}
