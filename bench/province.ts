// Province scale: 10,000 branches, 300,000 members and 50,000 groups in Redis (memory per record), a broadcast
// to 50,000 groups (vs raw BullMQ addBulk of as many jobs in the same run), scheduling 100,000 meetings, the
// monthly digest of 10,000 branches, and 100,000 reminders due at the same minute handed to the outbox with
// 1, 2 and 4 meetings-worker processes. Sizes scale with PROVINCE_SCALE (1 = the figures above).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { systemClock } from '../ground/clock.js';
import { connectRedis, type Redis } from '../ground/redis/connect.js';
import { createBroadcastRuntime } from '../domains/broadcasts/runtime.js';
import { digestsFor } from '../domains/digest/job.js';
import { createMeeting } from '../domains/meetings/ops.js';
import { createMeetingQueue } from '../domains/meetings/queue.js';
import { EARLY_MS } from '../domains/meetings/schedule.js';
import { queuePrefix, outboxQueueName } from '../jobs/outbox/keys.js';
import { createDueBuckets } from '../store/due-buckets.js';
import { atMost, benchDeps, percentile, type BenchResult, type BenchSuite } from './types.js';

const SCALE = Number(process.env.PROVINCE_SCALE ?? 1);
const BRANCHES = Math.round(10_000 * SCALE);
const MEMBERS_PER_BRANCH = 30;
const GROUPS_PER_BRANCH = 5;
const MEETINGS = Math.round(100_000 * SCALE);
const REMINDERS = Math.round(100_000 * SCALE);
const WORKER_COUNTS = [1, 2, 4];
const PARALLEL = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const room = (b: number, g: number) => `prov-${b}-${g}@chatroom`;

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
}

async function inParallel(n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += PARALLEL) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL, n - i) }, (_, k) => fn(i + k)));
  }
}

function spawnWorker(redisUrl: string, prefix: string, botId: string): Promise<ChildProcess> {
  const here = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(here), `due-worker-child${path.extname(here)}`);
  const args = here.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, REDIS_URL: redisUrl, PREFIX: prefix, BOT_ID: botId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`due worker exited (${code})`)));
  });
}

const stop = (c: ChildProcess) =>
  new Promise<void>((r) => {
    if (c.exitCode !== null) return r();
    c.once('exit', () => r());
    c.kill('SIGTERM');
  });

export const provinceSuite: BenchSuite = {
  name: 'province',
  async run(ctx) {
    const results: BenchResult[] = [];
    const redis = connectRedis(ctx.redisUrl, { name: 'bench-province' });
    const prefix = 'prov:';
    const botId = 'bench-prov';
    const deps = benchDeps(ctx, prefix, botId, redis);
    const { stores } = deps;
    const queue = createMeetingQueue(redis, prefix, deps.logger);
    const ops = { stores, queue, buckets: createDueBuckets(redis, prefix), clock: systemClock };
    try {
      // Records: branches with their groups, then members.
      let mem = await usedMemory(redis);
      const branchIds: string[] = [];
      await inParallel(BRANCHES, async (b) => {
        const { branch } = await stores.branches.ensure(`第${b + 1}党支部`);
        branchIds[b] = branch.id;
        for (let g = 0; g < GROUPS_PER_BRANCH; g++) {
          await stores.branches.bindRoom(branch.id, room(b, g));
          await stores.rooms.note(room(b, g), `第${b + 1}党支部第${g + 1}党小组`);
        }
      });
      let after = await usedMemory(redis);
      const groups = BRANCHES * GROUPS_PER_BRANCH;
      results.push({
        name: `Redis memory per group (${groups.toLocaleString()} groups with their ${BRANCHES.toLocaleString()} branches)`,
        value: (after - mem) / groups,
        unit: 'bytes',
      });
      ctx.log(`${BRANCHES} branches, ${groups} groups`);
      mem = after;
      const members = BRANCHES * MEMBERS_PER_BRANCH;
      await inParallel(members, (i) =>
        stores.members.upsert({
          name: `党员${i + 1}`,
          branchId: branchIds[i % BRANCHES]!,
          role: i < BRANCHES ? 'secretary' : 'member',
          wechatId: `wx_prov_${i + 1}`,
        }),
      );
      after = await usedMemory(redis);
      results.push({
        name: `Redis memory per member (${members.toLocaleString()} members)`,
        value: (after - mem) / members,
        unit: 'bytes',
      });
      ctx.log(`${members} members`);

      // The monthly digest for every branch.
      let t0 = performance.now();
      const digests = await digestsFor(deps);
      results.push({
        name: `monthly digest for ${digests.length.toLocaleString()} branches`,
        value: (performance.now() - t0) / 1000,
        unit: 's',
        ...atMost((performance.now() - t0) / 1000, 60),
      });

      // A broadcast to every group, against raw addBulk of as many jobs.
      const raw = new Queue('raw-bulk', { connection: redis, prefix: queuePrefix(prefix, 'raw-bulk', redis) });
      t0 = performance.now();
      for (let i = 0; i < groups; i += 10_000)
        await raw.addBulk(
          Array.from({ length: Math.min(10_000, groups - i) }, (_, k) => ({
            name: 'send',
            data: { to: { roomId: room(i + k, 0) }, parts: ['x'], key: `raw:${i + k}` },
            opts: { jobId: `raw_${i + k}` },
          })),
        );
      const rawS = (performance.now() - t0) / 1000;
      await raw.obliterate({ force: true });
      await raw.close();
      const rt = createBroadcastRuntime(deps, { botId, watchMs: 1000 });
      rt.startWorker();
      await rt.deps.queue.waitUntilReady();
      const rooms = Array.from({ length: groups }, (_, i) => room(Math.floor(i / GROUPS_PER_BRANCH), i % 5));
      t0 = performance.now();
      await rt.service.create({
        kind: 'text',
        text: '关于开展主题党日活动的通知',
        targets: ['全部'],
        rooms,
        schedule: { type: 'once', at: Date.now() },
        createdBy: 'bench',
        createdAt: Date.now(),
      });
      while ((await deps.outbox.queue.getJobCounts('waiting')).waiting! < groups) await sleep(20);
      const fanS = (performance.now() - t0) / 1000;
      results.push({
        name: `broadcast to ${groups.toLocaleString()} groups, queued`,
        value: fanS,
        unit: 's',
        ...atMost(fanS, 5),
        baseline: { name: `raw addBulk ${groups.toLocaleString()}`, value: rawS, unit: 's', ratio: rawS / fanS },
      });
      await rt.close();
      await deps.outbox.queue.obliterate({ force: true });

      // Scheduling 100,000 meetings (a week ahead: none of them falls due during the run).
      const meetingInput = (i: number, startAt: number) => ({
        branchId: branchIds[i % BRANCHES]!,
        type: '党课' as const,
        title: `党课${i + 1}`,
        startAt,
        groupOffsets: [3_600_000],
        secretaryOffsets: [],
        closeAfter: 86_400_000,
        escalateBefore: 0,
        createdBy: 'bench',
      });
      mem = await usedMemory(redis);
      const weekAhead = Date.now() + 7 * 86_400_000;
      t0 = performance.now();
      await inParallel(MEETINGS, (i) => createMeeting(ops, meetingInput(i, weekAhead + (i % 1440) * 60_000)));
      const schedS = (performance.now() - t0) / 1000;
      results.push({
        name: `schedule ${MEETINGS.toLocaleString()} meetings`,
        value: schedS,
        unit: 's',
        ...atMost(schedS, 30),
      });
      results.push({
        name: 'Redis memory per meeting (record, indexes, due step and job)',
        value: ((await usedMemory(redis)) - mem) / MEETINGS,
        unit: 'bytes',
      });
      ctx.log(`${MEETINGS} meetings scheduled in ${schedS.toFixed(1)} s`);
      const msPerMeeting = (schedS * 1000) / MEETINGS;

      // REMINDERS reminders (one per group: meetings of branches with 5 groups each) due at the same instant,
      // staged into the outbox by 1, 2 and 4 worker processes.
      const meetings = Math.ceil(REMINDERS / GROUPS_PER_BRANCH);
      for (const workers of WORKER_COUNTS) {
        // Room to schedule them before the bucket's job starts (EARLY_MS ahead): steps added later would go to
        // small late buckets, which is not what is measured here.
        // The worker processes are up first (loading one takes seconds), as they are in production.
        const children = await Promise.all(
          Array.from({ length: workers }, () => spawnWorker(ctx.redisUrl, prefix, botId)),
        );
        const due = Math.round(Date.now() + EARLY_MS + 5_000 + meetings * msPerMeeting * 1.5);
        await inParallel(meetings, (i) => createMeeting(ops, meetingInput(i, due + 3_600_000)));
        if (Date.now() > due - EARLY_MS) ctx.log('scheduling ran past the early start');
        const outboxKey = `${queuePrefix(prefix, outboxQueueName(botId), redis)}:${outboxQueueName(botId)}`;
        // Wait for every reminder to be in the outbox (delayed until due, or waiting when staged late).
        for (;;) {
          const [delayed, waiting] = await Promise.all([
            redis.zcard(`${outboxKey}:delayed`),
            redis.llen(`${outboxKey}:wait`),
          ]);
          if (delayed + waiting >= REMINDERS || Date.now() > due + 120_000) break;
          await sleep(50);
        }
        // From the bucket's early start (EARLY_MS before due) to the last reminder staged.
        const stagingMs = Date.now() - (due - EARLY_MS);
        // Available at: the delayed score (ms × 4096 + counter), or the add time of a job queued after due.
        const scores = await redis.zrange(`${outboxKey}:delayed`, '0', '-1', 'WITHSCORES');
        const late: number[] = [];
        const isReminder = (id: string) => id.startsWith('m_meeting');
        for (let i = 1; i < scores.length; i += 2)
          if (isReminder(scores[i - 1]!)) late.push(Math.max(0, Math.floor(Number(scores[i]) / 4096) - due));
        const waitingIds = (await redis.lrange(`${outboxKey}:wait`, 0, -1)).filter(isReminder);
        const pipe = redis.pipeline();
        for (const id of waitingIds) pipe.hget(`${outboxKey}:${id}`, 'timestamp');
        for (const [, ts] of (await pipe.exec()) ?? []) late.push(Math.max(0, Number(ts) - due));
        late.sort((a, b) => a - b);
        const p99 = percentile(late, 99);
        results.push({
          name: `${REMINDERS.toLocaleString()} reminders due at once, hand-over to the outbox p99 after due, ${workers} worker process${workers > 1 ? 'es' : ''}`,
          value: p99,
          unit: 'ms',
          ...atMost(p99, 1000),
          note: `${late.length} handed over; max ${late.at(-1)} ms; all staged ${stagingMs} ms after the early start (${EARLY_MS} ms before due)`,
        });
        ctx.log(
          `${workers} workers: p99 ${p99} ms, ${late.length} reminders, staged ${stagingMs} ms after the early start`,
        );
        await Promise.all(children.map(stop));
        await deps.outbox.queue.obliterate({ force: true });
        // Drop this round's meetings so the next round starts from the same records.
        const ids = (await stores.meetings.list({ from: due + 3_600_000, to: due + 3_600_000 })).map((m) => m.id);
        await inParallel(ids.length, (i) => stores.meetings.remove(ids[i]!));
      }
    } finally {
      await queue.close();
      await deps.close();
      redis.disconnect();
    }
    return results;
  },
};
