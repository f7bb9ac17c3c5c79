// The broadcasts queue's processor. Job names and data form one union (queue.ts): a new kind is a compile
// error here until it is handled.
import { UnrecoverableError, type Job } from 'bullmq';
import { assertNever } from '../../ground/never.js';
import type { BroadcastDeps } from './deps.js';
import { fanOut } from './fanout.js';
import { isBroadcastJob, type BroadcastJobData } from './queue.js';
import { watchRun } from './watch.js';

export async function processBroadcastJob(
  job: Job<BroadcastJobData>,
  deps: BroadcastDeps,
  token?: string,
): Promise<unknown> {
  if (!isBroadcastJob(job)) throw new UnrecoverableError(`unknown broadcast job ${job.name}`);
  switch (job.name) {
    case 'deliver':
      return fanOut(job, deps);
    case 'watch':
      return watchRun(job, deps, token);
    default:
      return assertNever(job, 'broadcast job');
  }
}
