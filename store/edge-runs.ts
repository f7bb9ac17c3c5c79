// Heartbeats of the chat edge: each run of a bot process is one member (its start time) scored by the last
// time it was seen alive. From them: whether anything could collect check-ins during a window.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

const KEEP_MS = 400 * 86_400_000;

export interface EdgeRunStore {
  /** Records that the run started at `startedAt` is alive at `now`. */
  beat(startedAt: number, now: number): Promise<void>;
  /** Whether some run was alive at some moment of [from, to], a run being alive `slackMs` past its last beat. */
  aliveDuring(from: number, to: number, slackMs: number): Promise<boolean>;
}

export function createEdgeRunStore(redis: Redis, prefix: string): EdgeRunStore {
  const key = storeKeys(prefix).edgeRuns;
  return {
    async beat(startedAt, now) {
      await redis
        .multi()
        .zadd(key, now, String(startedAt))
        .zremrangebyscore(key, '-inf', now - KEEP_MS)
        .exec();
    },
    async aliveDuring(from, to, slackMs) {
      // Runs last seen at or after `from - slack`; any of them that had started by `to` overlaps the window.
      const starts = await redis.zrangebyscore(key, from - slackMs, '+inf');
      return starts.some((s) => Number(s) <= to);
    },
  };
}
