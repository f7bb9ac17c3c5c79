// Due buckets of the meetings' steps: one Redis set per due instant, holding encoded steps. Adding a step
// twice is a no-op; the bucket's job (domains/meetings/schedule.ts) drains it.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

/** A bucket is its due time, or `{due}-n{now}` for steps added so close to due that the bucket's job may have run. */
export type BucketId = number | string;

export interface DueBuckets {
  /** Adds encoded steps to their buckets (several buckets in one pipeline). */
  add(byBucket: Map<BucketId, string[]>): Promise<void>;
  /** Removes encoded steps from their buckets, in one pipeline. */
  remove(entries: Array<[BucketId, string]>): Promise<void>;
  /** The encoded steps in a bucket. */
  members(bucket: BucketId): Promise<string[]>;
  /** Drops steps that have been processed from a bucket. */
  discard(bucket: BucketId, steps: string[]): Promise<void>;
}

export function createDueBuckets(redis: Redis, prefix: string): DueBuckets {
  const key = storeKeys(prefix).dueBucket;
  return {
    async add(byBucket) {
      const [only] = [...byBucket];
      if (byBucket.size === 1 && only) {
        await redis.sadd(key(only[0]), ...only[1]);
        return;
      }
      const tx = redis.pipeline();
      for (const [bucket, steps] of byBucket) tx.sadd(key(bucket), ...steps);
      await tx.exec();
    },
    async remove(entries) {
      const tx = redis.pipeline();
      for (const [bucket, step] of entries) tx.srem(key(bucket), step);
      await tx.exec();
    },
    members: (bucket) => redis.smembers(key(bucket)),
    async discard(bucket, steps) {
      if (steps.length) await redis.srem(key(bucket), ...steps);
    },
  };
}
