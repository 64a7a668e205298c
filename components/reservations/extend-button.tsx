"use client";
// "Extend by 1 h — $3.50" on a running or upcoming booking: the price is GET /api/quote's for
// the hour after its end (the same function the extension charges with), sent back as
// expectedTotalCents so a price that moved is refused, not charged.
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { useQuote } from "@/components/data/hooks";
import { keys } from "@/components/data/keys";
import { describeError } from "@/components/data/messages";
import { formatMoney } from "@/components/data/format";
import type { ReserveResponse } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";

export function ExtendReservationButton({
  reservationId,
  slotId,
  slotNumber,
  endTime,
}: {
  reservationId: number;
  slotId: number;
  slotNumber: string;
  endTime: string;
}) {
  const { data: quote } = useQuote(keys.quote(slotId, 1, endTime));
  const { busy, run } = useMutation();
  const [error, setError] = useState<string | null>(null);

  async function extend() {
    if (!quote) return;
    setError(null);
    const outcome = await run(() =>
      postJson<ReserveResponse>(`/api/reservations/${reservationId}/extend`, {
        hours: 1,
        expectedTotalCents: quote.totalCents,
      }),
    );
    if (!outcome.ok) setError(describeError(outcome.error));
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={extend}
        disabled={busy || !quote}
        aria-label={
          quote
            ? `Extend the booking of slot ${slotNumber} by 1 hour for ${formatMoney(quote.totalCents)}`
            : `Extend the booking of slot ${slotNumber} by 1 hour`
        }
      >
        {busy ? "Extending…" : `Extend by 1 h${quote ? ` — ${formatMoney(quote.totalCents)}` : ""}`}
      </button>
      {error && (
        <span role="alert" className="text-danger text-sm">
          {error}
        </span>
      )}
    </span>
  );
}
