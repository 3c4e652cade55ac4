import { RateLimitExceededError, RateLimitStoreError } from './errors';
import type { RateLimit } from './connector-config';

/**
 * Fixed-window request counting. A store counts a request in the window that contains "now"
 * and says how many requests that window has seen, this one included, and when it ends.
 * Windows are aligned to the epoch, so every worker sharing a store agrees on them.
 */
export interface RateLimitStore {
  hit(key: string, intervalMs: number): Promise<RateLimitHit>;
}

export interface RateLimitHit {
  /** Requests counted in the current window, including this one. */
  count: number;
  /** Time until the current window ends and a new budget opens. */
  resetInMs: number;
}

/** A process-local store: for tests and single-process tools; workers share PostgresRateLimitStore. */
export class InMemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, intervalMs: number): Promise<RateLimitHit> {
    const now = this.now();
    const start = now - (now % intervalMs);
    const current = this.windows.get(key);
    const window = current && current.start === start ? current : { start, count: 0 };
    window.count += 1;
    // Replacing the entry drops the expired window, so the map never grows past one per key.
    this.windows.set(key, window);
    return { count: window.count, resetInMs: start + intervalMs - now };
  }
}

export interface RateLimitWaitOptions {
  /** Milliseconds left in the request's total budget. */
  remainingMs(): number;
  sleep(ms: number): Promise<void>;
  onWait?(waitMs: number): void;
  random?: () => number;
}

/**
 * Takes one request slot from the connector's budget, waiting for the next window while the
 * current one is used up. Gives up, rather than waiting past the request's total timeout,
 * with RateLimitExceededError.
 */
export async function acquireRateLimitSlot(store: RateLimitStore, key: string, limit: RateLimit, options: RateLimitWaitOptions): Promise<void> {
  const random = options.random ?? Math.random;
  for (;;) {
    let hit: RateLimitHit;
    try {
      hit = await store.hit(key, limit.intervalMs);
    } catch (error) {
      // Without the shared count the budget cannot be kept: refuse rather than overrun it.
      throw new RateLimitStoreError(`rate limit could not be checked: ${(error as Error).message}`, { cause: error });
    }
    const { count, resetInMs } = hit;
    if (count <= limit.requests) return;
    // Waiters spread over the first moments of the new window instead of arriving at once.
    const waitMs = Math.max(1, Math.ceil(resetInMs + random() * Math.min(25, limit.intervalMs / 20)));
    if (waitMs >= options.remainingMs()) {
      throw new RateLimitExceededError(
        waitMs,
        `rate limit of ${limit.requests} requests per ${limit.intervalMs} ms reached; the next window opens in ${waitMs} ms, after the request's total timeout`,
      );
    }
    options.onWait?.(waitMs);
    await options.sleep(waitMs);
  }
}
