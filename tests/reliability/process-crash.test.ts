// kill -9 of the bot process (every real feature, its outbox, meetings and broadcast workers, on the mock
// puppet) and of a second meetings-worker process, at seeded random points and in a seeded choice (the bot,
// the worker, or both), while they deliver a broadcast to ROOMS groups and REMINDERS reminders due at the
// same instant; whatever was killed is restarted. Counted at the puppet boundary (tests/helpers/bot-child.ts):
// nothing lost, and a message is repeated only if it was the one in flight at a kill, at most once per kill.
// Sizes: the issue's 200 groups and 500 reminders, 10 kills; override with CRASH_ROOMS, CRASH_REMINDERS,
// CRASH_KILLS; the seed with RELIABILITY_SEED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal, spawnBot, spawnMeetingWorker, type BotProcess } from '../helpers/bot-process.js';
import {
  countByKey,
  envCount,
  openBurstWorld,
  roomsUpTo,
  scheduleBurstBroadcast,
  scheduleReminderBurst,
  sleep,
  waitForDeliveries,
  type BurstWorld,
} from '../helpers/crash-burst.js';
import { seededRng } from '../helpers/prng.js';

const ROOMS = envCount('CRASH_ROOMS', 200);
const REMINDERS = envCount('CRASH_REMINDERS', 500);
const KILLS = envCount('CRASH_KILLS', 10);
const rng = seededRng('process-crash', 'RELIABILITY_SEED', 20261128);

let w: BurstWorld;
let bot: BotProcess | undefined;
let worker: BotProcess | undefined;
const spawnWorker = () => spawnMeetingWorker({ redisUrl: w.env.REDIS_URL!, prefix: w.prefix, botId: 'wxid_bot' });

beforeAll(async () => {
  w = await openBurstWorld('proc-crash', ROOMS);
}, 60_000);

afterAll(async () => {
  await bot?.kill();
  await worker?.kill();
  await w?.close();
});

describe('bot process killed with kill -9 during a broadcast and a burst of reminders', () => {
  it(`delivers every message; repeats only what was in flight at a kill (${KILLS} kills)`, async () => {
    const { env, redis } = w;
    [bot, worker] = await Promise.all([spawnBot(env), spawnWorker()]);
    // REMINDERS meetings whose reminder (one hour ahead) is due at the same instant, a few seconds from now.
    const due = Date.now() + 5000;
    const reminders = await scheduleReminderBurst(w.ops, w.branchOfRoom, REMINDERS, due);
    const broadcast = await scheduleBurstBroadcast(w.rt, roomsUpTo(ROOMS), Date.now());
    const expected = new Set([...reminders.expected, ...broadcast]);

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
    await waitForDeliveries(redis, env.JOURNAL_KEY, expected);
    await Promise.all([bot.stop(), worker.stop()]);

    const journal = await readJournal(redis, env.JOURNAL_KEY);
    const attempts = countByKey(journal, 'A');
    const delivered = new Set(countByKey(journal, 'D').keys());
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
