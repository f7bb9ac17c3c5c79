// A meetings worker killed in the middle of a due bucket: its job holds BullMQ's lock until the lock expires
// and a stalled check hands it to another worker. Sized for these short jobs (jobs/failures.ts), the steps it
// left (here: closing the meetings at due) are done within 10 s of the kill, not after BullMQ's 30–60 s.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../ground/config.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { jobIds, MEETING_QUEUE } from '../../../domains/meetings/queue.js';
import { queuePrefix } from '../../../jobs/outbox/keys.js';
import { EARLY_MS } from '../../../domains/meetings/schedule.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';
import { testRedisUrl } from '../../helpers/redis.js';

let w: JobsWorld;
const children: ChildProcess[] = [];

/** A worker process and its BullMQ worker id (the start of the lock tokens it holds). */
function spawnWorker(): Promise<{ child: ChildProcess; id: string }> {
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
    const timer = setTimeout(() => reject(new Error('worker process did not start')), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      const ready = /ready (\S+)/.exec(d.toString());
      if (ready) {
        clearTimeout(timer);
        resolve({ child, id: ready[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
  });
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  for (const c of children) await kill(c);

  await w?.close();
});

describe('a worker killed mid-bucket', () => {
  it('another worker finishes the bucket within 10 s of its due time or the kill', async () => {
    const [a, b] = await Promise.all([spawnWorker(), spawnWorker()]);
    // 20 meetings closing at the same instant: one bucket whose job starts EARLY_MS ahead and waits for due.
    const due = Date.now() + EARLY_MS + 3000;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const m = await createMeeting(w.deps, w.meetingInput(due - 1000, { title: `会${i}`, closeAfter: 1000 }));
      ids.push(m.id);
    }
    const job = await w.deps.queue.getJob(jobIds.due(due));
    await expect.poll(async () => await job!.getState(), { timeout: 30_000, interval: 20 }).toBe('active');
    // The one holding the job is killed while the job waits for due; the other is running already.
    const lock = await w.redis.get(
      `${queuePrefix(w.prefix, MEETING_QUEUE, w.redis)}:${MEETING_QUEUE}:${jobIds.due(due)}:lock`,
    );
    const holder = [a, b].find((x) => lock?.startsWith(x.id));
    expect(holder).toBeDefined();
    await kill(holder!.child);
    const killedAt = Date.now();
    await expect
      .poll(async () => (await w.stores.meetings.getMany(ids)).filter((m) => m.status === 'closed').length, {
        timeout: 60_000,
        interval: 100,
      })
      .toBe(ids.length);
    // The steps are due at `due` (the job waits for it): late by under 10 s after due or after the kill.
    const late = Date.now() - Math.max(due, killedAt);
    process.stdout.write(`[stalled-bucket] bucket finished ${late} ms after max(due, kill)\n`);
    expect(late).toBeLessThan(10_000);
  }, 180_000);
});
