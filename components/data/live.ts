// Liveness of the page's data: when a refresh last succeeded and whether the server is
// reachable now. SWR reports every poll here (components/providers.tsx); the header's
// live indicator reads it.
import { useSyncExternalStore } from "react";

type LiveState = { lastSuccessAt: number | null; unreachable: boolean };

let state: LiveState = { lastSuccessAt: null, unreachable: false };
const listeners = new Set<() => void>();

function emit(next: LiveState) {
  state = next;
  for (const listener of listeners) listener();
}

export function reportSuccess(): void {
  emit({ lastSuccessAt: Date.now(), unreachable: false });
}

export function reportOutage(): void {
  if (!state.unreachable) emit({ ...state, unreachable: true });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SERVER_STATE: LiveState = { lastSuccessAt: null, unreachable: false };

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => SERVER_STATE,
  );
}

// A clock that ticks once a second on the client and is null during the server render and
// hydration, so times relative to "now" never cause a hydration mismatch.
let now = 0;
const clockListeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void) {
  clockListeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of clockListeners) l();
    }, 1000);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function readClock(): number {
  if (!now) now = Date.now();
  return now;
}

/** Milliseconds since the epoch, refreshed every second; null before hydration. */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribeClock,
    readClock,
    () => null,
  );
}
