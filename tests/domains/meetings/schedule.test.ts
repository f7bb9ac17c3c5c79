// Deterministic reminder jobs: reschedule replaces them, cancel removes them, and a reminder that fell due
// while no worker ran is sent late if the meeting has not started, else skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelMeeting, createMeeting, rescheduleMeeting } from '../../../domains/meetings/ops.js';
import { jobIds } from '../../../domains/meetings/queue.js';
import { EARLY_MS, scheduleMeeting } from '../../../domains/meetings/schedule.js';
import { dueOf, encodeStep, stepsOf } from '../../../domains/meetings/steps.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  await w?.close();
});

async function state(id: string) {
  const job = await w.deps.queue.getJob(id);
  return job ? await job.getState() : 'absent';
}

describe('meeting jobs', () => {
  it('schedules the first step in a due bucket with a fixed job id; reschedule moves it, cancel removes it', async () => {
    const start = Date.now() + 3 * 86_400_000 + 3_600_000;
    const before = Date.now();
    const m = await createMeeting(
      w.deps,
      w.meetingInput(start, {
        groupOffsets: [86_400_000, 3_600_000],
        secretaryOffsets: [3 * 86_400_000],
        escalateBefore: 1_800_000,
      }),
    );
    expect(stepsOf(m).map((s) => s.kind)).toEqual([
      'remind-secretary',
      'remind-room',
      'remind-room',
      'escalate',
      'close',
    ]);
    const took = Date.now() - before;
    const first = stepsOf(m)[0]!;
    const due = dueOf(first);
    expect(due).toBe(start - 3 * 86_400_000);
    expect(jobIds.due(due)).not.toContain(':');
    expect(await state(jobIds.due(due))).toBe('delayed');
    expect(await w.deps.buckets.members(due)).toEqual([encodeStep(first)]);
    const job = await w.deps.queue.getJob(jobIds.due(due));
    // Starts EARLY_MS before due: the delay is computed from the clock read when the meeting was created.
    expect(job!.timestamp + job!.opts.delay!).toBeGreaterThanOrEqual(due - EARLY_MS);
    expect(job!.timestamp + job!.opts.delay!).toBeLessThanOrEqual(due - EARLY_MS + took);
    await scheduleMeeting(w.deps, m, Date.now()); // idempotent
    expect(await w.deps.buckets.members(due)).toHaveLength(1);

    const moved = await rescheduleMeeting(w.deps, m, start + 86_400_000);
    expect(await w.deps.buckets.members(due)).toHaveLength(0);
    const newDue = dueOf(stepsOf(moved)[0]!);
    expect(newDue).toBe(due + 86_400_000);
    expect(await state(jobIds.due(newDue))).toBe('delayed');
    expect(await w.deps.buckets.members(newDue)).toHaveLength(1);

    await cancelMeeting(w.deps, moved);
    expect(await w.deps.buckets.members(newDue)).toHaveLength(0);
    expect((await w.stores.meetings.get(m.id))?.status).toBe('cancelled');
  });

  it('sends a reminder missed while down if the meeting has not started, and skips it otherwise', async () => {
    const now = Date.now();
    // Due at +1 s, starting at +20 s: however busy the machine, the worker started at +3.5 s finds it late
    // (by more than the offset's tenth, so it shows the real time left) and not yet started.
    const notStarted = await createMeeting(
      w.deps,
      w.meetingInput(now + 20_000, { title: '未开始', groupOffsets: [19_000] }),
    );
    const started = await createMeeting(
      w.deps,
      w.meetingInput(now + 2500, { title: '已开始', type: '支部委员会', groupOffsets: [2000], closeAfter: 3000 }),
    );
    await sleep(3500); // no worker: both reminders fall due, one meeting starts
    w.startWorker();
    const late = await w.waitFor((s) => s.text.includes('【会议提醒】'), 20_000);
    expect(late.text).toContain(`编号 ${notStarted.id}`);
    const left = Number(/将于(\d+)秒后开始/.exec(late.text)?.[1]);
    expect(left).toBeGreaterThanOrEqual(1);
    expect(left).toBeLessThanOrEqual(Math.ceil((notStarted.startAt - late.at) / 1000) + 1);
    expect(left).toBeLessThan(19);
    await w.waitFor((s) => s.text.includes('【签到汇总】') && s.text.includes(`编号 ${started.id}`), 30_000);
    await sleep(500);
    expect(w.sent.filter((s) => s.text.includes('【会议提醒】')).map((s) => s.to.roomId)).toEqual([ROOM]);
  }, 60_000);

  it('a rescheduled meeting is reminded at the new time only; a cancelled one not at all', async () => {
    const now = Date.now();
    const a = await createMeeting(w.deps, w.meetingInput(now + 60_000, { title: '改期', groupOffsets: [1000] }));
    const b = await createMeeting(w.deps, w.meetingInput(now + 3000, { title: '取消', groupOffsets: [2000] }));
    await rescheduleMeeting(w.deps, a, now + 3500);
    await cancelMeeting(w.deps, b);
    const cancelAck = Date.now(); // what the secretary would be told 已取消 at
    const sent = await w.waitFor((s) => s.text.includes('【会议提醒】') && s.text.includes(`编号 ${a.id}`), 20_000);
    expect(sent.at).toBeGreaterThanOrEqual(now + 2500 - 50);
    await sleep(1500);
    // Never after the cancel was acknowledged; not at all when it was acknowledged before the reminder's due
    // (on a busy machine the test itself may reach the cancel after due, when the reminder has rightly gone).
    const ofB = w.sent.filter((s) => s.text.includes(`编号 ${b.id}`));
    expect(ofB.filter((s) => s.at > cancelAck)).toEqual([]);
    if (cancelAck < b.startAt - 2000) expect(ofB).toEqual([]);
    expect(w.sent.filter((s) => s.text.includes('【会议提醒】') && s.text.includes(`编号 ${a.id}`))).toHaveLength(1);
  }, 60_000);
});
