// Due buckets: steps due at the same instant share one Redis set (store/due-buckets.ts) and ONE delayed job
// with a fixed id (due-{ms}); adding the same step or job twice is a no-op, so scheduling is idempotent. A
// reschedule or cancel removes the meeting's steps from their buckets; processors re-check the meeting anyway.
import type { BucketId, DueBuckets } from '../../store/due-buckets.js';
import type { Meeting } from '../../store/types.js';
import { jobIds, KEEP_JOBS, type MeetingQueue } from './queue.js';
import { dueOf, encodeStep, firstStepAfter, type Step } from './steps.js';

/**
 * Bucket jobs start this long before their due time: reminders are prepared and pre-staged in the outbox as
 * delayed jobs that become available exactly at due. Room for 100,000 at once with one worker process on a
 * busy 2-core machine (~10 s, bench/province.ts). Texts are rendered again at send time and a cancel waits for
 * sends in flight, so an edit or cancel inside this window is still honoured.
 */
export const EARLY_MS = 15_000;

/** Steps due within this margin of the early start get a fresh bucket (its job may already have run). */
const LATE_MARGIN_MS = EARLY_MS + 1000;

export interface ScheduleDeps {
  queue: MeetingQueue;
  buckets: DueBuckets;
}

/** Adds steps to their buckets and makes sure each bucket has its delayed job. */
export async function scheduleSteps(d: ScheduleDeps, steps: Step[], now: number): Promise<void> {
  if (!steps.length) return;
  const byDue = new Map<BucketId, string[]>();
  const dueOfBucket = new Map<BucketId, number>();
  for (const s of steps) {
    const due = dueOf(s);
    const bucket = due - now <= LATE_MARGIN_MS ? `${due}-n${now}` : due;
    const members = byDue.get(bucket);
    if (members) members.push(encodeStep(s));
    else byDue.set(bucket, [encodeStep(s)]);
    dueOfBucket.set(bucket, due);
  }
  // The job starts EARLY_MS ahead so reminders are staged in the outbox before the due instant.
  const job = (bucket: BucketId) => {
    const due = dueOfBucket.get(bucket)!;
    return {
      name: 'due',
      data: { due, bucket },
      opts: { jobId: jobIds.due(bucket), delay: Math.max(0, due - EARLY_MS - now), ...KEEP_JOBS },
    };
  };
  // The step is in its bucket before the bucket's job can run.
  await d.buckets.add(byDue);
  const [only] = [...byDue.keys()];
  if (byDue.size === 1 && only !== undefined) {
    const j = job(only);
    await d.queue.add(j.name, j.data, j.opts);
    return;
  }
  await d.queue.addBulk([...byDue.keys()].map(job));
}

/** Schedules the meeting's first step still ahead (the close step at least). */
export async function scheduleMeeting(d: ScheduleDeps, m: Meeting, now: number): Promise<Step | undefined> {
  const first = firstStepAfter(m, now);
  if (first) await scheduleSteps(d, [first], now);
  return first;
}

/** Removes the meeting's steps as it was (stepsOf the old record) from their buckets (late buckets re-check the meeting). */
export async function unscheduleMeeting(d: ScheduleDeps, steps: Step[]): Promise<void> {
  await d.buckets.remove(steps.map((s) => [dueOf(s), encodeStep(s)]));
}
