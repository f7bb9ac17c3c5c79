// Required cadence of each meeting type for the monthly digest (defaults per 三会一课; configurable).
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export type CadencePeriod = 'monthly' | 'quarterly';

export const DEFAULT_CADENCE: Record<string, CadencePeriod> = {
  支部党员大会: 'quarterly',
  支部委员会: 'monthly',
  党小组会: 'monthly',
  党课: 'quarterly',
};

export const PERIOD_LABEL: Record<CadencePeriod, string> = { monthly: '每月', quarterly: '每季度' };

export interface CadenceStore {
  get(): Promise<Record<string, CadencePeriod>>;
  set(type: string, period: CadencePeriod | 'none'): Promise<void>;
}

export function createCadenceStore(redis: Redis, prefix: string): CadenceStore {
  const key = storeKeys(prefix).cadence;
  return {
    async get() {
      const overrides = await redis.hgetall(key);
      const out: Record<string, CadencePeriod> = { ...DEFAULT_CADENCE };
      for (const [type, period] of Object.entries(overrides)) {
        if (period === 'none') delete out[type];
        else out[type] = period as CadencePeriod;
      }
      return out;
    },
    async set(type, period) {
      await redis.hset(key, type, period);
    },
  };
}
