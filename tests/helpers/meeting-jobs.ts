// Meeting jobs against real Redis and BullMQ without the chat: stores, the real outbox with its worker
// delivering to a recording Sender (the platform boundary), the meetings queue, and workers on demand.
import { systemClock, type Clock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import type { OutboxHandle } from '../../jobs/outbox/producer.js';
import { startOutboxWorker, type OutboxWorker } from '../../jobs/outbox/worker.js';
import type { OutboxTarget, Sender } from '../../jobs/outbox/types.js';
import type { MeetingDeps } from '../../domains/meetings/deps.js';
import { startHeartbeat } from '../../domains/attendance/collection.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { startMeetingWorker, type MeetingWorker } from '../../domains/meetings/worker.js';
import { meetingRenderers } from '../../domains/meetings/remind.js';
import type { Stores } from '../../store/index.js';
import { testDeps } from './deps.js';
import type { Branch, Meeting } from '../../store/types.js';
import { connectTestRedis, deletePrefix, randomPrefix } from './redis.js';

export interface Sent {
  to: OutboxTarget;
  text: string;
  mentionIds: string[];
  at: number;
}

export interface JobsWorld {
  redis: Redis;
  prefix: string;
  botId: string;
  stores: Stores;
  outbox: OutboxHandle;
  deps: MeetingDeps;
  sent: Sent[];
  branch: Branch;
  startWorker(): MeetingWorker;
  waitFor(match: (s: Sent) => boolean, timeoutMs?: number): Promise<Sent>;
  meetingInput(startAt: number, over?: Partial<Meeting>): Omit<Meeting, 'id' | 'status' | 'createdAt'>;
  close(): Promise<void>;
}

export const ROOM = 'room-a@chatroom';

/** `edge: false` runs without the chat edge's heartbeat: as if the bot were down, so windows are 未收集. */
export async function startJobsWorld(
  opts: {
    clock?: Clock;
    ackWindowMs?: number;
    edge?: boolean;
    /** Runs inside the platform send, before it is recorded (a test can hold a send in flight). */
    duringSend?(to: OutboxTarget, text: string): Promise<void>;
  } = {},
): Promise<JobsWorld> {
  const redis = connectTestRedis();
  const prefix = randomPrefix();
  const botId = 'wxid_bot';
  const base = testDeps({
    redis,
    prefix,
    botId,
    clock: opts.clock,
    env: { ADMIN_IDS: 'wxid_admin' },
    outbox: { attempts: 3, backoffMs: 50 },
  });
  const { stores, outbox } = base;
  const sent: Sent[] = [];
  const sender: Sender = {
    async send(to, text, mentionIds) {
      await opts.duringSend?.(to, text);
      sent.push({ to, text, mentionIds, at: Date.now() });
    },
  };
  const queue = createMeetingQueue(redis, prefix, silentLogger);
  const deps: MeetingDeps = {
    ...base,
    queue,
    buckets: createDueBuckets(redis, prefix),
    ackWindowMs: opts.ackWindowMs ?? 1000,
  };
  const outboxWorker: OutboxWorker = startOutboxWorker({
    outbox,
    sender,
    redis,
    connect: base.connect,
    prefix,
    botId,
    logger: silentLogger,
    clock: systemClock,
    timeZone: 'Asia/Shanghai',
    ratePerMinute: 60_000,
    dailyCap: 100_000,
    adminIds: [],
    rateLimitBackoffMs: 100,
    renderers: meetingRenderers(deps), // as the edge registers the meetings feature's
  });
  const { branch } = await stores.branches.ensure('第一党支部');
  await stores.branches.bindRoom(branch.id, ROOM);
  for (const [name, wechatId, role] of [
    ['王书记', 'wx_wang', 'secretary'],
    ['张三', 'wx_zhang', 'member'],
    ['李四', 'wx_li', 'member'],
    ['赵六', 'wx_zhao', 'member'],
  ] as const) {
    await stores.members.upsert({ name, branchId: branch.id, role, wechatId });
  }
  const workers: MeetingWorker[] = [];
  // The chat edge is up (check-ins can be collected) unless the test says otherwise.
  const stopHeartbeat =
    opts.edge === false ? async () => {} : startHeartbeat(stores, opts.clock ?? systemClock, () => {}, 200);
  return {
    redis,
    prefix,
    botId,
    stores,
    outbox,
    deps,
    sent,
    branch: (await stores.branches.get(branch.id))!,
    startWorker() {
      const w = startMeetingWorker(deps);
      workers.push(w);
      return w;
    },
    waitFor(match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      return new Promise((resolve, reject) => {
        const tick = () => {
          const hit = sent.find(match);
          if (hit) return resolve(hit);
          if (Date.now() > until)
            return reject(
              new Error(
                `not sent within ${timeoutMs} ms; sent: ${JSON.stringify(sent.map((s) => s.text.slice(0, 40)))}`,
              ),
            );
          setTimeout(tick, 25);
        };
        tick();
      });
    },
    meetingInput(startAt, over = {}) {
      return {
        branchId: branch.id,
        type: '党课',
        title: '党课',
        startAt,
        groupOffsets: [],
        secretaryOffsets: [],
        closeAfter: 1000,
        escalateBefore: 0,
        createdBy: 'wx_wang',
        ...over,
      };
    },
    async close() {
      for (const w of workers) await w.close();
      await stopHeartbeat();
      await outboxWorker.close();
      await queue.close();
      await base.close();
      await deletePrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
