import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from '../../../ground/redis/connect.js';
import { createBroadcastRuntime, type BroadcastRuntime } from '../../../domains/broadcasts/runtime.js';
import type { OutboxHandle } from '../../../jobs/outbox/producer.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../../helpers/redis.js';
import { testDeps } from '../../helpers/deps.js';

const ROOMS = 30;
const prefix = randomPrefix();
let redis: Redis;
let outbox: OutboxHandle;
let rt: BroadcastRuntime;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  redis = connectTestRedis();
  const base = testDeps({ redis, prefix, botId: 'wxid_bot' });
  outbox = base.outbox;
  rt = createBroadcastRuntime(base, { botId: 'wxid_bot', batchSize: 7, watchMs: 200 });
  rt.startWorker();
});
afterAll(async () => {
  await rt.close();
  await outbox.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(25);
  }
}

describe('broadcast fan-out', () => {
  it('queues each room once even when run twice, and a cancel withdraws them all as skipped', async () => {
    const rooms = Array.from({ length: ROOMS }, (_, i) => `r${i}@chatroom`);
    const b = await rt.service.create({
      kind: 'text',
      text: '通知',
      targets: ['全部'],
      rooms,
      schedule: { type: 'once', at: Date.now() },
      createdBy: 'cli:test',
      createdAt: Date.now(),
    });
    await until(async () => (await outbox.pending()) === ROOMS);
    const first = (await outbox.queue.getWaiting()).map((j) => j.data.key).sort();
    expect(first).toEqual(rooms.map((r) => `broadcast:${b.id}:${r}`).sort());

    // A second fan-out of the same run (as after a crash mid-way) finds every key already queued.
    const again = await rt.deps.queue.add('deliver', { broadcastId: b.id }, { jobId: `bc-${b.id}-deliver-again` });
    await until(async () => (await again.getState()) === 'completed');
    expect(await outbox.pending()).toBe(ROOMS);
    expect((await rt.deps.stores.broadcasts.report(b.id, '1')).queued).toBe(ROOMS);

    const { report } = await rt.service.cancel(b.id, { id: 'cli:test' });
    expect(report).toMatchObject({ total: ROOMS, sent: 0, skipped: ROOMS, queued: 0 });
    expect(await outbox.pending()).toBe(0);
    await until(async () => (await rt.deps.stores.broadcasts.report(b.id, '1')).finishedAt !== undefined);
    expect(await rt.deps.stores.broadcasts.claimReport(b.id, '1')).toBe(false); // the watch job reported
  });
});
