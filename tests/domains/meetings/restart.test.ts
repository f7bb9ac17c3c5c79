// Exactly once across restarts: the meetings worker runs in other processes; one is killed before the first
// reminder, two run side by side, one of those is killed after the first reminder. Each message arrives once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { EARLY_MS, scheduleMeeting } from '../../../domains/meetings/schedule.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';
import { testRedisUrl } from '../../helpers/redis.js';
import { spawnMeetingWorker, type BotProcess } from '../../helpers/bot-process.js';

let w: JobsWorld;
const children: BotProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function spawnWorker(): Promise<BotProcess> {
  const child = await spawnMeetingWorker({ redisUrl: testRedisUrl(), prefix: w.prefix, botId: w.botId });
  children.push(child);
  return child;
}

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  for (const c of children) await c.kill();
  await w?.close();
});

describe('restart', () => {
  it('delivers each reminder and the summary exactly once across killed and parallel worker processes', async () => {
    const a = await spawnWorker();
    const startAt = Date.now() + EARLY_MS + 10_000; // the first reminder's bucket job starts 3 s from now: after the kill
    const m = await createMeeting(w.deps, w.meetingInput(startAt, { groupOffsets: [7000, 4000], closeAfter: 1000 }));
    await scheduleMeeting(w.deps, m, Date.now()); // scheduling twice is a no-op
    await a.kill(); // down before any reminder is due
    const [b, c] = await Promise.all([spawnWorker(), spawnWorker()]);
    // Reminders are told apart by count, not by their text: one that runs late says the real time left.
    const isReminder = (x: { text: string }) => x.text.includes('【会议提醒】');
    const first = await w.waitFor(isReminder, 30_000);
    expect(first.at).toBeGreaterThanOrEqual(startAt - 7000 - 50); // never before it is due
    await b.kill(); // possibly mid-batch: the job is recovered by the other worker and the outbox key dedups
    await w.waitFor(() => w.sent.filter(isReminder).length >= 2, 45_000);
    const summary = await w.waitFor((s) => s.text.includes('【签到汇总】'), 45_000);
    expect(summary.to.contactId).toBe('wx_wang');
    await sleep(1500);
    const reminders = w.sent.filter((s) => s.text.includes('【会议提醒】'));
    expect(reminders.map((s) => s.to.roomId)).toEqual([ROOM, ROOM]);
    expect(w.sent.filter((s) => s.text.includes('【签到汇总】'))).toHaveLength(1);
    await c.kill();
  }, 120_000);
});
