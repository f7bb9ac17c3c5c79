// Reminders are pre-staged in the outbox (the due bucket's job starts EARLY_MS ahead and queues them as delayed
// jobs that become available at the due instant). A pre-staged reminder arrives at its time, once; a meeting
// cancelled or moved inside that window sends nothing for the old time — whether the change withdraws the
// staged job (chat) or not (the CLI has no outbox: the outbox worker's check drops it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelMeeting, createMeeting, rescheduleMeeting } from '../../../domains/meetings/ops.js';
import { outboxKeys } from '../../../domains/meetings/queue.js';
import { EARLY_MS } from '../../../domains/meetings/schedule.js';
import { jobIdFor } from '../../../jobs/outbox/keys.js';
import type { Meeting } from '../../../store/types.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OFFSET = 5000;

beforeAll(async () => {
  w = await startJobsWorld();
  w.startWorker();
});
afterAll(async () => {
  await w?.close();
});

/** The room reminder's outbox job, once the bucket job has staged it. */
async function staged(m: Meeting) {
  const id = jobIdFor(outboxKeys.remind(m, OFFSET, ROOM));
  await expect.poll(async () => (await w.outbox.queue.getJob(id))?.id, { timeout: 10_000, interval: 20 }).toBe(id);
  return (await w.outbox.queue.getJob(id))!;
}

const reminders = (m: Meeting) =>
  w.sent.filter((s) => s.text.includes('【会议提醒】') && s.text.includes(`编号 ${m.id}`));

describe('pre-staged reminders', () => {
  it('a reminder is staged ahead as a delayed outbox job and arrives at its due time, once', async () => {
    const due = Date.now() + EARLY_MS + 3000; // an ordinary bucket: its job starts EARLY_MS before due
    const m = await createMeeting(w.deps, w.meetingInput(due + OFFSET, { title: '准时', groupOffsets: [OFFSET] }));
    const job = await staged(m);
    expect(Date.now()).toBeLessThan(due);
    expect(await job.getState()).toBe('delayed');
    expect(job.timestamp + job.delay).toBe(due);
    // Waited for until 10 s past due, however long staging took (due is EARLY_MS + 3 s after creation).
    const sent = await w.waitFor(
      (s) => s.text.includes(`编号 ${m.id}`) && s.text.includes('【会议提醒】'),
      Math.max(0, due - Date.now()) + 10_000,
    );
    expect(sent.at).toBeGreaterThanOrEqual(due);
    expect(sent.text).toContain('5秒后');
    await sleep(300);
    expect(reminders(m)).toHaveLength(1);
  }, 45_000);

  it('cancelled 1 s before due, after staging: nothing is sent and the staged job is withdrawn', async () => {
    const due = Date.now() + 2500;
    const m = await createMeeting(w.deps, w.meetingInput(due + OFFSET, { title: '取消', groupOffsets: [OFFSET] }));
    const job = await staged(m);
    await sleep(due - 1000 - Date.now());
    await cancelMeeting(w.deps, m);
    const ack = Date.now();
    await sleep(Math.max(0, due + 1500 - Date.now()));
    // Nothing after the acknowledgement, and nothing at all (the job withdrawn) when it came before due, as it
    // does unless the machine held the test past due.
    expect(reminders(m).filter((s) => s.at > ack)).toEqual([]);
    if (ack < due) {
      expect(await w.outbox.queue.getJob(job.id!)).toBeUndefined();
      expect(reminders(m)).toHaveLength(0);
    }
  }, 30_000);

  it('cancelled 1 s before due without an outbox (as the CLI does): the staged job stays, and the outbox drops it at due', async () => {
    const due = Date.now() + 2500;
    const m = await createMeeting(
      w.deps,
      w.meetingInput(due + OFFSET, { title: '命令行取消', groupOffsets: [OFFSET] }),
    );
    const job = await staged(m);
    await sleep(due - 1000 - Date.now());
    await cancelMeeting({ stores: w.stores, queue: w.deps.queue, buckets: w.deps.buckets, clock: w.deps.clock }, m);
    const ack = Date.now();
    await expect
      .poll(async () => (await w.outbox.queue.getJob(job.id!))!.getState(), { timeout: 15_000 })
      .toBe('completed');
    await sleep(300);
    expect(reminders(m).filter((s) => s.at > ack)).toEqual([]);
    if (ack < due) {
      expect((await w.outbox.queue.getJob(job.id!))!.returnvalue).toEqual({ sent: 0, dropped: true });
      expect(reminders(m)).toHaveLength(0);
    }
  }, 30_000);

  it('moved inside the window: reminded at the new time only, once', async () => {
    const due = Date.now() + 2500;
    const m = await createMeeting(w.deps, w.meetingInput(due + OFFSET, { title: '改期', groupOffsets: [OFFSET] }));
    await staged(m);
    await sleep(due - 1000 - Date.now());
    const moved = await rescheduleMeeting(w.deps, m, m.startAt + 2000);
    const sent = await w.waitFor((s) => s.text.includes(`编号 ${m.id}`) && s.text.includes('【会议提醒】'), 10_000);
    expect(sent.at).toBeGreaterThanOrEqual(moved.startAt - OFFSET);
    await sleep(800);
    expect(reminders(m)).toHaveLength(1);
  }, 30_000);
});
