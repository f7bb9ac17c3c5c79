// Process roles on one Redis: an edge process (channel, router, outbox) runs no meetings worker, so a due
// bucket waits; a worker process (meetings, broadcasts, digest workers, no channel) takes it, and the reminder it
// stages is sent by the edge. Both are real child processes (tests/helpers/bot-child.ts with ROLE).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createMeeting } from '../../domains/meetings/ops.js';
import { createMeetingQueue, type MeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { createStores } from '../../store/index.js';
import { roomId } from '../helpers/broadcast-world.js';
import { readJournal, spawnBot, type BotProcess, type BotProcessEnv } from '../helpers/bot-process.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const prefix = randomPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-roles-'));
const env: BotProcessEnv = {
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: prefix,
  DATA_DIR: dataDir,
  ROOMS: 3,
  RATE: 3000,
  JOURNAL_KEY: `${prefix}test:journal`,
};
let redis: Redis;
let queue: MeetingQueue;
const procs: BotProcess[] = [];

beforeAll(async () => {
  redis = connectTestRedis();
  queue = createMeetingQueue(redis, prefix, silentLogger);
  const stores = createStores(redis, prefix);
  const { branch } = await stores.branches.ensure('第1党支部');
  await stores.branches.bindRoom(branch.id, roomId(1));
});
afterAll(async () => {
  for (const p of procs) await p.kill();
  await queue?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('process roles', () => {
  it('an edge runs no workers; a worker process takes the jobs and the edge sends what it staged', async () => {
    const edge = await spawnBot({ ...env, ROLE: 'edge' });
    procs.push(edge);
    const stores = createStores(redis, prefix);
    const [branch] = await stores.branches.list();
    const due = Date.now() + 1500;
    const m = await createMeeting(
      { stores, queue, buckets: createDueBuckets(redis, prefix), clock: systemClock },
      {
        branchId: branch!.id,
        type: '党课',
        title: '分角色',
        startAt: due + 3_600_000,
        groupOffsets: [3_600_000],
        secretaryOffsets: [],
        closeAfter: 86_400_000,
        escalateBefore: 0,
        createdBy: 'cli:test',
      },
    );
    const [job] = await queue.getJobs(['delayed', 'waiting']);
    expect(job!.id).toMatch(/^due-/);
    await new Promise((r) => setTimeout(r, due + 1500 - Date.now()));
    // Due and waiting: no process has a meetings worker yet.
    expect(await (await queue.getJob(job!.id!))!.getState()).toBe('waiting');
    expect(await readJournal(redis, env.JOURNAL_KEY)).toEqual([]);

    procs.push(await spawnBot({ ...env, ROLE: 'worker' }));
    await expect
      .poll(async () => (await readJournal(redis, env.JOURNAL_KEY)).filter((e) => e.phase === 'D'), {
        timeout: 60_000,
        interval: 100,
      })
      .toEqual([{ phase: 'D', room: roomId(1), ident: `remind:${m.id}` }]);
  }, 300_000);
});
