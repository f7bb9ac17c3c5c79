// Acknowledged writes survive a failover. Redis replicates asynchronously: a master killed right after a write
// may take it along, and the replica promoted in its place never had it. WAIT n ms blocks one connection until n
// replicas have every write sent on it so far (or the time is up), so a reply that waits for it first never
// acknowledges a write only the old master had.
import type { Cluster } from 'ioredis';
import type { Logger } from '../logger.js';
import type { Redis, RedisMode } from './connect.js';

/** Resolves once this client's writes so far are on the replicas (or the bound passed); never throws. */
export type ReplicaBarrier = () => Promise<void>;

export interface ReplicaBarrierOptions {
  mode: RedisMode;
  /** Replicas each write must reach; 0 turns the barrier off. */
  replicas: number;
  timeoutMs: number;
  logger: Logger;
  /** At most one warning per this many ms (default one a minute). */
  warnEveryMs?: number;
}

const noBarrier: ReplicaBarrier = async () => undefined;

export function createReplicaBarrier(redis: Redis, o: ReplicaBarrierOptions): ReplicaBarrier {
  // A standalone Redis has no replica to wait for: its durability is the AOF.
  if (o.mode === 'standalone' || o.replicas === 0) return noBarrier;
  const warnEveryMs = o.warnEveryMs ?? 60_000;
  let warnedAt = Number.NEGATIVE_INFINITY;
  // WAIT counts the writes of the connection it is sent on. In a Cluster the writes went to several masters (the
  // records' slot, the queues' own slots), each over the client's connection to that master: WAIT on each of
  // them. A master that took no write from this client answers at once.
  const connections = (): Redis[] => (redis.isCluster ? (redis as unknown as Cluster).nodes('master') : [redis]);
  // A master that is down (mid-failover) would hold the reply until the client gives up on it: bounded here too.
  const bounded = (node: Redis) =>
    new Promise<number | Error>((resolve) => {
      const timer = setTimeout(() => resolve(new Error('no answer')), o.timeoutMs + 1000);
      node.wait(o.replicas, o.timeoutMs).then(
        (n) => {
          clearTimeout(timer);
          resolve(n);
        },
        (err: Error) => {
          clearTimeout(timer);
          resolve(err);
        },
      );
    });
  return async () => {
    const nodes = connections();
    const acked = await Promise.all(nodes.map(bounded));
    const short = acked.flatMap((n, i) =>
      typeof n === 'number' && n >= o.replicas
        ? []
        : [
            `${nodes[i]!.options.host}:${nodes[i]!.options.port} ${typeof n === 'number' ? `${n}/${o.replicas}` : n.message}`,
          ],
    );
    if (!short.length) return;
    const now = Date.now();
    if (now - warnedAt < warnEveryMs) return;
    warnedAt = now;
    o.logger.warn(
      { short, replicas: o.replicas, timeoutMs: o.timeoutMs },
      'acknowledged writes not confirmed on a replica (WAIT); replying anyway — a failover now could lose them',
    );
  };
}
