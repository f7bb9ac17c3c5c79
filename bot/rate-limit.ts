// Per-user fixed-window limiter in Redis, so the limit holds across bot processes.
import type { Clock } from '../ground/clock.js';
import type { Redis } from '../ground/redis/connect.js';

export type LimitVerdict = 'ok' | 'exceeded-first' | 'exceeded';

export interface RateLimiter {
  /** Counts one hit; 'exceeded-first' is returned once per window so the user is told only once. */
  hit(userId: string): Promise<LimitVerdict>;
}

export function createRateLimiter(redis: Redis, opts: { prefix: string; name: string; perMinute: number; clock: Clock }): RateLimiter {
  const windowMs = 60_000;
  return {
    async hit(userId) {
      const window = Math.floor(opts.clock.now() / windowMs);
      const key = `${opts.prefix}rl:${opts.name}:${userId}:${window}`;
      const [[, count]] = (await redis.multi().incr(key).pexpire(key, windowMs * 2).exec()) as [[null, number], unknown];
      if (count <= opts.perMinute) return 'ok';
      return count === opts.perMinute + 1 ? 'exceeded-first' : 'exceeded';
    },
  };
}
