// The one dependency object. The composition root (app/deps.ts) builds it once per process; every domain,
// the chat edge and the CLI take it whole (or Pick what they use). Nothing below app/ builds a store,
// a Redis client or a logger of its own.
import type { Clock } from '../ground/clock.js';
import type { Config } from '../ground/config.js';
import type { Logger } from '../ground/logger.js';
import type { Redis, RedisOptions } from '../ground/redis/connect.js';
import type { Outbox } from '../jobs/outbox/types.js';
import type { AuditLog, Stores } from '../store/index.js';

export interface Deps {
  config: Config;
  logger: Logger;
  clock: Clock;
  /** Non-blocking client for records and queue producers. */
  redis: Redis;
  /** A new connection to the same Redis: each BullMQ worker blocks on one of its own. */
  connect(name: string, opts?: Pick<RedisOptions, 'forWorker' | 'autoPipelining'>): Redis;
  /** Key prefix of records and queues, e.g. "zhibu:". */
  prefix: string;
  stores: Stores;
  /** The same object as stores.audit: every change and refusal is recorded there. */
  audit: AuditLog;
  /** The only way anything leaves zhibu. */
  outbox: Outbox;
  /**
   * Sentinel/Cluster: resolves once this process's writes so far are on a replica (WAIT, REDIS_WAIT_REPLICAS /
   * REDIS_WAIT_MS), so what a reply acknowledges survives a failover; at once for a standalone Redis.
   */
  awaitReplicas(): Promise<void>;
}
