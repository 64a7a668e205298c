"use client";
// "Show pass": the reservation's signed QR pass, shown for a gate's scanner, with the token
// as text too (to copy, or to read out at a gate without a scanner).
import { useState } from "react";
import { fetcher } from "@/components/data/fetcher";
import { describeError } from "@/components/data/messages";
import { buttonClass } from "@/components/ui/button";

type Pass = { token: string; qrSvg: string };

export function PassButton({
  reservationId,
  slotNumber,
}: {
  reservationId: number;
  slotNumber: string;
}) {
  const [pass, setPass] = useState<Pass | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    if (open) return setOpen(false);
    setError(null);
    try {
      setPass(pass ?? (await fetcher<Pass>(`/api/reservations/${reservationId}/pass`)));
      setOpen(true);
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={toggle}
        aria-expanded={open}
        aria-label={`${open ? "Hide" : "Show"} the pass for slot ${slotNumber}`}
      >
        {open ? "Hide pass" : "Show pass"}
      </button>
      {open && pass && (
        <figure className="flex flex-col items-center gap-1" data-testid="reservation-pass">
          {/* A data: URL drawn on the server: nothing for next/image to optimize. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={`data:image/svg+xml;utf8,${encodeURIComponent(pass.qrSvg)}`}
            alt={`QR pass for the booking of slot ${slotNumber}`}
            width={160}
            height={160}
            className="bg-white"
          />
          <figcaption className="text-ink-muted text-xs">
            Pass code:{" "}
            <input
              readOnly
              value={pass.token}
              aria-label="Pass code to copy"
              className="w-48 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </figcaption>
        </figure>
      )}
      {error && (
        <span role="alert" className="text-danger text-sm">
          {error}
        </span>
      )}
    </span>
  );
}
