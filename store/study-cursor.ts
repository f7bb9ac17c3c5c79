// 每日一学's place in its documents, per broadcast: a cursor that wraps after the whole cycle, the unit each
// run took (kept 30 days so a retried run takes the same), and how many were given.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

// KEYS: cursor, run's pick, given counter. ARGV: number of units. Returns the index for this run.
const PICK = `
local picked = redis.call('GET', KEYS[2])
if picked then return tonumber(picked) end
local n = tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0') % n
redis.call('SET', KEYS[2], cur, 'EX', 30 * 24 * 3600)
redis.call('SET', KEYS[1], (cur + 1) % n)
redis.call('INCR', KEYS[3])
return cur`;

export interface StudyCursor {
  /** The unit index for a run of a broadcast (stable across retries of that run). */
  pick(broadcastId: string, run: string, total: number): Promise<number>;
}

export function createStudyCursor(redis: Redis, prefix: string): StudyCursor {
  const k = storeKeys(prefix);
  return {
    async pick(broadcastId, run, total) {
      const keys = [k.studyCursor(broadcastId), k.studyPick(broadcastId, run), k.studyGiven(broadcastId)];
      return (await redis.eval(PICK, keys.length, ...keys, String(total))) as number;
    },
  };
}
