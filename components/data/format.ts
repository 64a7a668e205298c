// Formatting shared by server and client renders. Everything here is deterministic (fixed
// locale) so the server's HTML and the first client render agree. Times: components/ui/time.tsx.

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** 12345 → "$123.45". Money is integer cents everywhere; this is the only conversion. */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

/** Cents to the text of an amount input: 1250 → "12.50". */
export function centsToInput(cents: number): string {
  return (cents / 100).toFixed(2);
}

export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** 3725 s → "1 h 02 min"; 59 → "59 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}

export const SLOT_TYPE_LABEL = {
  regular: "Regular",
  handicap: "Accessible",
  vip: "VIP",
  electric: "EV charging",
} as const;
