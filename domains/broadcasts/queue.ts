// The broadcasts queue: names, job ids and data. Ids are deterministic and free of ':' (BullMQ rejects it).
import type { Job } from 'bullmq';
import type { Broadcast } from '../../store/broadcast-types.js';

/** One broadcasts queue per bot account, like its outbox: a broadcast is sent by the account it was made for. */
export const broadcastQueueName = (botId: string) => `broadcasts-${botId.replace(/[^\w.-]/g, '_')}`;

export interface DeliverData {
  broadcastId: string;
}

export interface WatchData {
  broadcastId: string;
  run: string;
}

export type BroadcastJobData = DeliverData | WatchData;

/** Each job name with its data: deliver (one run's fan-out into the outbox), watch (its delivery report). */
export type BroadcastJob = (Job<DeliverData> & { name: 'deliver' }) | (Job<WatchData> & { name: 'watch' });
export type BroadcastJobName = BroadcastJob['name'];

const JOB_NAMES: ReadonlySet<string> = new Set<BroadcastJobName>(['deliver', 'watch']);

export function isBroadcastJob(job: Job): job is BroadcastJob {
  return JOB_NAMES.has(job.name);
}

export const schedulerId = (id: string) => `bc-${id}`;
export const deliverJobId = (id: string) => `bc-${id}-deliver`;
export const watchJobId = (id: string, run: string) => `bc-${id}-${run}-watch`;

/** The run a deliver job belongs to: "1" for a once broadcast, the firing time for a recurring one. */
export function runOf(job: Pick<Job, 'id' | 'timestamp' | 'opts'>, b: Pick<Broadcast, 'schedule'>): string {
  if (b.schedule.type === 'once') return '1';
  const fired = /:(\d{10,})$/.exec(job.id ?? '')?.[1];
  return fired ?? String(job.timestamp + (job.opts.delay ?? 0));
}

/** The outbox key of one room's message: `broadcast:{id}:{room}` (recurring runs add `.{run}` to the id). */
export function messageKey(id: string, run: string, roomId: string): string {
  return run === '1' ? `broadcast:${id}:${roomId}` : `broadcast:${id}.${run}:${roomId}`;
}

export function reportKey(id: string, run: string): string {
  return run === '1' ? `broadcast:${id}:report` : `broadcast:${id}.${run}:report`;
}

export const messageTag = (id: string) => `broadcast:${id}`;
