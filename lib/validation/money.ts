// Amounts as people type them, shared by the forms and the pages' search parameters. No zod
// here, so that a form can import it without bundling the validator.

/** "12.50" or "12.5" or "12" → 1250; null when it is not a non-negative amount. */
export function parseMoneyToCents(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{0,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + fraction;
}
