// Raw BullMQ on the same Redis, measured in the same run, and zhibu's queue paths as ratios of it:
// - reminders: 10,000 reminders due at once queued in the outbox (the meetings suite's staging time, or its
//   p99 lateness when reminders are queued after due) vs one raw addBulk of 10,000 jobs;
// - broadcasts: one broadcast fanned out to 1,000 groups (from the broadcast suite) vs raw addBulk of 1,000 jobs;
// - delivery: the outbox worker unpaced with a no-op Sender (sent-marker check, send, marker and day counter)
//   vs a raw Worker at the same concurrency (1) and the same limiter (max 1 per 1 ms) with a no-op processor;
//   a raw Worker without a limiter is reported too (BullMQ's limiter alone costs most of the difference).
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { systemClock } from '../ground/clock.js';
import { silentLogger } from '../ground/logger.js';
import { connectRedis, type Redis } from '../ground/redis/connect.js';
import { createOutbox } from '../jobs/outbox/producer.js';
import { startOutboxWorker } from '../jobs/outbox/worker.js';
import type { BenchContext, BenchResult, BenchSuite } from './types.js';

const REMINDERS = 10_000;
const FANOUT = 1_000;
const DELIVER = 2_000;
/** What the outbox's BullMQ limiter becomes when the rate is effectively unlimited (60,000,000/min). */
const UNPACED_LIMITER = { max: 1, duration: 1 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (i: number) =>
  `【会议提醒】党课「学习党章」（编号 ${i}）将于1小时后开始。\n时间：2026年12月4日（周五）15:00\n地点：三楼会议室`;

async function rawAddBulk(ctx: BenchContext, redis: Redis, prefix: string, n: number): Promise<number> {
  const queue = new Queue(`raw-add-${n}`, { connection: redis, prefix });
  queue.on('error', () => undefined);
  const jobs = Array.from({ length: n }, (_, i) => ({
    name: 'send',
    data: { to: { roomId: `room-${i}@chatroom` }, parts: [text(i)], mentionIds: [], key: `raw:${i}` },
    opts: { jobId: `raw_${i}`, attempts: 5, backoff: { type: 'exponential', delay: 5000 } },
  }));
  const t0 = performance.now();
  await queue.addBulk(jobs);
  const rate = n / ((performance.now() - t0) / 1000);
  ctx.log(`raw addBulk of ${n} jobs: ${rate.toFixed(0)} jobs/s`);
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function rawProcess(
  ctx: BenchContext,
  redis: Redis,
  prefix: string,
  n: number,
  limiter?: { max: number; duration: number },
): Promise<number> {
  const name = limiter ? 'raw-process-limited' : 'raw-process';
  const queue = new Queue(name, { connection: redis, prefix });
  queue.on('error', () => undefined);
  await queue.addBulk(
    Array.from({ length: n }, (_, i) => ({ name: 'send', data: { i, parts: [text(i)] }, opts: { jobId: `raw_${i}` } })),
  );
  let done = 0;
  const connection = connectRedis(ctx.redisUrl, { forWorker: true, name: 'bench-raw-worker' });
  const t0 = performance.now();
  const worker = new Worker(name, async () => void done++, {
    connection,
    prefix,
    concurrency: 1,
    ...(limiter ? { limiter } : {}),
  });
  worker.on('error', () => undefined);
  const deadline = Date.now() + 60_000;
  while (done < n && Date.now() < deadline) await sleep(20);
  const rate = done / ((performance.now() - t0) / 1000);
  ctx.log(
    `raw Worker (concurrency 1${limiter ? `, limiter ${limiter.max}/${limiter.duration} ms` : ''}, no-op) processed ${done} jobs: ${rate.toFixed(0)} jobs/s`,
  );
  await worker.close();
  connection.disconnect();
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function outboxDelivery(ctx: BenchContext, redis: Redis, prefix: string, n: number): Promise<number> {
  const outbox = createOutbox({ redis, prefix, botId: 'bench-unpaced', logger: silentLogger });
  await outbox.enqueueMany(
    Array.from({ length: n }, (_, i) => ({ to: { roomId: `room-${i}@chatroom` }, text: text(i), key: `bench:${i}` })),
  );
  let sent = 0;
  const t0 = performance.now();
  const worker = startOutboxWorker({
    outbox,
    sender: { send: async () => void sent++ },
    redis,
    connect: (name, o) => connectRedis(ctx.redisUrl, { ...o, name }),
    prefix,
    botId: 'bench-unpaced',
    logger: silentLogger,
    clock: systemClock,
    timeZone: 'Asia/Shanghai',
    ratePerMinute: 60_000_000,
    dailyCap: 10_000_000,
    adminIds: [],
  });
  const deadline = Date.now() + 60_000;
  while (sent < n && Date.now() < deadline) await sleep(20);
  const rate = sent / ((performance.now() - t0) / 1000);
  ctx.log(`outbox worker, unpaced, no-op sender: ${sent} messages, ${rate.toFixed(0)} msgs/s`);
  await worker.close();
  await outbox.queue.obliterate({ force: true });
  await outbox.close();
  return rate;
}

function earlier(ctx: BenchContext, suite: string, prefix: string): BenchResult | undefined {
  return ctx.results.find((r) => r.suite === suite && r.name.startsWith(prefix));
}

const ratioTo = (value: number, base: { name: string; value: number; unit: string }) => ({
  baseline: { ...base, ratio: value / base.value },
});

export const queueBaselinesSuite: BenchSuite = {
  name: 'baselines',
  async run(ctx) {
    const redis = connectRedis(ctx.redisUrl, { name: 'bench-baselines' });
    const prefix = `bench-raw-${randomUUID().slice(0, 6)}`;
    try {
      const add10k = await rawAddBulk(ctx, redis, prefix, REMINDERS);
      const add1k = await rawAddBulk(ctx, redis, prefix, FANOUT);
      const processed = await rawProcess(ctx, redis, prefix, DELIVER);
      const limited = await rawProcess(ctx, redis, prefix, DELIVER, UNPACED_LIMITER);
      const delivered = await outboxDelivery(ctx, redis, `${prefix}:`, DELIVER);
      const rawAdd10k = { name: `raw BullMQ addBulk ${REMINDERS}`, value: add10k, unit: 'jobs/s' };
      const rawAdd1k = { name: `raw BullMQ addBulk ${FANOUT}`, value: add1k, unit: 'jobs/s' };
      const rawProc = { name: 'raw BullMQ Worker, concurrency 1, no-op', value: processed, unit: 'jobs/s' };
      const rawLimited = {
        name: 'raw BullMQ Worker, concurrency 1, limiter 1/1 ms, no-op',
        value: limited,
        unit: 'jobs/s',
      };
      const out: BenchResult[] = [
        { ...rawAdd10k, note: 'baseline' },
        { ...rawAdd1k, note: 'baseline' },
        { ...rawProc, note: 'baseline' },
        { ...rawLimited, note: 'baseline' },
        {
          name: `outbox delivery, unpaced, no-op sender (${DELIVER})`,
          value: delivered,
          unit: 'msgs/s',
          ...ratioTo(delivered, rawLimited),
          note: `x${(delivered / processed).toFixed(3)} of the raw Worker without a limiter`,
        },
      ];
      // Reminders are staged in the outbox ahead of due with one addBulk (meetings suite); older runs queued
      // them after due, where the p99 lateness is the time to queue 99% of them.
      const staged = earlier(ctx, 'meetings', 'reminders staged in the outbox');
      const p99 = earlier(ctx, 'meetings', 'reminder lateness p99');
      const reminderRate =
        staged && staged.value > 0
          ? {
              rate: REMINDERS / (staged.value / 1000),
              note: `${REMINDERS} reminders staged in ${staged.value} ms (one addBulk, ahead of due)`,
            }
          : p99 && p99.value > 0
            ? {
                rate: (0.99 * REMINDERS) / (p99.value / 1000),
                note: `99% of ${REMINDERS} queued after due within p99 ${p99.value} ms`,
              }
            : undefined;
      if (reminderRate) {
        out.push({
          name: `reminders queued per second (${REMINDERS} due at once)`,
          value: reminderRate.rate,
          unit: 'msgs/s',
          ...ratioTo(reminderRate.rate, rawAdd10k),
          note: reminderRate.note,
        });
      } else ctx.log('no meetings result in this run: reminder ratio skipped');
      const fan = earlier(ctx, 'broadcast', 'fan-out of one broadcast');
      if (fan && fan.value > 0) {
        const rate = FANOUT / fan.value;
        out.push({
          name: `broadcast fan-out messages queued per second (${FANOUT} groups)`,
          value: rate,
          unit: 'msgs/s',
          ...ratioTo(rate, rawAdd1k),
          note: `${FANOUT} / ${fan.value.toFixed(3)} s, confirmation to all queued`,
        });
      } else ctx.log('no broadcast result in this run: broadcast ratio skipped');
      return out;
    } finally {
      redis.disconnect();
    }
  },
};
