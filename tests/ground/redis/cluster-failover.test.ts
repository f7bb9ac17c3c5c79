// A command sent while a Cluster master fails over waits for its replica to take over instead of failing: the
// client's redirections span a failover (at least 30 s), not ioredis' 16 quick retries, which ran out in about
// two seconds and turned a member's check-in or a secretary's command into an error reply.
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../../ground/redis/connect.js';
import { startCluster } from '../../helpers/redis-cluster.js';

describe('Redis Cluster failover', () => {
  it('a write and a read sent right after kill -9 of their master succeed once the replica took over', async () => {
    const c = await startCluster(3);
    const redis = connectRedis(`cluster://${c.nodes}`, { name: 'failover-command-test' });
    try {
      const key = '{zhibu}:failover-probe';
      await redis.set(key, 'before');
      // The write is on the replica before the kill, so the promoted replica has it.
      expect(await redis.wait(1, 2000)).toBe(1);
      const master = await c.masterOf(key);
      await c.kill(master);
      const [written, read] = await Promise.all([redis.set(`${key}:after`, 'after'), redis.get(key)]);
      expect(written).toBe('OK');
      expect(read).toBe('before');
      expect(await c.masterOf(key)).not.toBe(master);
      expect(await redis.get(`${key}:after`)).toBe('after');
    } finally {
      redis.disconnect();
      await c.stop();
    }
  }, 120_000);
});
