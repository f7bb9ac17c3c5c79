// Which Redis a configuration points at: REDIS_URL, a Sentinel group or a Cluster (only one of them); in a
// Cluster records carry the prefix's hash tag and each queue a tag of its own; durability warnings name what is wrong.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../ground/config.js';
import { silentLogger } from '../../../ground/logger.js';
import { checkRedisDurability, redisMode } from '../../../ground/redis/connect.js';
import { queuePrefix } from '../../../jobs/outbox/keys.js';
import { storeKeys } from '../../../store/keys.js';
import { connectTestRedis } from '../../helpers/redis.js';

describe('Redis deployments', () => {
  it('builds the target from REDIS_SENTINELS or REDIS_CLUSTER_NODES, and hash-tags the prefix in a Cluster', () => {
    const sentinel = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, 10.0.0.2:26379', REDIS_SENTINEL_MASTER: 'zb' });
    expect(sentinel.redisUrl).toBe('sentinel://10.0.0.1:26379,10.0.0.2:26379/zb');
    expect(redisMode(sentinel.redisUrl!)).toBe('sentinel');
    expect(sentinel.redisPrefix).toBe('zhibu:');
    const cluster = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000' });
    expect(cluster.redisUrl).toBe('cluster://10.0.0.1:7000,10.0.0.2:7000');
    expect(redisMode(cluster.redisUrl!)).toBe('cluster');
    expect(cluster.redisPrefix).toBe('{zhibu}:');
    // Records hash on "zhibu": one slot, so MULTI, Lua and multi-key reads stay valid. Each BullMQ queue has a
    // tag of its own (its keys in one slot, the queues spread over the masters); standalone and Sentinel keep
    // the one prefix every queue had.
    expect(storeKeys(cluster.redisPrefix).meeting('7')).toBe('{zhibu}:meeting:7');
    const asCluster = { isCluster: true };
    expect(queuePrefix(cluster.redisPrefix, 'meetings', asCluster)).toBe('{zhibu:meetings}');
    expect(queuePrefix(cluster.redisPrefix, 'outbox-wxid_bot', asCluster)).toBe('{zhibu:outbox-wxid_bot}');
    expect(queuePrefix('{prov}:x:', 'digest', asCluster)).toBe('{prov:digest}:x');
    expect(queuePrefix('zhibu:', 'meetings', { isCluster: false })).toBe('zhibu');
    expect(queuePrefix('zhibu:', 'outbox-wxid_bot', {})).toBe('zhibu');
    expect(queuePrefix('city:a:', 'digest', {})).toBe('city:a');
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'a:1', REDIS_PREFIX: '{prov}:x:' }).redisPrefix).toBe('{prov}:x:');
    expect(() => loadConfig({ REDIS_URL: 'redis://a:1', REDIS_CLUSTER_NODES: 'a:1' })).toThrow(ConfigError);
    // Before a reply: WAIT for one replica, at most 500 ms, unless configured otherwise (0 replicas: off).
    expect(cluster.redisWait).toEqual({ replicas: 1, timeoutMs: 500 });
    expect(loadConfig({ REDIS_WAIT_REPLICAS: '0', REDIS_WAIT_MS: '2000' }).redisWait).toEqual({
      replicas: 0,
      timeoutMs: 2000,
    });
    expect(() => loadConfig({ REDIS_WAIT_MS: '0' })).toThrow(/REDIS_WAIT_MS/);
    expect(() => loadConfig({ REDIS_SENTINELS: 'no-port' })).toThrow(ConfigError);
    expect(redisMode('redis://127.0.0.1:6379')).toBe('standalone');
  });

  it('warns about eviction and missing persistence', async () => {
    const redis = connectTestRedis();
    const [policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const old = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    try {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const warnings = await checkRedisDurability(redis, silentLogger);
      expect(warnings.join('\n')).toContain('maxmemory-policy 为 allkeys-lru，应为 noeviction');
    } finally {
      await redis.config('SET', 'maxmemory-policy', old);
      redis.disconnect();
    }
    expect(policy).toBe('maxmemory-policy');
  });
});
