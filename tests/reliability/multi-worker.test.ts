// One edge process (channel, router, outbox) and three worker processes (meetings, broadcasts, digest), all
// real children on the run's Redis. Worker processes are killed with kill -9 at seeded points and restarted
// while 500 reminders fall due at once and a broadcast goes to 200 groups. Counted at the puppet boundary:
// nothing lost, and at most one repeat per kill. Sizes: MW_ROOMS, MW_REMINDERS, MW_KILLS; seed RELIABILITY_SEED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal, spawnBot, type BotProcess } from '../helpers/bot-process.js';
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

const ROOMS = envCount('MW_ROOMS', 200);
const REMINDERS = envCount('MW_REMINDERS', 500);
const KILLS = envCount('MW_KILLS', 6);
const rng = seededRng('multi-worker', 'RELIABILITY_SEED', 20261129);

let w: BurstWorld;
let edge: BotProcess | undefined;
const workers: BotProcess[] = [];

beforeAll(async () => {
  w = await openBurstWorld('multi-worker', ROOMS);
}, 60_000);

afterAll(async () => {
  await edge?.kill();
  for (const x of workers) await x.kill();
  await w?.close();
});

describe('one edge and three worker processes, workers killed with kill -9', () => {
  it(`delivers every message, at most one repeat per kill (${KILLS} kills)`, async () => {
    const { env, redis } = w;
    edge = await spawnBot({ ...env, ROLE: 'edge' });
    workers.push(...(await Promise.all([0, 1, 2].map(() => spawnBot({ ...env, ROLE: 'worker' })))));
    const due = Date.now() + 8000;
    const reminders = await scheduleReminderBurst(w.ops, w.branchOfRoom, REMINDERS, due);
    const broadcast = await scheduleBurstBroadcast(w.rt, roomsUpTo(ROOMS), Date.now() + 3000);
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
