// Builds the broadcast machinery for a process: the queue, the stores, the delivery probe and, when asked,
// the worker. The bot runs it with a worker; the CLI without (the bot's worker does the sending).
import { Queue, Worker } from 'bullmq';
import type { Redis } from '../../ground/redis/connect.js';
import type { Deps } from '../deps.js';
import type { StudyUnit } from '../../knowledge/study-units.js';
import { createDeliveryProbe } from './delivery.js';
import type { BroadcastDeps } from './deps.js';
import { processBroadcastJob } from './processor.js';
import { broadcastQueueName, type BroadcastJobData } from './queue.js';
import { createBroadcastService, type BroadcastService } from './service.js';
import { RESILIENT_WORKER_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export interface BroadcastRuntimeOptions {
  /** The account whose outbox carries the broadcasts (the primary one when several channels run). */
  botId: string;
  /** Every channel account whose outbox may carry a broadcast's messages (default: botId alone). */
  accountIds?: string[];
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
    if (!cache.has(key))
      cache.set(
        key,
        import('../../knowledge/study-units.js').then((m) => m.listStudyUnits(corpusDir, docs)),
      );
    return cache.get(key)!;
  };
}

export function createBroadcastRuntime(base: Deps, o: BroadcastRuntimeOptions): BroadcastRuntime {
  const log = base.logger.child({ mod: 'broadcasts' });
  const queueName = broadcastQueueName(o.botId);
  const queue = new Queue<BroadcastJobData>(queueName, {
    connection: base.redis,
    prefix: queuePrefix(base.prefix, queueName, base.redis),
  });
  queue.on('error', repeatWarn(log, 'broadcast queue error'));
  const deps: BroadcastDeps = {
    ...base,
    queue,
    delivery: createDeliveryProbe({
      redis: base.redis,
      prefix: base.prefix,
      botId: o.botId,
      accountIds: o.accountIds,
      logger: base.logger,
    }),
    studyUnits: studyCache(base.config.corpusDir),
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
      connection = base.connect('broadcast-worker', { forWorker: true });
      worker = new Worker<BroadcastJobData>(queueName, (job, token) => processBroadcastJob(job, deps, token), {
        connection,
        prefix: queuePrefix(base.prefix, queueName, connection),
        concurrency: 4,
        ...RESILIENT_WORKER_OPTIONS,
        lockDuration: o.lockDurationMs ?? 30_000,
        stalledInterval: Math.min(30_000, o.lockDurationMs ?? 30_000),
      });
      worker.on('error', repeatWarn(log, 'broadcast worker error'));
      watchFailures(worker, { logger: log, outbox: base.outbox, adminIds: base.config.adminIds, label: '广播' });
    },
    async close() {
      await worker?.close();
      connection?.disconnect();
      await deps.delivery.close();
      await queue.close();
    },
  };
}
