// Meetings at scale: scheduling 10,000 meetings with 2 reminders each (record + deterministic delayed jobs),
// and the lateness of 10,000 reminders due at the same moment until each is available to the outbox worker
// (before outbox pacing, which deliberately spreads sending). Reminders are pre-staged: queued ahead as
// delayed outbox jobs, so a reminder is available at max(when its enqueue resolved, when its delay ends),
// both read per job; an unpaced probe worker checks that BullMQ hands them out at the due instant, not before.
import { Worker } from 'bullmq';
import { silentLogger } from '../ground/logger.js';
import { connectRedis } from '../ground/redis/connect.js';
import type { MeetingDeps } from '../domains/meetings/deps.js';
import { createMeeting } from '../domains/meetings/ops.js';
import { createMeetingQueue } from '../domains/meetings/queue.js';
import { createDueBuckets } from '../store/due-buckets.js';
import { startMeetingWorker } from '../domains/meetings/worker.js';
import { queuePrefix } from '../jobs/outbox/keys.js';
import type { OutboxMessage } from '../jobs/outbox/types.js';
import { atMost, percentile, type BenchContext, type BenchResult, type BenchSuite, benchDeps } from './types.js';

const N = 10_000;
const IN_FLIGHT = 200;

async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function world(ctx: BenchContext, name: string) {
  const prefix = `bench-${name}:`;
  const redis = connectRedis(ctx.redisUrl, { name: `bench-${name}` });
  const base = benchDeps(ctx, prefix, 'bench_bot', redis);
  const { stores, outbox } = base;
  const queue = createMeetingQueue(redis, prefix, silentLogger);
  const deps: MeetingDeps = { ...base, queue, buckets: createDueBuckets(redis, prefix), ackWindowMs: 10_000 };
  const branchIds: string[] = [];
  for (let b = 0; b < 20; b++) {
    const { branch } = await stores.branches.ensure(`第${b + 1}党支部`);
    await stores.branches.bindRoom(branch.id, `bench-room-${b}@chatroom`);
    branchIds.push(branch.id);
  }
  const input = (i: number, startAt: number, groupOffsets: number[]) => ({
    branchId: branchIds[i % branchIds.length]!,
    type: '党课' as const,
    title: '党课',
    startAt,
    groupOffsets,
    secretaryOffsets: [],
    closeAfter: 30 * 60_000,
    escalateBefore: 0,
    createdBy: 'bench',
  });
  return {
    prefix,
    redis,
    deps,
    outbox,
    queue,
    input,
    async close() {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await outbox.queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await outbox.close();
      redis.disconnect();
    },
  };
}

async function schedulingSuite(ctx: BenchContext): Promise<BenchResult> {
  const w = await world(ctx, 'schedule');
  const start = Date.now() + 7 * 86_400_000;
  const t0 = performance.now();
  await pool(
    Array.from({ length: N }, (_, i) => i),
    IN_FLIGHT,
    (i) => createMeeting(w.deps, w.input(i, start + i * 60_000, [86_400_000, 3_600_000])),
  );
  const seconds = (performance.now() - t0) / 1000;
  const delayed = await w.queue.getDelayedCount();
  ctx.log(
    `${N} meetings (2 reminders + close each), ${delayed} delayed due-bucket jobs (first steps; later steps chained) in ${seconds.toFixed(2)} s`,
  );
  await w.close();
  return {
    name: 'schedule 10k meetings × 2 reminders',
    value: seconds,
    unit: 's',
    ...atMost(seconds, 5),
    note: `${delayed} due-bucket jobs`,
  };
}

async function latenessSuite(ctx: BenchContext): Promise<BenchResult[]> {
  const w = await world(ctx, 'lateness');
  const lead = 20_000;
  const startAt = Date.now() + lead + 60_000;
  const due = startAt - 60_000;
  await pool(
    Array.from({ length: N }, (_, i) => i),
    IN_FLIGHT,
    (i) => createMeeting(w.deps, { ...w.input(i, startAt, [60_000]), closeAfter: 24 * 3_600_000 }),
  );
  ctx.log(`scheduled ${N} reminders due at the same moment (${((due - Date.now()) / 1000).toFixed(1)} s from now)`);
  // The real outbox, timed: a message is staged when enqueueMany has resolved (durably queued in Redis).
  const stagedAt = new Map<string, number>();
  const handedAt: number[] = [];
  let firstHanded = Infinity;
  const timed = {
    ...w.deps.outbox,
    enqueueMany: async (ms: OutboxMessage[]) => {
      const h = Date.now();
      firstHanded = Math.min(firstHanded, h);
      for (let i = 0; i < ms.length; i++) handedAt.push(h - due);
      await w.outbox.enqueueMany(ms);
      const t = Date.now();
      for (const m of ms) stagedAt.set(m.key, t);
    },
  };
  const workers = [startMeetingWorker({ ...w.deps, outbox: timed })];
  await Promise.all(workers.map((x) => x.worker.waitUntilReady()));
  const deadline = due + 60_000;
  while (Date.now() < deadline && stagedAt.size < N) await new Promise((r) => setTimeout(r, 20));
  const lastStaged = Math.max(...stagedAt.values());
  // Each job as stored: available when its delay ends (timestamp + delay), but never before it was staged.
  const jobs = await w.outbox.queue.getJobs(['delayed', 'waiting', 'prioritized'], 0, N);
  const lateness = jobs
    .map((j) => Math.max(stagedAt.get(j.data.key) ?? Infinity, j.timestamp + (j.opts.delay ?? 0)) - due)
    .sort((a, b) => a - b);
  const delayedCount = await w.outbox.queue.getDelayedCount();
  // Probe: an unpaced no-op worker on the outbox queue records when BullMQ first hands out a reminder.
  const probeStartedBeforeDue = Date.now() < due - 50;
  const taken: number[] = [];
  const connection = connectRedis(ctx.redisUrl, { forWorker: true, name: 'bench-probe' });
  const probe = new Worker(w.outbox.queueName, async () => void taken.push(Date.now() - due), {
    connection,
    prefix: queuePrefix(w.prefix, w.outbox.queueName, connection),
    concurrency: 50,
  });
  probe.on('error', () => undefined);
  const probeDeadline = Math.max(Date.now(), due) + 30_000;
  while (Date.now() < probeDeadline && taken.length < jobs.length) await new Promise((r) => setTimeout(r, 50));
  await probe.close();
  connection.disconnect();
  for (const x of workers) await x.close();
  await w.close();
  taken.sort((a, b) => a - b);
  const handed = percentile(
    handedAt.sort((a, b) => a - b),
    99,
  );
  const p50 = percentile(lateness, 50);
  const p99 = percentile(lateness, 99);
  const staging = lastStaged - firstHanded;
  ctx.log(
    `${jobs.length} reminders in the outbox (${delayedCount} still delayed when read); handed to the outbox ${firstHanded - due} ms after due (negative: ahead), all staged ${lastStaged - due} ms after due, staging took ${staging} ms`,
  );
  ctx.log(`available to the outbox worker: lateness p50 ${p50} ms, p99 ${p99} ms, max ${lateness.at(-1)} ms`);
  ctx.log(
    `probe (unpaced no-op worker${probeStartedBeforeDue ? ', started before due' : ', started AFTER due: first pick-up not meaningful'}): took ${taken.length}, first ${taken[0]} ms after due, p50 ${percentile(taken, 50)} ms, last ${taken.at(-1)} ms`,
  );
  return [
    {
      name: 'reminder lateness p99 (10k due at once)',
      value: p99,
      unit: 'ms',
      ...atMost(p99, 500),
      note: `${jobs.length}/${N} in the outbox queue; available = max(staged, delay end)`,
    },
    { name: 'reminder lateness p50 (10k due at once)', value: p50, unit: 'ms' },
    {
      name: 'reminder handed to outbox p99 (10k at once)',
      value: handed,
      unit: 'ms',
      note: 'negative: pre-staged ahead of due (wake-up and texts)',
    },
    {
      name: 'reminders staged in the outbox (10k, one addBulk)',
      value: staging,
      unit: 'ms',
      note: `all staged ${lastStaged - due} ms after due (negative: ahead)`,
    },
    {
      name: 'first pre-staged reminder taken by an unpaced worker',
      value: taken[0] ?? -1,
      unit: 'ms after due',
      note: probeStartedBeforeDue
        ? `${taken.length} taken; none before due: ${(taken[0] ?? -1) >= 0}`
        : 'probe started after due',
    },
    // Informative: includes BullMQ's promotion of 10,000 delayed jobs and one no-op worker's throughput.
    {
      name: 'reminders taken by an unpaced worker p99 (10k)',
      value: percentile(
        [...taken].sort((a, b) => a - b),
        99,
      ),
      unit: 'ms after due',
      note: `p50 ${percentile(
        [...taken].sort((a, b) => a - b),
        50,
      )} ms; concurrency 50, no limiter`,
    },
  ];
}

export const meetingsSuite: BenchSuite = {
  name: 'meetings',
  async run(ctx) {
    return [await schedulingSuite(ctx), ...(await latenessSuite(ctx))];
  },
};
