// Holiday schedules imported by an admin (zhibu holidays import 2027.csv): one hash field per year, the JSON
// of that year's days. They override the chinese-days package for those years (ground/time/holidays.ts).
import type { Redis } from '../ground/redis/connect.js';
import type { HolidayYear } from '../ground/time/holidays.js';
import { storeKeys } from './keys.js';

export interface HolidayStore {
  /** Stores (or replaces) one year's schedule. */
  save(year: HolidayYear): Promise<void>;
  /** Every imported year, oldest first. */
  all(): Promise<HolidayYear[]>;
}

export function createHolidayStore(redis: Redis, prefix: string): HolidayStore {
  const key = storeKeys(prefix).holidays;
  return {
    async save(y) {
      await redis.hset(key, String(y.year), JSON.stringify(y));
    },
    async all() {
      const rows = await redis.hgetall(key);
      return Object.values(rows)
        .map((r) => JSON.parse(r) as HolidayYear)
        .sort((a, b) => a.year - b.year);
    },
  };
}
