// One processor for the meetings queue, dispatching on job.name.
import type { Job } from 'bullmq';
import { processAck } from './ack.js';
import type { MeetingDeps } from './deps.js';
import { processDueBatch } from './due-batch.js';
import { processSeriesTick } from './series.js';

export async function processMeetingJob(job: Job, deps: MeetingDeps): Promise<string> {
  switch (job.name) {
    case 'due':
      return processDueBatch(job as Job<{ due: number; bucket?: number | string }>, deps);
    case 'ack':
      return processAck(job as Job<{ meetingId: string; window: number }>, deps);
    case 'series-tick':
      return processSeriesTick(job as Job<{ seriesId: string }>, deps);
    default:
      deps.logger.warn({ job: job.id, name: job.name }, 'unknown meetings job');
      return 'unknown';
  }
}
