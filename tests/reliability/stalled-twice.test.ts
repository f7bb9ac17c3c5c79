// The message in flight at two consecutive crashes. BullMQ fails a job that stalls more than maxStalledCount
// times (default 1) WITHOUT running the processor, so the outbox's own dead-letter path never sees it. Here the
// bot process hangs on one message (HANG_TEXT) and is killed with kill -9 twice while sending it; the 30 s lock
// of the dead process and its 30 s stalled-check interval are fast-forwarded by deleting their keys, and a janitor Worker (autorun off, stalled checks every
// 300 ms, the same maxStalledCount as the bot's) moves the stalled job back, as the bot's own checker would after
// 30–60 s. After the third start the message must not vanish: it is delivered, or dead-lettered and reported
// to the admins; and the messages queued behind it are delivered.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';
import { queuePrefix, jobIdFor, outboxQueueName } from '../../jobs/outbox/keys.js';
import { createOutbox, type OutboxHandle } from '../../jobs/outbox/producer.js';
import { readJournal, spawnBot, type BotProcess, type BotProcessEnv } from '../helpers/bot-process.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const prefix = randomPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-stalled-'));
const HANG = 'HANG-ME';
const env: BotProcessEnv = {
  REDIS_URL: testRedisUrl(),
  REDIS_PREFIX: prefix,
  DATA_DIR: dataDir,
  ROOMS: 2,
  RATE: 6000,
  JOURNAL_KEY: `${prefix}test:journal`,
  ADMIN_IDS: 'wxid_admin',
};
const queueName = outboxQueueName('wxid_bot');
const stuckId = jobIdFor('stalled:stuck');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: Redis;
let outbox: OutboxHandle;
let janitorConnection: Redis;
let janitor: Worker;
let bot: BotProcess | undefined;

beforeAll(async () => {
  redis = connectTestRedis();
  outbox = createOutbox({ redis, prefix, botId: 'wxid_bot', logger: silentLogger });
  janitorConnection = connectRedis(testRedisUrl(), { forWorker: true, name: 'janitor' });
  janitor = new Worker(queueName, async () => undefined, {
    connection: janitorConnection,
    prefix: queuePrefix(prefix, queueName, janitorConnection),
    autorun: false,
    stalledInterval: 300,
  });
  janitor.on('error', () => undefined);
  void janitor.startStalledCheckTimer();
});

afterAll(async () => {
  await bot?.kill();
  await janitor?.close();
  janitorConnection?.disconnect();
  await outbox?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const attemptsOf = async (ident: string) =>
  (await readJournal(redis, env.JOURNAL_KEY)).filter((e) => e.phase === 'A' && e.ident.includes(ident)).length;

/** kill -9 while the message hangs, then fast-forward the dead process's lock and check interval; the janitor recovers the job. */
async function crashWhileSending(attempt: number): Promise<void> {
  await until(`attempt ${attempt}`, async () => (await attemptsOf(HANG)) >= attempt);
  await bot!.kill();
  const q = `${queuePrefix(prefix, queueName, redis)}:${queueName}`;
  await redis.del(`${q}:${stuckId}:lock`, `${q}:stalled-check`);
  await until('the stalled job moved back', async () => (await outbox.queue.getJobState(stuckId)) !== 'active');
}

describe('a message in flight at two crashes', () => {
  it('is delivered or dead-lettered and reported, never silently dropped', async () => {
    await outbox.enqueue({ to: { roomId: 'room-1@chatroom' }, text: `${HANG} 请各支部报送材料`, key: 'stalled:stuck' });
    await outbox.enqueue({ to: { roomId: 'room-2@chatroom' }, text: '排在后面的通知', key: 'stalled:behind' });
    bot = await spawnBot({ ...env, HANG_TEXT: HANG });
    await crashWhileSending(1);
    bot = await spawnBot({ ...env, HANG_TEXT: HANG });
    await crashWhileSending(2);
    bot = await spawnBot(env); // the platform is fine again
    const journal = await until(
      'the queue to settle',
      async () => {
        const j = await readJournal(redis, env.JOURNAL_KEY);
        const behind = j.some((e) => e.phase === 'D' && e.ident.includes('排在后面的通知'));
        const stuck = j.some((e) => e.phase === 'D' && e.ident.includes(HANG));
        const reported = j.some((e) => e.phase === 'D' && e.room === 'wxid_admin' && e.ident.includes('【发送失败】'));
        return behind && (stuck || reported) ? j : undefined;
      },
      30_000,
    ).catch(async (err: Error) => {
      throw new Error(
        `${err.message}; job state ${await outbox.queue.getJobState(stuckId)}, dead letters ${(await outbox.deadLetters()).length}, journal ${JSON.stringify(await readJournal(redis, env.JOURNAL_KEY))}`,
      );
    });
    const delivered = journal.some((e) => e.phase === 'D' && e.ident.includes(HANG));
    const dead = await outbox.deadLetters();
    process.stdout.write(
      `[stalled-twice] after two crashes in flight: ${delivered ? 'delivered' : `dead-lettered (${dead[0]?.error}) and reported`}\n`,
    );
    if (!delivered) expect(dead.map((d) => d.key)).toContain('stalled:stuck');
  }, 90_000);
});
