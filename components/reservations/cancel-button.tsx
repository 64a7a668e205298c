"use client";
// Cancels a booking that has not started: a full refund to the owner's wallet. Asks once
// more before it does, then refreshes every view of slots, reservations and balances.
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { formatMoney } from "@/components/data/format";
import type { CancelResponse } from "@/components/data/types";
import { buttonClass } from "@/components/ui/button";

export function CancelReservationButton({
  reservationId,
  slotNumber,
  amountCents,
}: {
  reservationId: number;
  slotNumber: string;
  amountCents: number;
}) {
  const { busy, run } = useMutation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    setError(null);
    const outcome = await run(() =>
      postJson<CancelResponse>(`/api/reservations/${reservationId}/cancel`),
    );
    if (!outcome.ok) setError(describeError(outcome.error));
    setConfirming(false);
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      {confirming ? (
        <span className="inline-flex flex-wrap items-center justify-end gap-2">
          <span className="text-sm">Refund {formatMoney(amountCents)}?</span>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => setConfirming(false)}
            disabled={busy}
          >
            Keep it
          </button>
          <button
            type="button"
            className={buttonClass.danger}
            onClick={cancel}
            disabled={busy}
            aria-label={`Cancel and refund the booking of slot ${slotNumber}`}
          >
            {busy ? "Cancelling…" : "Cancel and refund"}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className={buttonClass.danger}
          onClick={() => setConfirming(true)}
          aria-label={`Cancel booking of slot ${slotNumber}`}
        >
          Cancel booking
        </button>
      )}
      {error && (
        <span role="alert" className="text-danger text-sm">
          {error}
        </span>
      )}
    </span>
  );
}
