// Broadcast benchmarks: the fan-out of one broadcast to 1,000 groups into the outbox (wall time from
// confirmation to all 1,000 messages queued), and the outbox's measured send rate against its configured
// rate while delivering a broadcast to 200 groups on the mock puppet (duplicates counted).
import { randomUUID } from 'node:crypto';
import { systemClock } from '../ground/clock.js';
import { silentLogger } from '../ground/logger.js';
import { connectRedis, deletePrefix, type Redis } from '../ground/redis/connect.js';
import { createWechatySender } from '../bot/channels/wechaty/sender.js';
import { startMockWorld } from '../bot/channels/wechaty/mock-world.js';
import { createBroadcastRuntime } from '../domains/broadcasts/runtime.js';
import { startOutboxWorker } from '../jobs/outbox/worker.js';
import { atMost, type BenchResult, type BenchSuite, benchDeps } from './types.js';

const FANOUT_ROOMS = 1000;
const RATE_ROOMS = 200;
const RATE_PER_MIN = 600;
const room = (i: number) => `bench-room-${i}@chatroom`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runtime(redis: Redis, redisUrl: string, prefix: string, botId: string) {
  const deps = benchDeps({ redisUrl }, prefix, botId, redis);
  const rt = createBroadcastRuntime(deps, { botId, watchMs: 1000 });
  rt.startWorker();
  return { outbox: deps.outbox, rt, deps };
}

const once = (rooms: number, text: string) => ({
  kind: 'text' as const,
  text,
  targets: ['全部'],
  rooms: Array.from({ length: rooms }, (_, i) => room(i + 1)),
  schedule: { type: 'once' as const, at: Date.now() },
  createdBy: 'bench',
  createdAt: Date.now(),
});

async function fanoutMs(redis: Redis, redisUrl: string, prefix: string): Promise<number> {
  const { outbox, rt } = runtime(redis, redisUrl, prefix, 'bench-fanout');
  try {
    await rt.deps.queue.waitUntilReady();
    const t0 = performance.now();
    await rt.service.create(once(FANOUT_ROOMS, '关于开展主题党日活动的通知'));
    while ((await outbox.queue.getJobCounts('waiting', 'prioritized')).waiting! < FANOUT_ROOMS) await sleep(2);
    return performance.now() - t0;
  } finally {
    await rt.close();
    await outbox.queue.obliterate({ force: true });
    await outbox.close();
  }
}

async function measuredRate(redis: Redis, redisUrl: string, prefix: string, log: (l: string) => void) {
  const world = await startMockWorld({
    bot: { id: 'bench-bot', name: '支部助手' },
    contacts: [{ id: 'bench-admin', name: '管理员' }],
    rooms: Array.from({ length: RATE_ROOMS }, (_, i) => ({
      id: room(i + 1),
      topic: `第${i + 1}党小组`,
      memberIds: ['bench-admin'],
    })),
  });
  const { outbox, rt, deps } = runtime(redis, redisUrl, prefix, world.botId);
  const worker = startOutboxWorker({
    outbox,
    sender: createWechatySender(world.bot),
    redis,
    connect: deps.connect,
    prefix,
    botId: world.botId,
    logger: silentLogger,
    clock: systemClock,
    timeZone: 'Asia/Shanghai',
    ratePerMinute: RATE_PER_MIN,
    dailyCap: 100_000,
    adminIds: [],
  });
  const at: number[] = [];
  const rooms = new Map<string, number>();
  world.onBotSay((s) => {
    if (!s.roomId) return;
    at.push(s.at);
    rooms.set(s.roomId, (rooms.get(s.roomId) ?? 0) + 1);
  });
  try {
    await rt.service.create(once(RATE_ROOMS, '每日一学：请各支部组织学习党章第一章'));
    const deadline = Date.now() + 45_000;
    while (rooms.size < RATE_ROOMS && Date.now() < deadline) {
      await sleep(250);
      if (Date.now() % 5000 < 250) log(`${at.length}/${RATE_ROOMS} sent`);
    }
    await sleep(1000);
    const seconds = (at[at.length - 1]! - at[0]!) / 1000;
    return { perMinute: ((at.length - 1) / seconds) * 60, delivered: rooms.size, duplicates: at.length - rooms.size };
  } finally {
    await worker.close();
    await rt.close();
    await outbox.close();
    await world.stop();
  }
}

export const broadcastSuite: BenchSuite = {
  name: 'broadcast',
  async run(ctx) {
    const redis = connectRedis(ctx.redisUrl, { name: 'bench-broadcast' });
    const prefix = `bench-bc-${randomUUID().slice(0, 6)}:`;
    try {
      const ms = await fanoutMs(redis, ctx.redisUrl, prefix);
      ctx.log(`fan-out to ${FANOUT_ROOMS} groups queued in ${ms.toFixed(0)} ms`);
      const r = await measuredRate(redis, ctx.redisUrl, prefix, ctx.log);
      const deviation = Math.abs(r.perMinute - RATE_PER_MIN) / RATE_PER_MIN;
      const results: BenchResult[] = [
        {
          name: `fan-out of one broadcast to ${FANOUT_ROOMS} groups, queued`,
          value: ms / 1000,
          unit: 's',
          ...atMost(ms / 1000, 1),
        },
        {
          name: `outbox measured rate (configured ${RATE_PER_MIN}/min, ${RATE_ROOMS} groups)`,
          value: r.perMinute,
          unit: 'msg/min',
          target: `${RATE_PER_MIN} ±5%`,
          pass: deviation <= 0.05,
          note: `deviation ${(deviation * 100).toFixed(2)} %`,
        },
        {
          name: 'broadcast groups delivered',
          value: r.delivered,
          unit: 'groups',
          target: `= ${RATE_ROOMS}`,
          pass: r.delivered === RATE_ROOMS,
        },
        { name: 'broadcast duplicates', value: r.duplicates, unit: 'msgs', ...atMost(r.duplicates, 0) },
      ];
      return results;
    } finally {
      await deletePrefix(redis, prefix);
      redis.disconnect();
    }
  },
};
