// Failed-login limits: more than 10 failures for one username, or 50 from one client
// address, within 15 minutes blocks further attempts until the window has moved on.
// Kept in memory: the app runs as one process, and a restart forgetting the counts only
// errs towards letting a legitimate user back in.

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USERNAME = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.hits.delete(key);
    else this.hits.set(key, times);
    return times;
  }

  isBlocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.limit;
  }

  record(key: string, now: number): void {
    this.hits.set(key, [...this.recent(key, now), now]);
    // Bound memory under a flood of distinct keys: forget the oldest ones.
    if (this.hits.size > 100_000) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }

  clear(key: string): void {
    this.hits.delete(key);
  }
}

const byUsername = new SlidingWindowCounter(MAX_FAILURES_PER_USERNAME, LOGIN_WINDOW_MS);
const byAddress = new SlidingWindowCounter(MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS);

export function isLoginBlocked(username: string, address: string, now = Date.now()): boolean {
  return byUsername.isBlocked(username, now) || byAddress.isBlocked(address, now);
}

export function recordLoginFailure(username: string, address: string, now = Date.now()): void {
  byUsername.record(username, now);
  byAddress.record(address, now);
}

/** A successful login clears the username's failures (not the address's). */
export function recordLoginSuccess(username: string): void {
  byUsername.clear(username);
}
