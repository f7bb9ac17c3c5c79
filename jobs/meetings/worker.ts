// The meetings worker: its own blocking Redis connection, an error listener, closed on stop.
import { Worker } from 'bullmq';
import { connectRedis } from '../../app/redis.js';
import { bullPrefix } from '../outbox-keys.js';
import type { MeetingDeps } from './deps.js';
import { processMeetingJob } from './processor.js';
import { MEETING_QUEUE } from './queue.js';

export interface MeetingWorker {
  worker: Worker;
  close(): Promise<void>;
}

export function startMeetingWorker(deps: MeetingDeps, opts: { redisUrl: string; prefix: string; concurrency?: number }): MeetingWorker {
  const connection = connectRedis(opts.redisUrl, { forWorker: true, logger: deps.logger, name: 'meetings-worker' });
  const worker = new Worker(MEETING_QUEUE, (job) => processMeetingJob(job, deps), {
    connection,
    prefix: bullPrefix(opts.prefix),
    concurrency: opts.concurrency ?? 20,
  });
  const log = deps.logger.child({ queue: MEETING_QUEUE });
  worker.on('error', (err) => log.warn({ err: err.message }, 'meetings worker error'));
  worker.on('failed', (job, err) => log.error({ job: job?.id, err: err.message }, 'meetings job failed'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
