// Per-user fixed-window limiter; the counts live in Redis (store/rate-limits.ts), so the limit holds across bot processes.
import type { Clock } from '../ground/clock.js';
import type { RateLimitStore } from '../store/rate-limits.js';

export type LimitVerdict = 'ok' | 'exceeded-first' | 'exceeded';

export interface RateLimiter {
  /** Counts one hit; 'exceeded-first' is returned once per window so the user is told only once. */
  hit(userId: string): Promise<LimitVerdict>;
}

export function createRateLimiter(
  counts: RateLimitStore,
  opts: { name: string; perMinute: number; clock: Clock },
): RateLimiter {
  const windowMs = 60_000;
  return {
    async hit(userId) {
      const window = Math.floor(opts.clock.now() / windowMs);
      const count = await counts.countHit(opts.name, userId, window, windowMs * 2);
      if (count <= opts.perMinute) return 'ok';
      return count === opts.perMinute + 1 ? 'exceeded-first' : 'exceeded';
    },
  };
}
