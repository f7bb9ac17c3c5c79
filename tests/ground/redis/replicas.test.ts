// The replica barrier before a reply (ground/redis/replicas.ts), on the run's real redis-server, which has no
// replica: in Sentinel/Cluster mode WAIT then times out with 0 replicas, so the barrier warns (once a minute),
// still resolves and skips that master for a while; for a standalone Redis it sends nothing and says nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../ground/logger.js';
import { createReplicaBarrier } from '../../../ground/redis/replicas.js';
import { connectTestRedis } from '../../helpers/redis.js';

const redis = connectTestRedis();
afterAll(() => redis.disconnect());

function recorder() {
  const lines: Array<{ level: number; msg: string; short?: string[] }> = [];
  const logger = createLogger('info', { write: (l: string) => void lines.push(JSON.parse(l)) });
  return { logger, warnings: () => lines.filter((l) => l.level === 40) };
}

describe('replica barrier', () => {
  it('waits up to its bound for a replica, warns once a minute when none has the writes, and never throws', async () => {
    const { logger, warnings } = recorder();
    const barrier = createReplicaBarrier(redis, { mode: 'sentinel', replicas: 1, timeoutMs: 100, logger });
    await redis.set('replica-barrier-test', '1');
    const t0 = Date.now();
    await barrier();
    // WAIT ran on the server: it held the call for its timeout (no replica ever acknowledged).
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    await barrier();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toContain('not confirmed on a replica');
    expect(warnings()[0]!.short![0]).toMatch(/0\/1$/);
    await redis.del('replica-barrier-test');
  });

  it('warns again after the minute has passed', async () => {
    const { logger, warnings } = recorder();
    // An injected clock: a busy machine's slow WAIT must not count as the minute passing.
    let now = 1_000_000;
    const barrier = createReplicaBarrier(redis, {
      mode: 'sentinel',
      replicas: 1,
      timeoutMs: 20,
      logger,
      warnEveryMs: 60_000,
      retryAfterMs: 0,
      now: () => now,
    });
    await barrier();
    now += 59_999;
    await barrier();
    expect(warnings()).toHaveLength(1);
    now += 1;
    await barrier();
    expect(warnings()).toHaveLength(2);
  });

  it('skips a master whose WAIT fell short for a while, then waits for it again', async () => {
    const { logger } = recorder();
    // The skip's interval on an injected clock; the WAITs themselves are timed on the real one.
    let now = 1_000_000;
    const barrier = createReplicaBarrier(redis, {
      mode: 'sentinel',
      replicas: 1,
      timeoutMs: 1_000,
      logger,
      retryAfterMs: 1_500,
      now: () => now,
    });
    const timed = async () => {
      const t0 = Date.now();
      await barrier();
      return Date.now() - t0;
    };
    expect(await timed()).toBeGreaterThanOrEqual(990);
    // Skipped: no WAIT was sent, so the call did not sit out the 1 s timeout.
    expect(await timed()).toBeLessThan(900);
    now += 1_499;
    expect(await timed()).toBeLessThan(900);
    now += 1;
    expect(await timed()).toBeGreaterThanOrEqual(990);
  });

  it('does nothing for a standalone Redis, or with REDIS_WAIT_REPLICAS=0', async () => {
    for (const o of [
      { mode: 'standalone' as const, replicas: 1 },
      { mode: 'sentinel' as const, replicas: 0 },
    ]) {
      const { logger, warnings } = recorder();
      const barrier = createReplicaBarrier(redis, { ...o, timeoutMs: 5_000, logger });
      const t0 = Date.now();
      await barrier();
      // A WAIT would have held it for 5 s (no replica) and warned.
      expect(Date.now() - t0).toBeLessThan(4_000);
      expect(warnings()).toEqual([]);
    }
  });
});
