// The 'due' job: processes every step in its bucket at once (one read of the meetings, one burst into the
// outbox), then schedules each meeting's next step. The job starts early (EARLY_MS): reminders are prepared
// and pre-staged in the outbox as delayed jobs that become available exactly at the due instant, so the
// enqueue cost is paid before it. Each reminder carries a condition the outbox worker checks right before
// sending (the meeting still scheduled at that start), so a cancel or reschedule inside the window stops it
// (meeting-ops also withdraws the staged jobs, for tidiness). Escalation and close run only once due.
// Follow-up steps already due are processed in the same run.
import type { Job } from 'bullmq';
import type { OutboxMessage } from '../../jobs/outbox/types.js';
import type { Meeting } from '../../store/types.js';
import { createBatchContext, type BatchContext } from './batch-context.js';
import { closeStep } from './close.js';
import type { MeetingDeps } from './deps.js';
import { escalateStep } from './escalate.js';
import { remindStep } from './remind.js';
import { scheduleSteps } from './schedule.js';
import { jobIds, KEEP_JOBS } from './queue.js';
import { assertNever } from '../../ground/never.js';
import { decodeStep, dueOf, isReminder, nextStep, type Step } from './steps.js';

const CHUNK = 10_000;
const HEAVY_PARALLEL = 16;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A bucket larger than this is split into parts, each its own job, so several workers share it. */
export const PART_SIZE = 4000;

export async function processDueBatch(
  job: Job<{ due: number; bucket?: number | string }>,
  deps: MeetingDeps,
): Promise<string> {
  const bucket = job.data.bucket ?? job.data.due;
  const parts = await splitLargeBucket(bucket, job.data.due, deps);
  if (parts) return `parts:${parts}`;
  let total = 0;
  for (let round = 0; round < 10; round++) {
    const raw = await deps.buckets.members(bucket);
    if (!raw.length) break;
    total += await processSteps(
      raw.map(decodeStep).filter((s): s is Step => !!s),
      deps,
      job.data.due,
    );
    await deps.buckets.discard(bucket, raw);
  }
  return `steps:${total}`;
}

/**
 * Moves the steps of a large bucket into part buckets with their own due jobs (any worker process takes them).
 * Crash-safe: a step is added to its part before it leaves the bucket, and part ids depend on the bucket's size
 * when split, so a re-run either finds the same parts (adding again is a no-op) or makes new ones for the rest.
 */
async function splitLargeBucket(bucket: number | string, due: number, deps: MeetingDeps): Promise<number> {
  const raw = await deps.buckets.members(bucket);
  if (raw.length <= PART_SIZE) return 0;
  const ids: string[] = [];
  const byPart = new Map<string, string[]>();
  for (let i = 0; i < raw.length; i += PART_SIZE) {
    const id = `${bucket}-p${i / PART_SIZE}of${raw.length}`;
    ids.push(id);
    byPart.set(id, raw.slice(i, i + PART_SIZE));
  }
  await deps.buckets.add(byPart);
  await deps.queue.addBulk(
    ids.map((id) => ({
      name: 'due',
      data: { due, bucket: id },
      opts: { jobId: jobIds.due(id), ...KEEP_JOBS },
    })),
  );
  for (const [, steps] of byPart) await deps.buckets.discard(bucket, steps);
  return ids.length;
}

const isLive = (s: Step, m: Meeting | undefined) =>
  !!m && m.startAt === s.startAt && (m.status === 'scheduled' || (m.status === 'closed' && s.kind === 'close'));

/**
 * Processes steps due at `due` (and any follow-ups already due); returns how many ran. Everything a reminder
 * needs happens before the due instant (texts, staging in the outbox, planning the meeting's next step), so
 * at due the process has nothing to do for reminders and the outbox worker gets them at once.
 */
export async function processSteps(initial: Step[], deps: MeetingDeps, due: number): Promise<number> {
  let pending = initial;
  let count = 0;
  let releaseAt = due;
  while (pending.length) {
    // Early phase: every reminder due by releaseAt is staged before it, follow-ups due at the same instant
    // included (a secretary reminder and the room reminder of the same offset are consecutive steps).
    let early = pending;
    let heavy: Step[] = [];
    const later: Step[] = [];
    while (early.length) {
      const bc = await createBatchContext(
        deps,
        early.map((s) => s.meetingId),
        releaseAt,
      );
      const live = early.filter((s) => isLive(s, bc.meetings.get(s.meetingId)));
      const reminders = live.filter(isReminder);
      heavy = [...heavy, ...live.filter((s) => !isReminder(s))];
      count += live.length;
      const prepared = await Promise.all(reminders.map((s) => remindStep(s, bc.meetings.get(s.meetingId)!, deps, bc)));
      // Pre-staged: delayed outbox jobs that become available at releaseAt (at once when that has passed).
      await sendAll(
        prepared.flat().map((m) => ({ ...m, notBefore: releaseAt })),
        deps,
      );
      const follow = reminders.map((s) => nextStep(bc.meetings.get(s.meetingId)!, s)).filter((s): s is Step => !!s);
      const now = deps.clock.now();
      await scheduleSteps(
        deps,
        follow.filter((s) => dueOf(s) > releaseAt && dueOf(s) > now),
        now,
      );
      const dueNow = follow.filter((s) => dueOf(s) <= releaseAt || dueOf(s) <= now);
      early = dueNow.filter((s) => isReminder(s) && dueOf(s) <= releaseAt);
      later.push(...dueNow.filter((s) => !early.includes(s)));
    }
    if (releaseAt > Date.now()) await sleep(releaseAt - Date.now());
    // At due: escalation and close, from the meetings as they are now (a cancel while waiting stops them).
    const bc = await createBatchContext(
      deps,
      heavy.map((s) => s.meetingId),
      releaseAt,
    );
    bc.now = Math.max(deps.clock.now(), releaseAt);
    const liveHeavy = heavy.filter((s) => isLive(s, bc.meetings.get(s.meetingId)));
    await sendAll(await runHeavy(liveHeavy, deps, bc), deps);
    const followHeavy = liveHeavy.map((s) => nextStep(bc.meetings.get(s.meetingId)!, s)).filter((s): s is Step => !!s);
    const now = deps.clock.now();
    await scheduleSteps(
      deps,
      followHeavy.filter((s) => dueOf(s) > now),
      now,
    );
    pending = [...later, ...followHeavy.filter((s) => dueOf(s) <= now)];
    releaseAt = now;
  }
  return count;
}

async function runHeavy(steps: Step[], deps: MeetingDeps, bc: BatchContext): Promise<OutboxMessage[]> {
  const out: OutboxMessage[] = [];
  for (let i = 0; i < steps.length; i += HEAVY_PARALLEL) {
    const part = await Promise.all(
      steps.slice(i, i + HEAVY_PARALLEL).map((s) => {
        const m = bc.meetings.get(s.meetingId)!;
        switch (s.kind) {
          case 'close':
            return closeStep(m, deps, bc);
          case 'escalate':
            return escalateStep(m, deps, bc);
          case 'remind-room':
          case 'remind-secretary':
            throw new Error(`reminder step ${s.kind} reached the at-due phase`);
          default:
            return assertNever(s.kind, 'step kind');
        }
      }),
    );
    out.push(...part.flat());
  }
  return out;
}

async function sendAll(messages: OutboxMessage[], deps: MeetingDeps): Promise<void> {
  const chunks: OutboxMessage[][] = [];
  for (let i = 0; i < messages.length; i += CHUNK) chunks.push(messages.slice(i, i + CHUNK));
  await Promise.all(chunks.map((c) => deps.outbox.enqueueMany(c)));
}
