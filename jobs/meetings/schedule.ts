// Due buckets: steps due at the same instant share one Redis set and ONE delayed job with a fixed id
// (due-{ms}); adding the same step or job twice is a no-op, so scheduling is idempotent. A reschedule or
// cancel removes the meeting's steps from their buckets; processors re-check the meeting anyway.
import type { Redis } from '../../app/redis.js';
import type { Meeting } from '../../store/types.js';
import { jobIds, KEEP_JOBS, type MeetingQueue } from './queue.js';
import { dueOf, encodeStep, firstStepAfter, stepsOf, type Step } from './steps.js';


/** Bucket jobs start this long before their due time (reminders are released exactly at due). */
export const EARLY_MS = 1500;

export interface DueBuckets {
  redis: Redis;
  key(due: number): string;
}

export function createDueBuckets(redis: Redis, prefix: string): DueBuckets {
  return { redis, key: (due) => `${prefix}meeting-due:${due}` };
}

export interface ScheduleDeps {
  queue: MeetingQueue;
  buckets: DueBuckets;
}

/** Adds steps to their buckets and makes sure each bucket has its delayed job. */
export async function scheduleSteps(d: ScheduleDeps, steps: Step[], now: number): Promise<void> {
  if (!steps.length) return;
  const byDue = new Map<number, string[]>();
  for (const s of steps) {
    const due = dueOf(s);
    byDue.set(due, [...(byDue.get(due) ?? []), encodeStep(s)]);
  }
  // The job starts EARLY_MS ahead so reminder texts are ready at the due instant.
  const job = (due: number) => ({ name: 'due', data: { due }, opts: { jobId: jobIds.due(due), delay: Math.max(0, due - EARLY_MS - now), ...KEEP_JOBS } });
  // The step is in its bucket before the bucket's job can run.
  const [only] = [...byDue];
  if (byDue.size === 1 && only) {
    const j = job(only[0]);
    await d.buckets.redis.sadd(d.buckets.key(only[0]), ...only[1]);
    await d.queue.add(j.name, j.data, j.opts);
    return;
  }
  const tx = d.buckets.redis.pipeline();
  for (const [due, members] of byDue) tx.sadd(d.buckets.key(due), ...members);
  await tx.exec();
  await d.queue.addBulk([...byDue.keys()].map(job));
}

/** Schedules the meeting's first step still ahead (the close step at least). */
export async function scheduleMeeting(d: ScheduleDeps, m: Meeting, now: number): Promise<Step | undefined> {
  const first = firstStepAfter(m, now);
  if (first) await scheduleSteps(d, [first], now);
  return first;
}

/** Removes every step of the meeting as it was (old start and offsets) from its bucket. */
export async function unscheduleMeeting(d: ScheduleDeps, m: Meeting): Promise<void> {
  const tx = d.buckets.redis.pipeline();
  for (const s of stepsOf(m)) tx.srem(d.buckets.key(dueOf(s)), encodeStep(s));
  await tx.exec();
}
