// Hints a person is told once (e.g. how to bind before a check-in counts), remembered for a while.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface HintStore {
  /** True the first time this hint is due for this person within ttlS (and marks it given). */
  firstTime(what: string, wechatId: string, ttlS: number): Promise<boolean>;
}

export function createHintStore(redis: Redis, prefix: string): HintStore {
  const k = storeKeys(prefix);
  return {
    async firstTime(what, wechatId, ttlS) {
      return (await redis.set(k.hintGiven(what, wechatId), '1', 'EX', ttlS, 'NX')) === 'OK';
    },
  };
}
