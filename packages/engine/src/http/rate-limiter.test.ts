import { RateLimitExceededError, RateLimitStoreError } from './errors';
import { acquireRateLimitSlot, InMemoryRateLimitStore } from './rate-limiter';

describe('InMemoryRateLimitStore', () => {
  it('counts hits per key in epoch-aligned fixed windows', async () => {
    let now = 10_250;
    const store = new InMemoryRateLimitStore(() => now);
    expect(await store.hit('a', 1_000)).toEqual({ count: 1, resetInMs: 750 });
    expect(await store.hit('a', 1_000)).toEqual({ count: 2, resetInMs: 750 });
    expect(await store.hit('b', 1_000)).toEqual({ count: 1, resetInMs: 750 });
    now = 11_000;
    expect(await store.hit('a', 1_000)).toEqual({ count: 1, resetInMs: 1_000 });
  });
});

describe('acquireRateLimitSlot', () => {
  it('waits for the next window while the budget is used up', async () => {
    let now = 0;
    const store = new InMemoryRateLimitStore(() => now);
    const waits: number[] = [];
    const options = {
      remainingMs: () => 10_000,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
      random: () => 0,
    };
    const limit = { requests: 2, intervalMs: 1_000 };
    await acquireRateLimitSlot(store, 'k', limit, options);
    await acquireRateLimitSlot(store, 'k', limit, options);
    expect(waits).toEqual([]);
    now = 400;
    await acquireRateLimitSlot(store, 'k', limit, options);
    expect(waits).toEqual([600]);
    expect(now).toBe(1_000);
  });

  it('refuses to wait beyond the remaining budget', async () => {
    const store = new InMemoryRateLimitStore(() => 0);
    const options = { remainingMs: () => 500, sleep: async () => {}, random: () => 0 };
    await acquireRateLimitSlot(store, 'k', { requests: 1, intervalMs: 1_000 }, options);
    await expect(acquireRateLimitSlot(store, 'k', { requests: 1, intervalMs: 1_000 }, options)).rejects.toThrow(RateLimitExceededError);
  });

  it('fails closed when the store cannot count', async () => {
    const broken = { hit: async () => Promise.reject(new Error('database is down')) };
    await expect(acquireRateLimitSlot(broken, 'k', { requests: 1, intervalMs: 1_000 }, { remainingMs: () => 1_000, sleep: async () => {} })).rejects.toThrow(
      RateLimitStoreError,
    );
  });
});
