// A due bucket larger than PART_SIZE is split into part jobs (so several worker processes share it): every
// reminder is still staged for the due instant and sent exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PART_SIZE } from '../../../domains/meetings/due-batch.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { jobIds } from '../../../domains/meetings/queue.js';
import { EARLY_MS } from '../../../domains/meetings/schedule.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('large due buckets', () => {
  it('splits into parts; each reminder arrives once, not before due', async () => {
    const n = PART_SIZE + 300;
    const due = Date.now() + EARLY_MS + 25_000; // room to create them all before the bucket's job starts
    const ids = new Set<string>();
    for (let i = 0; i < n; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, n - i) }, (_, k) =>
          createMeeting(w.deps, w.meetingInput(due + 60_000, { title: `会${i + k}`, groupOffsets: [60_000] })),
        ),
      );
      for (const m of batch) ids.add(m.id);
    }
    expect(Date.now()).toBeLessThan(due - EARLY_MS);
    w.startWorker();
    await expect
      .poll(async () => (await w.deps.queue.getJob(jobIds.due(due)))?.returnvalue, { timeout: 60_000, interval: 200 })
      .toBe('parts:2');
    await expect
      .poll(() => w.sent.filter((s) => s.text.includes('【会议提醒】')).length, { timeout: 120_000, interval: 200 })
      .toBe(n);
    const reminders = w.sent.filter((s) => s.text.includes('【会议提醒】'));
    const seen = reminders.map((s) => /编号 (\d+)/.exec(s.text)![1]!);
    expect(new Set(seen).size).toBe(n);
    expect([...ids].every((id) => seen.includes(id))).toBe(true);
    expect(reminders.every((s) => s.at >= due && s.to.roomId === ROOM)).toBe(true);
  }, 240_000);
});
