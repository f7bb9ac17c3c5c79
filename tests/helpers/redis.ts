// Each test file talks to the run's real Redis under its own random key prefix, removed afterwards.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectRedis, type Redis } from '../../app/redis.js';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export function randomPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under a prefix (BullMQ queues included, as they live under the same prefix). */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await client.unlink(...keys);
  } while (cursor !== '0');
}

export function connectTestRedis(): Redis {
  return connectRedis(testRedisUrl(), { name: 'test' });
}
