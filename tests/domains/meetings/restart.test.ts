// Exactly once across restarts: the meetings worker runs in other processes; one is killed before the first
// reminder, two run side by side, one of those is killed after the first reminder. Each message arrives once.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { EARLY_MS, scheduleMeeting } from '../../../domains/meetings/schedule.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';
import { testRedisUrl } from '../../helpers/redis.js';

let w: JobsWorld;
const children: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spawnWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/helpers/meeting-worker-process.ts')],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, REDIS_URL: testRedisUrl(), PREFIX: w.prefix, BOT_ID: w.botId },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker process did not start')), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  for (const c of children) await kill(c);
  await w?.close();
});

describe('restart', () => {
  it('delivers each reminder and the summary exactly once across killed and parallel worker processes', async () => {
    const a = await spawnWorker();
    const startAt = Date.now() + EARLY_MS + 10_000; // the first reminder's bucket job starts 3 s from now: after the kill
    const m = await createMeeting(w.deps, w.meetingInput(startAt, { groupOffsets: [7000, 4000], closeAfter: 1000 }));
    await scheduleMeeting(w.deps, m, Date.now()); // scheduling twice is a no-op
    await kill(a); // down before any reminder is due
    const [b, c] = await Promise.all([spawnWorker(), spawnWorker()]);
    const first = await w.waitFor((s) => s.text.includes('【会议提醒】') && s.text.includes('7秒后'), 45_000);
    expect(first.at).toBeGreaterThanOrEqual(startAt - 7000 - 50);
    await kill(b); // possibly mid-batch: the job is recovered by the other worker and the outbox key dedups
    await w.waitFor((s) => s.text.includes('【会议提醒】') && !s.text.includes('7秒后'), 45_000);
    const summary = await w.waitFor((s) => s.text.includes('【签到汇总】'), 45_000);
    expect(summary.to.contactId).toBe('wx_wang');
    await sleep(1500);
    const reminders = w.sent.filter((s) => s.text.includes('【会议提醒】'));
    expect(reminders.map((s) => s.to.roomId)).toEqual([ROOM, ROOM]);
    expect(w.sent.filter((s) => s.text.includes('【签到汇总】'))).toHaveLength(1);
    await kill(c);
  }, 120_000);
});
