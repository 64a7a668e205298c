// Debt: what an account owes after an exit bill its wallet could not cover. The rule that
// owing blocks new bookings (reserve, extend, drive-up) lives here once.
import { AppError } from "@/lib/errors";

/** Whether an account's debt blocks it from starting or growing a booking. */
export function owesMoney(user: { outstandingCents: number }): boolean {
  return user.outstandingCents > 0;
}

/** The contract's answer to a booking by an account that owes money. */
export function outstandingBalanceError(outstandingCents: number): AppError {
  return new AppError(
    "OUTSTANDING_BALANCE",
    "This account owes money from an earlier stay; top up the wallet to settle it first.",
    { outstandingCents },
  );
}
