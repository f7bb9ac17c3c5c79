// The broadcasts queue's processor: dispatches on job.name.
import { UnrecoverableError, type Job } from 'bullmq';
import type { BroadcastDeps } from './deps.js';
import { fanOut } from './fanout.js';
import type { BroadcastJobData, DeliverData, WatchData } from './queue.js';
import { watchRun } from './watch.js';

export async function processBroadcastJob(job: Job<BroadcastJobData>, deps: BroadcastDeps, token?: string): Promise<unknown> {
  switch (job.name) {
    case 'deliver':
      return fanOut(job as Job<DeliverData>, deps);
    case 'watch':
      return watchRun(job as Job<WatchData>, deps, token);
    default:
      throw new UnrecoverableError(`unknown broadcast job ${job.name}`);
  }
}
