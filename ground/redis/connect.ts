// ioredis connections: one kind for BullMQ workers (blocking, never give up), one for everything else.
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export type { Redis };

export interface RedisOptions {
  /** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
  forWorker?: boolean;
  logger?: Logger;
  name?: string;
  /**
   * Batch every command issued in one event-loop tick into one round trip. Only for clients that do simple
   * writes (the inbox): BullMQ's connections must not use it (reported job-state errors under load).
   */
  autoPipelining?: boolean;
}

export function connectRedis(url: string, opts: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    maxRetriesPerRequest: opts.forWorker ? null : 20,
    enableReadyCheck: true,
    connectionName: opts.name,
    enableAutoPipelining: opts.autoPipelining ?? false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Without a listener every reconnect attempt prints a stack trace.
  client.on('error', (err: Error) =>
    opts.logger?.warn({ err: err.message, conn: opts.name }, 'redis connection error'),
  );
  return client;
}

/** Warns when Redis would lose acknowledged jobs or evict queue keys. */
export async function checkRedisDurability(client: Redis, logger: Logger): Promise<string[]> {
  const warnings: string[] = [];
  try {
    const aof = (await client.config('GET', 'appendonly')) as string[];
    const save = (await client.config('GET', 'save')) as string[];
    const policy = (await client.config('GET', 'maxmemory-policy')) as string[];
    if (aof[1] !== 'yes' && !save[1]) warnings.push('Redis 未开启持久化（appendonly/save），重启后定时任务会丢失');
    if (policy[1] && policy[1] !== 'noeviction')
      warnings.push(`Redis maxmemory-policy 为 ${policy[1]}，应为 noeviction，否则队列数据可能被淘汰`);
  } catch (err) {
    warnings.push(
      `无法读取 Redis 配置（${(err as Error).message}），请自行确认已开启 AOF 且 maxmemory-policy=noeviction`,
    );
  }
  for (const w of warnings) logger.warn(w);
  return warnings;
}

/** Deletes every key under a prefix (BullMQ queues included: they live under the same prefix). */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.unlink(...keys);
  } while (cursor !== '0');
}
