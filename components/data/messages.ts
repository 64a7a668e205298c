// Contract errors as sentences a driver understands. The way out (a top-up link, a fresh
// list) is added where the error is shown; this says what happened.
import { ApiError } from "@/components/data/fetcher";

const SENTENCES: Record<string, string> = {
  VALIDATION_ERROR: "Some of the details are not valid. Check the highlighted fields and try again.",
  INVALID_JSON: "The request could not be read. Reload the page and try again.",
  UNAUTHENTICATED: "You are signed out. Sign in to continue.",
  INVALID_CREDENTIALS: "That username and password do not match. Check them and try again.",
  INSUFFICIENT_FUNDS: "Your wallet does not have enough money for this.",
  FORBIDDEN: "Your account is not allowed to do this.",
  NOT_FOUND: "We could not find that. It may have been removed.",
  SLOT_UNAVAILABLE: "Someone else just took this slot, or it was closed.",
  RESERVATION_NOT_ACTIVE: "This reservation has already started or ended.",
  PRICE_CHANGED: "The price changed since you saw it. Nothing was charged; check the new price.",
  CONFLICT: "That is already taken.",
  NOT_EXTENDABLE: "The slot is booked right after this, so it cannot be extended.",
  OUTSTANDING_BALANCE: "You owe money from an earlier stay. Top up your wallet to settle it first.",
  UNSUPPORTED_MEDIA_TYPE: "The request could not be read. Reload the page and try again.",
  PAYLOAD_TOO_LARGE: "That is too much data to send at once.",
  RATE_LIMITED: "Too many failed attempts. Wait a few minutes and try again.",
  SERVICE_BUSY: "The system is busy right now. Please try again in a moment.",
  INTERNAL_ERROR: "Something went wrong on our side. Please try again in a moment.",
  NETWORK_ERROR: "The server cannot be reached. Check your connection and try again.",
};

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return SENTENCES[error.code] ?? "Something went wrong. Please try again.";
  }
  return "Something went wrong. Please try again.";
}

/**
 * The server's own message for a refusal (it names what is wrong, e.g. which slug is
 * taken); the plain sentence for outages, where there is no such message.
 */
export function apiMessage(error: unknown): string {
  return error instanceof ApiError && error.status > 0 && error.status < 500
    ? error.message
    : describeError(error);
}

/** VALIDATION_ERROR details by field: {"username": "must be at least 3 characters"}. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.code !== "VALIDATION_ERROR") return {};
  const details = Array.isArray(error.details) ? error.details : [];
  const result: Record<string, string> = {};
  for (const item of details as { path?: unknown; message?: unknown }[]) {
    if (typeof item.path === "string" && typeof item.message === "string") {
      result[item.path] ??= item.message;
    }
  }
  return result;
}
