// Where a refused booking becomes the contract's error: the decision (decide.ts) answers
// with values, and this is the one place that turns them into AppError codes, messages
// and details.
import { AppError } from "@/lib/errors";
import { MAX_BOOKING_AHEAD_DAYS } from "@/lib/validation/limits";
import type { Refusal } from "@/lib/reservations/decide";
import { outstandingBalanceError } from "@/lib/wallet/debt";

const notExtendableMessage = {
  window_taken:
    "The slot is booked right after this reservation; it cannot be extended by that much.",
  out_of_service: "This slot is out of service; the reservation cannot be extended.",
  drive_up: "A drive-up stay is open-ended: it is billed by the hour at exit.",
} as const;

/** The contract's answer for a refused booking. */
export function refusalError(refusal: Refusal): AppError {
  switch (refusal.reason) {
    case "start_in_past":
      return new AppError("VALIDATION_ERROR", "A reservation cannot start in the past.", [
        { path: "startTime", message: "must not be in the past" },
      ]);
    case "start_too_far_ahead":
      return new AppError(
        "VALIDATION_ERROR",
        `A reservation can start at most ${MAX_BOOKING_AHEAD_DAYS} days ahead.`,
        [{ path: "startTime", message: `must be within ${MAX_BOOKING_AHEAD_DAYS} days from now` }],
      );
    case "slot_not_found":
      return new AppError("NOT_FOUND", `Slot ${refusal.slotId} does not exist.`);
    case "out_of_service":
      return new AppError("SLOT_UNAVAILABLE", "This slot is out of service.");
    case "window_taken":
      return new AppError("SLOT_UNAVAILABLE", "This slot is already booked for part of that time.");
    case "slot_taken":
      return new AppError("SLOT_UNAVAILABLE", "This slot has just been taken.");
    case "slot_busy":
      return new AppError("SLOT_UNAVAILABLE", "This slot is busy; please try again.");
    case "price_changed":
      return new AppError(
        "PRICE_CHANGED",
        "The price of this reservation has changed since it was quoted; nothing was charged.",
        {
          expectedTotalCents: refusal.expectedTotalCents,
          totalCents: refusal.totalCents,
          breakdown: refusal.breakdown,
        },
      );
    case "owner_not_found":
      return new AppError("NOT_FOUND", `User ${refusal.userId} does not exist.`);
    case "insufficient_funds":
      return new AppError(
        "INSUFFICIENT_FUNDS",
        "The wallet balance does not cover this reservation.",
        { walletBalanceCents: refusal.walletBalanceCents, requiredCents: refusal.requiredCents },
      );
    case "vehicle_not_found":
      return new AppError("NOT_FOUND", `Vehicle ${refusal.vehicleId} does not exist.`);
    case "outstanding_balance":
      return outstandingBalanceError(refusal.outstandingCents);
    case "reservation_not_found":
      return new AppError("NOT_FOUND", `Reservation ${refusal.reservationId} does not exist.`);
    case "reservation_not_active":
      return new AppError(
        "RESERVATION_NOT_ACTIVE",
        "This reservation has ended (or was cancelled); only a running or upcoming one can be extended.",
      );
    case "not_extendable":
      return new AppError("NOT_EXTENDABLE", notExtendableMessage[refusal.why], {
        why: refusal.why,
      });
    case "idempotency_key_reused":
      return new AppError(
        "CONFLICT",
        "This Idempotency-Key was already used for a different request.",
      );
  }
}
