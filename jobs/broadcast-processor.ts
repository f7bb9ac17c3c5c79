// The broadcasts queue's processor: dispatches on job.name.
import { UnrecoverableError, type Job } from 'bullmq';
import type { BroadcastDeps } from './broadcast-deps.js';
import { fanOut } from './broadcast-fanout.js';
import type { BroadcastJobData, DeliverData, WatchData } from './broadcast-queue.js';
import { watchRun } from './broadcast-watch.js';

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
