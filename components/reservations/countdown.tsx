"use client";
import { formatDuration } from "@/components/data/format";
import { useNow } from "@/components/data/live";

/** Time left until `endIso`, ticking each second; a placeholder of the same size before hydration. */
export function Countdown({ endIso }: { endIso: string }) {
  const now = useNow();
  const left = now === null ? null : (Date.parse(endIso) - now) / 1000;
  return (
    <span className="tabular-nums" data-testid="countdown">
      {left === null ? "–" : left > 0 ? `${formatDuration(left)} left` : "Time is up"}
    </span>
  );
}
