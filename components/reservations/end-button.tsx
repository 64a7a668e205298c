"use client";
// Ends a reservation and refreshes every view of slots, reservations and balances.
import { useState } from "react";
import { postJson } from "@/components/data/fetcher";
import { useMutation } from "@/components/data/mutation";
import { describeError } from "@/components/data/messages";
import { buttonClass } from "@/components/ui/button";

export function EndReservationButton({
  reservationId,
  slotNumber,
}: {
  reservationId: number;
  slotNumber: string;
}) {
  const { busy, run } = useMutation();
  const [error, setError] = useState<string | null>(null);

  async function end() {
    setError(null);
    const outcome = await run(() => postJson("/api/end-reservation", { reservationId }));
    if (!outcome.ok) setError(describeError(outcome.error));
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" className={buttonClass.danger} onClick={end} disabled={busy}>
        {busy ? "Ending…" : "End now"}
        <span className="sr-only">, slot {slotNumber}</span>
      </button>
      {error && (
        <span role="alert" className="text-danger text-sm">
          {error}
        </span>
      )}
    </span>
  );
}
