// A gate event's reason in words for staff, and how much attention it needs. The reasons
// are the gate's (API.md v2 → Arrival, stay and exit, and docs/gate.md); one the app does
// not know yet is still shown, as its code in words.
export type Attention = "denied" | "owed" | "overstay" | "manual" | "normal";

const WORDS: Record<string, string> = {
  // Arrivals that open.
  checked_in: "Checked in for a booking",
  early_start: "Booking started early (its slot was free)",
  drive_up: "Drive-up: parked without a booking",
  // Arrivals that are refused.
  unknown_plate: "Unknown plate: no account has this vehicle",
  already_inside: "Already inside: this car has not left yet",
  slot_not_free: "The booked slot is not free yet",
  no_booking: "The pass has no booking due now",
  outstanding_balance: "Owes money from an earlier stay",
  full: "Full: no free slot for a drive-up",
  insufficient_funds: "Wallet cannot cover one hour",
  // Exits (always open).
  paid: "Left; the stay was paid",
  overstay: "Left late; the overstay was charged",
  owed: "Left late; the wallet could not cover the bill, the rest is owed",
  no_stay: "Left; no stay was found for this car",
  // Staff.
  manual: "Opened by hand",
  // A device event still being decided (its row is written first).
  pending: "Being decided",
};

/** "checked_in" → its sentence; an unknown code → "Some new reason" from its words. */
export function reasonInWords(reason: string): string {
  const known = WORDS[reason];
  if (known) return known;
  const words = reason.replace(/_/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "No reason given";
}

/** What staff should notice about an event first. */
export function attentionOf(event: {
  decision: string;
  reason: string;
  manual: boolean;
}): Attention {
  if (event.decision === "deny") return "denied";
  if (event.reason === "owed") return "owed";
  if (event.reason === "overstay") return "overstay";
  if (event.manual) return "manual";
  return "normal";
}
