// One processor for the meetings queue. Job names and their data form one union: a new kind is a compile
// error here until it is handled; a name read from Redis that is not in it is logged and dropped.
import type { Job } from 'bullmq';
import { assertNever } from '../../ground/never.js';
import { processAck } from './ack.js';
import type { MeetingDeps } from './deps.js';
import { processDueBatch } from './due-batch.js';
import { isMeetingJob, type MeetingJob } from './queue.js';
import { processSeriesTick } from './series.js';

export async function processMeetingJob(job: Job, deps: MeetingDeps): Promise<string> {
  if (!isMeetingJob(job)) {
    deps.logger.warn({ job: job.id, name: job.name }, 'unknown meetings job');
    return 'unknown';
  }
  const j: MeetingJob = job;
  switch (j.name) {
    case 'due':
      return processDueBatch(j, deps);
    case 'ack':
      return processAck(j, deps);
    case 'series-tick':
      return processSeriesTick(j, deps);
    default:
      return assertNever(j, 'meetings job');
  }
}
