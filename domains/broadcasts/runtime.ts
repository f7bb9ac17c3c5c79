// Builds the broadcast machinery for a process: the queue, the stores, the delivery probe and, when asked,
// the worker. The bot runs it with a worker; the CLI without (the bot's worker does the sending).
import { Queue, Worker } from 'bullmq';
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';
import type { StudyUnit } from '../../knowledge/study-units.js';
import type { AuditLog } from '../../store/audit.js';
import { createBranchStore } from '../../store/branches.js';
import { createBroadcastStore } from '../../store/broadcasts.js';
import { createRoomDirectory } from '../../store/room-directory.js';
import { createStudyCursor } from '../../store/study-cursor.js';
import { createDeliveryProbe } from './delivery.js';
import type { BroadcastDeps } from './deps.js';
import { processBroadcastJob } from './processor.js';
import { broadcastQueueName, type BroadcastJobData } from './queue.js';
import { createBroadcastService, type BroadcastService } from './service.js';
import { RESILIENT_WORKER_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { bullPrefix } from '../../jobs/outbox/keys.js';
import type { Outbox } from '../../jobs/outbox/types.js';

export interface BroadcastRuntimeOptions {
  redis: Redis;
  redisUrl: string;
  prefix: string;
  botId: string;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  outbox: Outbox;
  audit: AuditLog;
  corpusDir: string;
  /** Told privately when a broadcast job fails for good. */
  adminIds?: string[];
  batchSize?: number;
  watchMs?: number;
  /** Worker lock; a crashed worker's job is retried after about this long (default 30 s). */
  lockDurationMs?: number;
}

export interface BroadcastRuntime {
  deps: BroadcastDeps;
  service: BroadcastService;
  startWorker(): void;
  close(): Promise<void>;
}

function studyCache(corpusDir: string): (docs: string[]) => Promise<StudyUnit[]> {
  const cache = new Map<string, Promise<StudyUnit[]>>();
  return (docs) => {
    const key = docs.join('|');
    // Loaded on first use: only 每日一学 runs need the corpus.
    if (!cache.has(key)) cache.set(key, import('../../knowledge/study-units.js').then((m) => m.listStudyUnits(corpusDir, docs)));
    return cache.get(key)!;
  };
}

export function createBroadcastRuntime(o: BroadcastRuntimeOptions): BroadcastRuntime {
  const log = o.logger.child({ mod: 'broadcasts' });
  const queueName = broadcastQueueName(o.botId);
  const queue = new Queue<BroadcastJobData>(queueName, { connection: o.redis, prefix: bullPrefix(o.prefix) });
  queue.on('error', (err) => log.warn({ err: err.message }, 'broadcast queue error'));
  const deps: BroadcastDeps = {
    redis: o.redis, prefix: o.prefix, clock: o.clock, logger: o.logger, timeZone: o.timeZone, outbox: o.outbox, queue,
    broadcasts: createBroadcastStore(o.redis, o.prefix),
    branches: createBranchStore(o.redis, o.prefix),
    rooms: createRoomDirectory(o.redis, o.prefix),
    audit: o.audit,
    delivery: createDeliveryProbe(o),
    studyUnits: studyCache(o.corpusDir),
    studyCursor: createStudyCursor(o.redis, o.prefix),
    batchSize: o.batchSize,
    watchMs: o.watchMs,
  };
  let worker: Worker<BroadcastJobData> | undefined;
  let connection: Redis | undefined;
  return {
    deps,
    service: createBroadcastService(deps),
    startWorker() {
      if (worker) return;
      connection = connectRedis(o.redisUrl, { forWorker: true, logger: o.logger, name: 'broadcast-worker' });
      worker = new Worker<BroadcastJobData>(queueName, (job, token) => processBroadcastJob(job, deps, token), {
        connection, prefix: bullPrefix(o.prefix), concurrency: 4, ...RESILIENT_WORKER_OPTIONS,
        lockDuration: o.lockDurationMs ?? 30_000, stalledInterval: Math.min(30_000, o.lockDurationMs ?? 30_000),
      });
      worker.on('error', (err) => log.warn({ err: err.message }, 'broadcast worker error'));
      watchFailures(worker, { logger: log, outbox: o.outbox, adminIds: o.adminIds, label: '广播' });
    },
    async close() {
      await worker?.close();
      connection?.disconnect();
      await deps.delivery.close();
      await queue.close();
    },
  };
}
