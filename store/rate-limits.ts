// Hit counters of fixed-window rate limits, shared by every bot process.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface RateLimitStore {
  /** Counts one hit of a user in a window and returns the window's count; the counter expires after ttlMs. */
  countHit(limit: string, userId: string, window: number, ttlMs: number): Promise<number>;
}

export function createRateLimitStore(redis: Redis, prefix: string): RateLimitStore {
  const k = storeKeys(prefix);
  return {
    async countHit(limit, userId, window, ttlMs) {
      const key = k.rateLimit(limit, userId, window);
      const [[, count]] = (await redis.multi().incr(key).pexpire(key, ttlMs).exec()) as [[null, number], unknown];
      return count;
    },
  };
}
