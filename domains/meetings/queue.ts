// The meetings queue: reminders, escalation, close, acknowledgements and series ticks, with deterministic ids.
import { Queue, type Job } from 'bullmq';
import type { Logger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import type { Meeting } from '../../store/types.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export const MEETING_QUEUE = 'meetings';

export interface DueJobData {
  due: number;
  bucket?: number | string;
}
export interface AckJobData {
  meetingId: string;
  window: number;
}
export interface SeriesTickData {
  seriesId: string;
}
export type MeetingJobData = DueJobData | AckJobData | SeriesTickData;

/** Each job name with its data: due (a bucket of steps), ack (a rolling acknowledgement), series-tick. */
export type MeetingJob =
  | (Job<DueJobData> & { name: 'due' })
  | (Job<AckJobData> & { name: 'ack' })
  | (Job<SeriesTickData> & { name: 'series-tick' });
export type MeetingJobName = MeetingJob['name'];

const JOB_NAMES: ReadonlySet<string> = new Set<MeetingJobName>(['due', 'ack', 'series-tick']);

export function isMeetingJob(job: Job): job is MeetingJob {
  return JOB_NAMES.has(job.name);
}

/** BullMQ ids may not contain ':' (beyond legacy 3-part ids), so the parts are joined with '-'. */
export const jobIds = {
  due: (bucket: number | string) => `due-${bucket}`,
  ack: (meetingId: string, window: number) => `meeting-${meetingId}-ack-${window}`,
  series: (seriesId: string) => `series-${seriesId}`,
};

/** Outbox keys (these may contain ':'; the outbox encodes them). */
export const outboxKeys = {
  remind: (m: Pick<Meeting, 'id' | 'startAt'>, offset: number, target: string) =>
    `meeting:${m.id}:remind:${offset}:${target}:${m.startAt}`,
  escalate: (m: Pick<Meeting, 'id' | 'startAt'>, target: string) => `meeting:${m.id}:escalate:${target}:${m.startAt}`,
  summary: (m: Pick<Meeting, 'id'>, to: string) => `meeting:${m.id}:summary:${to}`,
  absence: (m: Pick<Meeting, 'id'>, memberId: string, to: string) => `meeting:${m.id}:absence:${memberId}:${to}`,
  ack: (meetingId: string, window: number, roomId: string) => `meeting:${meetingId}:ack:${window}:${roomId}`,
  series: (seriesId: string, day: string, what: string, to: string) => `series:${seriesId}:${day}:${what}:${to}`,
};

export const KEEP_JOBS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 30 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createMeetingQueue(
  connection: Redis,
  prefix: string,
  logger: Logger,
): Queue<MeetingJobData, unknown, string> {
  const queue = new Queue<MeetingJobData, unknown, string>(MEETING_QUEUE, {
    connection,
    prefix: queuePrefix(prefix, MEETING_QUEUE, connection),
  });
  queue.on('error', repeatWarn(logger, 'meetings queue error', { queue: MEETING_QUEUE }));
  return queue;
}

export type MeetingQueue = ReturnType<typeof createMeetingQueue>;
