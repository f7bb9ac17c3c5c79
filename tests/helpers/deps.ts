// The one dependency object for tests, built the way the bot builds it (app/deps.ts), on the run's Redis.
import { createDeps, type BuiltDeps } from '../../app/deps.js';
import type { Clock } from '../../ground/clock.js';
import { loadConfig, type Config } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { testRedisUrl } from './redis.js';

export interface TestDepsOptions {
  redis: Redis;
  prefix: string;
  botId?: string;
  clock?: Clock;
  /** Environment-style settings, e.g. { ADMIN_IDS: 'wxid_admin' }. */
  env?: Record<string, string>;
  config?: Partial<Config>;
  outbox?: { attempts?: number; backoffMs?: number };
}

export function testDeps(o: TestDepsOptions): BuiltDeps {
  const config = { ...loadConfig({ REDIS_PREFIX: o.prefix, TZ: 'Asia/Shanghai', ...o.env }), ...o.config };
  return createDeps({
    config,
    logger: silentLogger,
    redisUrl: testRedisUrl(),
    redis: o.redis,
    botId: o.botId ?? 'wxid_bot',
    clock: o.clock,
    outbox: o.outbox,
  });
}
