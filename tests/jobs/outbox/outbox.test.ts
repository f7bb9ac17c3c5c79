// The outbox against a real Redis and real BullMQ: pace, no repeats, order of parts, retries, dead letters.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../ground/clock.js';
import { silentLogger } from '../../../ground/logger.js';
import type { Redis } from '../../../ground/redis/connect.js';
import { createOutbox, type OutboxHandle } from '../../../jobs/outbox/producer.js';
import { startOutboxWorker, type OutboxWorker } from '../../../jobs/outbox/worker.js';
import { RateLimitedError, type OutboxTarget, type Sender } from '../../../jobs/outbox/types.js';
import { connectTestRedis, deletePrefix, randomPrefix, testConnect } from '../../helpers/redis.js';

interface Sent {
  to: OutboxTarget;
  text: string;
  mentionIds: string[];
  at: number;
}

let redis: Redis;
const prefix = randomPrefix();
let running: Array<{ outbox: OutboxHandle; worker?: OutboxWorker }> = [];

beforeAll(() => {
  redis = connectTestRedis();
});
afterEach(async () => {
  for (const r of running) {
    await r.worker?.close();
    await r.outbox.close();
  }
  running = [];
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

function recordingSender(
  fail?: (text: string, n: number, to: OutboxTarget) => Error | undefined,
): Sender & { sent: Sent[]; calls: number } {
  const s = {
    sent: [] as Sent[],
    calls: 0,
    async send(to: OutboxTarget, text: string, mentionIds: string[]) {
      s.calls++;
      const err = fail?.(text, s.calls, to);
      if (err) throw err;
      s.sent.push({ to, text, mentionIds, at: Date.now() });
    },
  };
  return s;
}

function start(
  botId: string,
  sender: Sender,
  opt: { rate?: number; cap?: number; attempts?: number; adminIds?: string[]; sendTimeoutMs?: number } = {},
) {
  const outbox = createOutbox({
    redis,
    prefix,
    botId,
    logger: silentLogger,
    attempts: opt.attempts ?? 3,
    backoffMs: 30,
  });
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
    ratePerMinute: opt.rate ?? 6000,
    dailyCap: opt.cap ?? 1000,
    adminIds: opt.adminIds ?? [],
    rateLimitBackoffMs: 100,
    sendTimeoutMs: opt.sendTimeoutMs,
  });
  running.push({ outbox, worker });
  return { outbox, worker };
}

describe('outbox', () => {
  it('keeps its pace: N messages at rate R take at least (N-1)·60/R seconds, none repeated', async () => {
    const sender = recordingSender();
    const { outbox } = start('pace', sender, { rate: 600 }); // one message per 100 ms
    const n = 6;
    const t0 = Date.now();
    await outbox.enqueueMany(
      Array.from({ length: n }, (_, i) => ({ to: { roomId: 'r@chatroom' }, text: `消息${i}`, key: `pace:${i}` })),
    );
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '消息0', key: 'pace:0' }); // same key: a no-op
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.sent.map((s) => s.text)).toEqual(Array.from({ length: n }, (_, i) => `消息${i}`));
    // The limiter spaces the jobs' starts (Redis time); each send is stamped after a few Redis round trips of its own,
    // whose time varies by a few ms on a busy machine (a gap of 98 ms was seen in CI): the same 5 ms as the total's.
    const gaps = sender.sent.slice(1).map((s, i) => s.at - sender.sent[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(95);
    expect(sender.sent.at(-1)!.at - sender.sent[0]!.at).toBeGreaterThanOrEqual((n - 1) * 100 - 5);
    expect(Date.now() - t0).toBeGreaterThanOrEqual((n - 1) * 100 - 15);
  });

  it('gives up a send that never returns: dead-lettered once, admins told, the next message still goes out', async () => {
    const sender = recordingSender();
    const hung = {
      ...sender,
      calls: 0,
      async send(to: OutboxTarget, text: string, mentionIds: string[]) {
        hung.calls++;
        if (text === '卡住') return new Promise<void>(() => undefined); // the puppet never answers
        return sender.send(to, text, mentionIds);
      },
    };
    const { outbox } = start('hung', hung, { sendTimeoutMs: 300, adminIds: ['admin1'] });
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '卡住', key: 'hung:1' });
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '下一条', key: 'hung:2' });
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(hung.calls).toBe(3); // the hung message once (no retry), the next one, the admin notice
    expect(sender.sent.map((s) => s.text)).toEqual(['下一条', expect.stringContaining('发送超时，可能未送达')]);
    expect(sender.sent[1]!.to).toEqual({ contactId: 'admin1' });
    const dead = await outbox.deadLetters();
    expect(dead.map((d) => d.key)).toEqual(['hung:1']);
  });

  it('skips empty texts and rejects a message without a target', async () => {
    const sender = recordingSender();
    const { outbox } = start('empty', sender);
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '  ', key: 'empty:1' });
    await expect(outbox.enqueue({ to: {}, text: '你好', key: 'empty:2' })).rejects.toThrow(
      /neither roomId nor contactId/,
    );
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '你好', key: 'empty:3' });
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.sent.map((s) => s.text)).toEqual(['你好']);
  });

  it('splits a long text into ordered parts under the limit and @-mentions only on the first', async () => {
    const sender = recordingSender();
    const { outbox } = start('split', sender);
    const sentence = '这是一句用来测试分段发送的话，长度适中。';
    const text = Array.from({ length: 200 }, (_, i) => `${i}${sentence}`).join('');
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text, mentionIds: ['u1'], key: 'long:1' });
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.sent.length).toBeGreaterThan(2);
    expect(sender.sent.every((s) => s.text.length <= 1500 && /。$/.test(s.text))).toBe(true);
    expect(sender.sent.map((s) => s.text).join('')).toBe(text);
    expect(sender.sent[0]!.mentionIds).toEqual(['u1']);
    expect(sender.sent.slice(1).every((s) => s.mentionIds.length === 0)).toBe(true);
  });

  it('retries a failed part without resending the parts already sent', async () => {
    let failed = false;
    const sender = recordingSender((text) => {
      if (text.startsWith('第二') && !failed) {
        failed = true;
        return new Error('network down');
      }
      return undefined;
    });
    const { outbox } = start('retry', sender);
    const text = `第一段${'甲'.repeat(1400)}。第二段${'乙'.repeat(1400)}。`;
    await outbox.enqueue({ to: { contactId: 'u1' }, text, key: 'retry:1' });
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.sent.map((s) => s.text.slice(0, 3))).toEqual(['第一段', '第二段']);
    expect(sender.calls).toBe(3);
  });

  it('dead-letters a message whose sender keeps throwing and tells each admin privately', async () => {
    const sender = recordingSender((_t, _n, to) => (to.roomId ? new Error('puppet exploded') : undefined));
    const { outbox } = start('dead', sender, { attempts: 3, adminIds: ['admin1', 'admin2'] });
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '坏消息', key: 'dead:1' });
    await expect.poll(() => sender.sent.length, { timeout: 10_000 }).toBe(2);
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.calls).toBe(3 + 2);
    const dead = await outbox.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.error).toBe('puppet exploded');
    expect(sender.sent.map((s) => s.to.contactId).sort()).toEqual(['admin1', 'admin2']);
    expect(sender.sent[0]!.text).toContain('【发送失败】');
  });

  it('a failing admin notice is dead-lettered without notifying again (no recursion)', async () => {
    const sender = recordingSender(() => new Error('all sends fail'));
    const { outbox } = start('recursion', sender, { attempts: 2, adminIds: ['admin1'] });
    await outbox.enqueue({ to: { roomId: 'r@chatroom' }, text: '任何消息', key: 'rec:1' });
    await expect.poll(async () => (await outbox.deadLetters()).length, { timeout: 10_000 }).toBe(2);
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.calls).toBe(4);
    expect((await outbox.deadLetters()).map((d) => d.tag)).toEqual(['deadletter', undefined]);
  });

  it('backs off when the platform reports 操作过于频繁 and then delivers without losing the message', async () => {
    const sender = recordingSender((_t, n) => (n <= 2 ? new RateLimitedError('操作过于频繁') : undefined));
    const { outbox } = start('ratelimited', sender, { attempts: 1 });
    const t0 = Date.now();
    await outbox.enqueue({ to: { contactId: 'u1' }, text: '你好', key: 'rl:1' });
    expect(await outbox.whenIdle(10_000, 20)).toBe(true);
    expect(sender.sent.map((s) => s.text)).toEqual(['你好']);
    expect(sender.calls).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(100 + 200 - 20); // 100 ms, then 200 ms
    expect(await outbox.deadLetters()).toHaveLength(0);
  });

  it('over the daily cap a message is delayed to the next day, not dropped', async () => {
    const sender = recordingSender();
    const { outbox } = start('cap', sender, { cap: 2 });
    await outbox.enqueueMany([1, 2, 3].map((i) => ({ to: { contactId: 'u1' }, text: `m${i}`, key: `cap:${i}` })));
    await expect.poll(async () => (await outbox.queue.getJobCounts('delayed')).delayed, { timeout: 10_000 }).toBe(1);
    expect(sender.sent.map((s) => s.text)).toEqual(['m1', 'm2']);
    const [delayed] = await outbox.queue.getDelayed();
    expect(delayed!.timestamp + delayed!.delay).toBeGreaterThan(Date.now());
    await delayed!.remove();
  });
});
