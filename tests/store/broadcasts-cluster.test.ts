// The broadcast store's scripts on a real Redis Cluster: every key a script names is in the records' slot, and the
// values it writes (a room's state, a failure's reason) are arguments, never keys (CROSSSLOT otherwise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../ground/config.js';
import { connectRedis, deletePrefix, type Redis } from '../../ground/redis/connect.js';
import { createBroadcastStore } from '../../store/broadcasts.js';
import { createStudyCursor } from '../../store/study-cursor.js';
import { startCluster, type TestCluster } from '../helpers/redis-cluster.js';

let cluster: TestCluster;
let redis: Redis;
let prefix: string;

beforeAll(async () => {
  cluster = await startCluster(3);
  const config = loadConfig({ REDIS_CLUSTER_NODES: cluster.nodes, REDIS_PREFIX: 'zhibu-store:' });
  prefix = config.redisPrefix;
  redis = connectRedis(config.redisUrl!, { name: 'broadcast-store-cluster-test' });
}, 120_000);
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await cluster.stop();
});

describe('broadcast store on a Redis Cluster', () => {
  it('marks rooms sent, failed with a reason, and skipped, and reports them', async () => {
    const store = createBroadcastStore(redis, prefix);
    const b = await store.create({
      kind: 'text',
      text: '请各支部按时参加主题党日',
      targets: ['全部'],
      rooms: ['r1', 'r2', 'r3'],
      schedule: { type: 'once', at: 1000 },
      createdBy: 'wxid_admin',
      reportTo: 'wxid_admin',
      createdAt: 1000,
    });
    await store.startRun(b.id, '1', ['r1', 'r2', 'r3'], 2000);
    expect(await store.markRooms(b.id, '1', ['r1'], 'sent')).toBe(1);
    expect(await store.markRooms(b.id, '1', ['r2'], 'failed', '群不存在')).toBe(1);
    expect(await store.markRooms(b.id, '1', ['r3'], 'skipped')).toBe(1);
    // Only a queued room moves, unless forced.
    expect(await store.markRooms(b.id, '1', ['r1'], 'failed', '重复')).toBe(0);
    const report = await store.report(b.id, '1');
    expect(report).toMatchObject({ total: 3, queued: 0, sent: 1, failed: 1, skipped: 1, failures: { r2: '群不存在' } });
  });

  it('picks the study cursor for a run once, however often the run is retried', async () => {
    const cursor = createStudyCursor(redis, prefix);
    const first = await cursor.pick('7', 'run-a', 5);
    expect(await cursor.pick('7', 'run-a', 5)).toBe(first);
    expect(await cursor.pick('7', 'run-b', 5)).toBe((first + 1) % 5);
  });
});
