// The meetings worker: its own blocking Redis connection, an error listener, closed on stop.
import { Worker } from 'bullmq';
import { RESILIENT_WORKER_OPTIONS, SHORT_JOB_LOCK_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import type { MeetingDeps } from './deps.js';
import { processMeetingJob } from './processor.js';
import { MEETING_QUEUE } from './queue.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export interface MeetingWorker {
  worker: Worker;
  close(): Promise<void>;
}

export function startMeetingWorker(deps: MeetingDeps, opts: { concurrency?: number } = {}): MeetingWorker {
  const connection = deps.connect('meetings-worker', { forWorker: true });
  const worker = new Worker(MEETING_QUEUE, (job) => processMeetingJob(job, deps), {
    connection,
    prefix: queuePrefix(deps.prefix, MEETING_QUEUE, connection),
    concurrency: opts.concurrency ?? 20,
    ...RESILIENT_WORKER_OPTIONS,
    ...SHORT_JOB_LOCK_OPTIONS,
  });
  const log = deps.logger.child({ mod: 'meetings', queue: MEETING_QUEUE });
  worker.on('error', repeatWarn(log, 'meetings worker error'));
  watchFailures(worker, { logger: log, outbox: deps.outbox, adminIds: deps.config.adminIds, label: '会议提醒' });
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
