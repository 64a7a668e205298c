"use client";
// "Live" badge: a pulsing dot while refreshes succeed, "updated Ns ago", and a warning when
// the server cannot be reached. It polls /api/health itself, so it is live on every page.
import { useHealth } from "@/components/data/hooks";
import { useLiveState, useNow } from "@/components/data/live";

export function LiveIndicator() {
  useHealth();
  const { lastSuccessAt, unreachable } = useLiveState();
  const now = useNow();
  const seconds =
    lastSuccessAt !== null && now !== null
      ? Math.max(0, Math.round((now - lastSuccessAt) / 1000))
      : null;
  const ago = seconds === null ? "" : seconds < 2 ? "updated just now" : `updated ${seconds}s ago`;

  return (
    <p
      className={`rounded-pill inline-flex min-w-[13rem] items-center gap-2 border px-3 py-1 text-sm tabular-nums ${
        unreachable
          ? "border-warning-border bg-warning-bg text-warning"
          : "border-surface-border bg-surface text-ink-muted"
      }`}
      data-testid="live-indicator"
      data-state={unreachable ? "offline" : "live"}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      {unreachable ? (
        <>
          <span aria-hidden="true">⚠</span>
          <span>
            <strong className="font-semibold">Offline</strong> – server unreachable, retrying
            {seconds !== null && <span className="sr-only">; last {ago}</span>}
          </span>
        </>
      ) : (
        <>
          <span className="relative inline-flex size-2.5" aria-hidden="true">
            <span className="rounded-pill bg-slot-available absolute inline-flex size-full animate-ping opacity-75" />
            <span className="rounded-pill bg-slot-available relative inline-flex size-2.5" />
          </span>
          <span>
            <strong className="text-slot-available font-semibold">Live</strong>
            {ago && <span> · {ago}</span>}
          </span>
        </>
      )}
    </p>
  );
}
