// Pre-staged outbox messages: notBefore (a delayed job that becomes available at that instant), onlyIf
// (checked by the worker right before sending) and withdraw (only a job not yet started).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { silentLogger } from '../../../ground/logger.js';
import type { Redis } from '../../../ground/redis/connect.js';
import { createOutbox, type OutboxHandle } from '../../../jobs/outbox/producer.js';
import { jobIdFor } from '../../../jobs/outbox/keys.js';
import { startOutboxWorker, type OutboxWorker } from '../../../jobs/outbox/worker.js';
import type { Sender } from '../../../jobs/outbox/types.js';
import { connectTestRedis, deletePrefix, randomPrefix, testConnect } from '../../helpers/redis.js';

let redis: Redis;
const prefix = randomPrefix();
let running: Array<{ outbox: OutboxHandle; worker: OutboxWorker }> = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  redis = connectTestRedis();
});
afterEach(async () => {
  for (const r of running) {
    await r.worker.close();
    await r.outbox.close();
  }
  running = [];
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function start(botId: string) {
  const sent: Array<{ text: string; at: number }> = [];
  const sender: Sender = {
    async send(_to, text) {
      sent.push({ text, at: Date.now() });
    },
  };
  const outbox = createOutbox({ redis, prefix, botId, logger: silentLogger, attempts: 3, backoffMs: 30 });
  const worker = startOutboxWorker({
    outbox,
    sender,
    redis,
    connect: testConnect,
    prefix,
    botId,
    logger: silentLogger,
    clock: systemClock,
    timeZone: 'Asia/Shanghai',
    ratePerMinute: 60_000,
    dailyCap: 1000,
    adminIds: [],
    rateLimitBackoffMs: 100,
  });
  running.push({ outbox, worker });
  return { outbox, sent };
}

describe('outbox: pre-staged messages', () => {
  it('a message with notBefore is queued as a delayed job and sent at that instant, not before; adding it again is a no-op', async () => {
    const { outbox, sent } = start('staged');
    const at = Date.now() + 800;
    await outbox.enqueueMany([{ to: { roomId: 'r@chatroom' }, text: '到点再发', key: 'staged:1', notBefore: at }]);
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '到点再发', key: 'staged:1', notBefore: at });
    const job = await outbox.queue.getJob(jobIdFor('staged:1'));
    expect(await job!.getState()).toBe('delayed');
    expect(job!.timestamp + job!.delay).toBe(at);
    await sleep(500);
    expect(sent.filter((s) => s.at < at)).toHaveLength(0);
    await expect.poll(() => sent.length, { timeout: 15_000, interval: 10 }).toBe(1);
    expect(sent[0]!.at).toBeGreaterThanOrEqual(at);
    await sleep(200);
    expect(sent).toHaveLength(1);
  });

  it('onlyIf: the worker sends only while the JSON record still has the expected fields', async () => {
    const { outbox, sent } = start('onlyif');
    const key = `${prefix}record:1`;
    await redis.set(key, JSON.stringify({ status: 'scheduled', startAt: 5 }));
    const onlyIf = { key, fields: { status: 'scheduled', startAt: 5 } };
    const at = Date.now() + 600;
    await outbox.enqueueMany([
      { to: { contactId: 'u1' }, text: '应当发出', key: 'onlyif:1', onlyIf },
      { to: { contactId: 'u1' }, text: '记录已变', key: 'onlyif:2', onlyIf, notBefore: at },
      {
        to: { contactId: 'u1' },
        text: '记录不存在',
        key: 'onlyif:3',
        onlyIf: { key: `${prefix}record:missing`, fields: { status: 'scheduled' } },
      },
    ]);
    await expect.poll(() => sent.length, { timeout: 5000 }).toBe(1);
    await redis.set(key, JSON.stringify({ status: 'cancelled', startAt: 5 }));
    await sleep(900);
    expect(await outbox.whenIdle(5000, 20)).toBe(true);
    expect(sent.map((s) => s.text)).toEqual(['应当发出']);
    expect((await outbox.queue.getJob(jobIdFor('onlyif:2')))!.returnvalue).toEqual({ sent: 0, dropped: true });
  });

  it('withdraw removes a delayed message, and refuses a finished one (its key stays deduplicated)', async () => {
    const { outbox, sent } = start('withdraw');
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '已发', key: 'wd:done' });
    await expect.poll(() => sent.length, { timeout: 5000 }).toBe(1);
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '撤回', key: 'wd:staged', notBefore: Date.now() + 500 });
    expect(await outbox.withdraw('wd:staged')).toBe(true);
    expect(await outbox.withdraw('wd:staged')).toBe(false);
    expect(await outbox.withdraw('wd:done')).toBe(false);
    expect(await outbox.withdraw('wd:never')).toBe(false);
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '已发', key: 'wd:done' });
    await sleep(800);
    expect(await outbox.whenIdle(5000, 20)).toBe(true);
    expect(sent.map((s) => s.text)).toEqual(['已发']);
  });
});
