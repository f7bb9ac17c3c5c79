// kill -9 of the bot process (every real feature, its outbox, meetings and broadcast workers, on the mock
// puppet) and of a second meetings-worker process, at seeded random points and in a seeded choice (the bot,
// the worker, or both), while they deliver a broadcast to ROOMS groups and REMINDERS reminders due at the
// same instant; whatever was killed is restarted. Counted at the puppet boundary (tests/helpers/bot-child.ts):
// nothing lost, and a message is repeated only if it was the one in flight at a kill, at most once per kill.
// Sizes: the issue's 200 groups and 500 reminders, 10 kills; override with CRASH_ROOMS, CRASH_REMINDERS,
// CRASH_KILLS; the seed with RELIABILITY_SEED.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../domains/broadcasts/runtime.js';
import { createMeeting } from '../../domains/meetings/ops.js';
import { createMeetingQueue, type MeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import type { OutboxHandle } from '../../jobs/outbox/producer.js';
import { createStores } from '../../store/index.js';
import { createRoomDirectory } from '../../store/room-directory.js';
import { roomId } from '../helpers/broadcast-world.js';
import { readJournal, spawnBot, spawnChild, type BotProcess, type BotProcessEnv } from '../helpers/bot-process.js';
import { seededRng } from '../helpers/prng.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';
import { testDeps } from '../helpers/deps.js';

const num = (name: string, fallback: number) =>
  process.env[name] && /^\d+$/.test(process.env[name]!) ? Number(process.env[name]) : fallback;
const ROOMS = num('CRASH_ROOMS', 200);
const REMINDERS = num('CRASH_REMINDERS', 500);
const KILLS = num('CRASH_KILLS', 10);
const rng = seededRng('process-crash', 'RELIABILITY_SEED', 20261128);
const prefix = randomPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-proc-crash-'));
const env: BotProcessEnv = {
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: prefix,
  DATA_DIR: dataDir,
  ROOMS,
  RATE: 3000,
  JOURNAL_KEY: `${prefix}test:journal`,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: Redis;
let outbox: OutboxHandle;
let queue: MeetingQueue;
let rt: BroadcastRuntime;
let bot: BotProcess | undefined;
let worker: BotProcess | undefined;
const spawnWorker = () =>
  spawnChild('tests/helpers/meeting-worker-process.ts', {
    REDIS_URL: env.REDIS_URL!,
    PREFIX: prefix,
    BOT_ID: 'wxid_bot',
  });

beforeAll(async () => {
  redis = connectTestRedis();
  const stores = createStores(redis, prefix);
  const dir = createRoomDirectory(redis, prefix);
  // One branch per group, so each reminder goes to exactly one room.
  for (let i = 1; i <= ROOMS; i++) {
    const { branch } = await stores.branches.ensure(`第${i}党支部`);
    await stores.branches.bindRoom(branch.id, roomId(i));
    await dir.note(roomId(i), `第${i}党小组群`);
  }
  // The parent acts as the CLI would: it writes records and jobs; the bot process does all the sending.
  const base = testDeps({ redis, prefix, botId: 'wxid_bot' });
  outbox = base.outbox;
  queue = createMeetingQueue(redis, prefix, silentLogger);
  rt = createBroadcastRuntime(base, { botId: 'wxid_bot' });
}, 60_000);

afterAll(async () => {
  await bot?.kill();
  await worker?.kill();
  await rt?.close();
  await queue?.close();
  await outbox?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('bot process killed with kill -9 during a broadcast and a burst of reminders', () => {
  it(`delivers every message; repeats only what was in flight at a kill (${KILLS} kills)`, async () => {
    const stores = createStores(redis, prefix);
    const ops = { stores, queue, buckets: createDueBuckets(redis, prefix), clock: systemClock };
    [bot, worker] = await Promise.all([spawnBot(env), spawnWorker()]);
    // REMINDERS meetings whose reminder (one hour ahead) is due at the same instant, a few seconds from now.
    const due = Date.now() + 5000;
    const expected = new Set<string>();
    const branches = await stores.branches.list();
    const branchRoom = new Map<string, string>();
    for (const b of branches) branchRoom.set(b.id, (await stores.branches.rooms(b.id))[0]!);
    for (let i = 0; i < REMINDERS; i++) {
      const b = branches[i % branches.length]!;
      const m = await createMeeting(ops, {
        branchId: b.id,
        type: '党课',
        title: `党课${i + 1}`,
        startAt: due + 3_600_000,
        groupOffsets: [3_600_000],
        secretaryOffsets: [],
        closeAfter: 86_400_000,
        escalateBefore: 0,
        createdBy: 'cli:test',
      });
      expected.add(`${branchRoom.get(b.id)}|remind:${m.id}`);
    }
    const rooms = Array.from({ length: ROOMS }, (_, i) => roomId(i + 1));
    await rt.service.create({
      kind: 'text',
      text: 'CRASH-BROADCAST 请各支部于本周五前报送学习材料',
      targets: ['全部'],
      rooms,
      schedule: { type: 'once', at: Date.now() },
      createdBy: 'cli:test',
      createdAt: Date.now(),
    });
    for (const r of rooms) expected.add(`${r}|broadcast`);

    // Kill at seeded random moments after each start; note what was last attempted before each kill.
    const inFlight: string[] = [];
    const killLog: string[] = [];
    let botKills = 0;
    for (let k = 0; k < KILLS; k++) {
      const after = rng.int(150, 2500);
      const target = rng.pick(['bot', 'bot', 'worker', 'both'] as const);
      await sleep(after);
      await Promise.all([target !== 'worker' ? bot.kill() : undefined, target !== 'bot' ? worker.kill() : undefined]);
      const journal = await readJournal(redis, env.JOURNAL_KEY);
      if (target !== 'worker') {
        botKills++;
        const lastA = [...journal].reverse().find((e) => e.phase === 'A');
        if (lastA) inFlight.push(`${lastA.room}|${lastA.ident}`);
      }
      killLog.push(
        `kill ${k + 1} (${target}) after ${after} ms: ${journal.filter((e) => e.phase === 'D').length} delivered`,
      );
      [bot, worker] = await Promise.all([
        target !== 'worker' ? spawnBot(env) : bot,
        target !== 'bot' ? spawnWorker() : worker,
      ]);
    }
    process.stdout.write(`[process-crash] ${killLog.join('; ')}\n`);

    // After the last restart everything is delivered (stalled jobs come back after BullMQ's 30 s lock).
    const deadline = Date.now() + 150_000;
    let delivered = new Set<string>();
    while (Date.now() < deadline) {
      delivered = new Set(
        (await readJournal(redis, env.JOURNAL_KEY)).filter((e) => e.phase === 'D').map((e) => `${e.room}|${e.ident}`),
      );
      if ([...expected].every((x) => delivered.has(x))) break;
      await sleep(500);
    }
    await sleep(1500);
    await Promise.all([bot.stop(), worker.stop()]);

    const journal = await readJournal(redis, env.JOURNAL_KEY);
    const attempts = new Map<string, number>();
    for (const e of journal)
      if (e.phase === 'A') attempts.set(`${e.room}|${e.ident}`, (attempts.get(`${e.room}|${e.ident}`) ?? 0) + 1);
    delivered = new Set(journal.filter((e) => e.phase === 'D').map((e) => `${e.room}|${e.ident}`));
    const lost = [...expected].filter((x) => !delivered.has(x));
    const repeated = [...attempts].filter(([, n]) => n > 1);
    const unexpected = [...attempts.keys()].filter((x) => !expected.has(x) && !x.includes('|other:'));
    process.stdout.write(
      `[process-crash] ${ROOMS} groups + ${REMINDERS} reminders, ${KILLS} kills: ${delivered.size} delivered, ${lost.length} lost, ` +
        `${repeated.length} repeated (${repeated.map(([x, n]) => `${x}×${n}`).join(', ') || 'none'}); bot killed ${botKills}×, in flight at those kills: ${inFlight.length}\n`,
    );
    expect(lost).toEqual([]);
    expect(unexpected).toEqual([]);
    // A repeat is only ever the message in flight at a kill, and at most once per kill it was in flight at.
    for (const [x, n] of repeated) {
      const kills = inFlight.filter((f) => f === x).length;
      expect(kills, `${x} repeated ${n}× but was in flight at no kill`).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(1 + kills);
    }
    expect(repeated.reduce((s, [, n]) => s + n - 1, 0)).toBeLessThanOrEqual(botKills);
  }, 280_000);
});
