"use client";
// One way to send a change: busy while it runs, the outcome returned (never thrown), and
// then every view of slots, reservations and balances refreshed, whether it succeeded or
// not (a refusal often means the data changed under the user).
import { useCallback, useState } from "react";
import { useRefreshAll } from "@/components/data/hooks";

export type MutationOutcome<T> = { ok: true; data: T } | { ok: false; error: unknown };

export function useMutation({
  refresh = true,
  busyAfterSuccess = false,
}: {
  /** Refresh the SWR views afterwards (not when the page navigates away instead). */
  refresh?: boolean;
  /** Stay busy after a success, while a navigation it starts completes. */
  busyAfterSuccess?: boolean;
} = {}) {
  const refreshAll = useRefreshAll();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(send: () => Promise<T>): Promise<MutationOutcome<T>> => {
      setBusy(true);
      let outcome: MutationOutcome<T>;
      try {
        outcome = { ok: true, data: await send() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (refresh) await refreshAll();
      if (!(outcome.ok && busyAfterSuccess)) setBusy(false);
      return outcome;
    },
    [refresh, busyAfterSuccess, refreshAll],
  );
  return { busy, run };
}
