// Recurring meeting series (e.g. 每月第一个周五 15:00 主题党日); the job scheduler materialises occurrences.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';
import type { Series } from './types.js';

export interface SeriesStore {
  create(input: Omit<Series, 'id' | 'status' | 'createdAt'>, now?: number): Promise<Series>;
  get(id: string): Promise<Series | undefined>;
  list(opts?: { branchId?: string; activeOnly?: boolean }): Promise<Series[]>;
  cancel(id: string): Promise<void>;
  /** Runs create() for an occurrence day only the first time (returns its meeting id), else undefined: a retried scheduler tick creates one meeting. */
  claimOccurrence(id: string, day: string, meetingIdIfFirst: () => Promise<string>): Promise<string | undefined>;
}

export function createSeriesStore(redis: Redis, prefix: string): SeriesStore {
  const k = storeKeys(prefix);
  async function get(id: string): Promise<Series | undefined> {
    const raw = await redis.get(k.series(id));
    return raw ? (JSON.parse(raw) as Series) : undefined;
  }
  return {
    async create(input, now = Date.now()) {
      const id = String(await redis.incr(k.seriesSeq));
      const series: Series = { ...input, id, status: 'active', createdAt: now };
      await redis.multi().set(k.series(id), JSON.stringify(series)).sadd(k.seriesAll, id).exec();
      return series;
    },
    get,
    async list(opts = {}) {
      const ids = await redis.smembers(k.seriesAll);
      const all = (await Promise.all(ids.map(get))).filter((s): s is Series => !!s);
      return all
        .filter((s) => (!opts.branchId || s.branchId === opts.branchId) && (!opts.activeOnly || s.status === 'active'))
        .sort((a, b) => Number(a.id) - Number(b.id));
    },
    async cancel(id) {
      const s = await get(id);
      if (s) await redis.set(k.series(id), JSON.stringify({ ...s, status: 'cancelled' }));
    },
    async claimOccurrence(id, day, create) {
      const key = k.seriesOccurrence(id, day);
      const won = await redis.set(key, 'pending', 'NX');
      if (!won) return undefined;
      try {
        const meetingId = await create();
        await redis.set(key, meetingId);
        return meetingId;
      } catch (err) {
        await redis.del(key); // a retry may claim it again
        throw err;
      }
    },
  };
}
