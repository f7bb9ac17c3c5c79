// Each test file talks to the run's real Redis under its own random key prefix, removed afterwards.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';

export { deletePrefix } from '../../ground/redis/connect.js';

export function testRedisUrl(): string {
  return inject('redisUrl');
}

export function randomPrefix(): string {
  return `test-${randomUUID().slice(0, 8)}:`;
}

export function connectTestRedis(): Redis {
  return connectRedis(testRedisUrl(), { name: 'test' });
}

/** A new connection to the run's Redis, shaped like Deps.connect (workers take one of their own). */
export function testConnect(name: string, opts: { forWorker?: boolean; autoPipelining?: boolean } = {}): Redis {
  return connectRedis(testRedisUrl(), { ...opts, name });
}
