// One edge process (channel, router, outbox) and three worker processes (meetings, broadcasts, digest), all
// real children on the run's Redis. Worker processes are killed with kill -9 at seeded points and restarted
// while 500 reminders fall due at once and a broadcast goes to 200 groups. Counted at the puppet boundary:
// nothing lost, and at most one repeat per kill. Sizes: MW_ROOMS, MW_REMINDERS, MW_KILLS; seed RELIABILITY_SEED.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { createMeetingQueue, type MeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import type { OutboxHandle } from '../../jobs/outbox/producer.js';
import { createStores } from '../../store/index.js';
import { readJournal, spawnBot, type BotProcess, type BotProcessEnv } from '../helpers/bot-process.js';
import {
  countByKey,
  envCount,
  roomsUpTo,
  scheduleBurstBroadcast,
  scheduleReminderBurst,
  seedBranchPerRoom,
  sleep,
  waitForDeliveries,
} from '../helpers/crash-burst.js';
import { seededRng } from '../helpers/prng.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';
import { testDeps } from '../helpers/deps.js';

const ROOMS = envCount('MW_ROOMS', 200);
const REMINDERS = envCount('MW_REMINDERS', 500);
const KILLS = envCount('MW_KILLS', 6);
const rng = seededRng('multi-worker', 'RELIABILITY_SEED', 20261129);
const prefix = randomPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-multi-worker-'));
const env: BotProcessEnv = {
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: prefix,
  DATA_DIR: dataDir,
  ROOMS,
  RATE: 3000,
  JOURNAL_KEY: `${prefix}test:journal`,
};

let redis: Redis;
let outbox: OutboxHandle;
let queue: MeetingQueue;
let rt: BroadcastRuntime;
let branchOfRoom: Map<string, string>;
let edge: BotProcess | undefined;
const workers: BotProcess[] = [];

beforeAll(async () => {
  redis = connectTestRedis();
  branchOfRoom = await seedBranchPerRoom(createStores(redis, prefix), ROOMS);
  const base = testDeps({ redis, prefix, botId: 'wxid_bot' });
  outbox = base.outbox;
  queue = createMeetingQueue(redis, prefix, silentLogger);
  rt = createBroadcastRuntime(base, { botId: 'wxid_bot' });
}, 60_000);

afterAll(async () => {
  await edge?.kill();
  for (const w of workers) await w.kill();
  await rt?.close();
  await queue?.close();
  await outbox?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('one edge and three worker processes, workers killed with kill -9', () => {
  it(`delivers every message, at most one repeat per kill (${KILLS} kills)`, async () => {
    edge = await spawnBot({ ...env, ROLE: 'edge' });
    workers.push(...(await Promise.all([0, 1, 2].map(() => spawnBot({ ...env, ROLE: 'worker' })))));
    const stores = createStores(redis, prefix);
    const ops = { stores, queue, buckets: createDueBuckets(redis, prefix), clock: systemClock };
    const due = Date.now() + 8000;
    const reminders = await scheduleReminderBurst(ops, branchOfRoom, REMINDERS, due);
    const broadcast = await scheduleBurstBroadcast(rt, roomsUpTo(ROOMS), Date.now() + 3000);
    const expected = new Set([...reminders.expected, ...broadcast]);

    // Kill a seeded worker at seeded moments from the broadcast's start through the reminders' due instant.
    const killLog: string[] = [];
    await sleep(2500);
    for (let k = 0; k < KILLS; k++) {
      const after = rng.int(150, 900);
      const which = rng.int(0, workers.length - 1);
      await sleep(after);
      await workers[which]!.kill();
      const sent = (await readJournal(redis, env.JOURNAL_KEY)).filter((e) => e.phase === 'D').length;
      killLog.push(`kill ${k + 1} (worker ${which}) after ${after} ms: ${sent} delivered`);
      workers[which] = await spawnBot({ ...env, ROLE: 'worker' });
    }
    process.stdout.write(`[multi-worker] ${killLog.join('; ')}\n`);

    await waitForDeliveries(redis, env.JOURNAL_KEY, expected);
    const counts = countByKey(await readJournal(redis, env.JOURNAL_KEY), 'D');
    const lost = [...expected].filter((x) => !counts.has(x));
    const repeats = [...counts.values()].reduce((s, n) => s + n - 1, 0);
    const unexpected = [...counts.keys()].filter((x) => !expected.has(x) && !x.includes('|other:'));
    process.stdout.write(
      `[multi-worker] ${ROOMS} groups + ${REMINDERS} reminders, ${KILLS} worker kills: ${counts.size} delivered, ${lost.length} lost, ${repeats} repeats\n`,
    );
    expect(lost).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(repeats).toBeLessThanOrEqual(KILLS);
  }, 400_000);
});
