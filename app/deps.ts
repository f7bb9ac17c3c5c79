// Builds the one dependency object (domains/deps.ts) for a process: the Redis client, every store, the
// audit log and the outbox producer, each created once. The bot, the CLI and the bench all start here.
import type { Clock } from '../ground/clock.js';
import { systemClock } from '../ground/clock.js';
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import { connectRedis, redisMode, type Redis } from '../ground/redis/connect.js';
import { createReplicaBarrier } from '../ground/redis/replicas.js';
import type { Deps } from '../domains/deps.js';
import { createOutbox, type OutboxHandle } from '../jobs/outbox/producer.js';
import { createStores } from '../store/index.js';

export interface DepsOptions {
  config: Config;
  logger: Logger;
  /** Where Redis is (REDIS_URL or the embedded server). */
  redisUrl: string;
  /** The account whose outbox carries this process's messages. */
  botId: string;
  clock?: Clock;
  /** An existing client to use for records (tests, bench); otherwise one is opened and closed with close(). */
  redis?: Redis;
  outbox?: { attempts?: number; backoffMs?: number; partMaxChars?: number };
}

export interface BuiltDeps extends Deps {
  outbox: OutboxHandle;
  /** Closes the outbox producer and, when this opened it, the Redis client. */
  close(): Promise<void>;
}

export function createDeps(o: DepsOptions): BuiltDeps {
  const { config, logger } = o;
  const clock = o.clock ?? systemClock;
  const prefix = config.redisPrefix;
  const redis = o.redis ?? connectRedis(o.redisUrl, { logger, name: 'zhibu' });
  const stores = createStores(redis, prefix, {
    adminIds: config.adminIds,
    clock,
    questionLog: config.questionLog,
  });
  const outbox = createOutbox({
    redis,
    prefix,
    botId: o.botId,
    logger,
    attempts: o.outbox?.attempts,
    backoffMs: o.outbox?.backoffMs,
    partMaxChars: o.outbox?.partMaxChars,
  });
  return {
    config,
    logger,
    clock,
    redis,
    connect: (name, opts = {}) => connectRedis(o.redisUrl, { ...opts, logger, name }),
    prefix,
    stores,
    audit: stores.audit,
    outbox,
    awaitReplicas: createReplicaBarrier(redis, { mode: redisMode(o.redisUrl), ...config.redisWait, logger }),
    async close() {
      await outbox.close();
      if (!o.redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}
