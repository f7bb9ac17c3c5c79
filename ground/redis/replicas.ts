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
  /** A master whose WAIT fell short is skipped for this long (default 5 s): see below. */
  retryAfterMs?: number;
  /** The clock for the warning's and the retry's intervals (tests inject one). */
  now?: () => number;
}

const noBarrier: ReplicaBarrier = async () => undefined;

export function createReplicaBarrier(redis: Redis, o: ReplicaBarrierOptions): ReplicaBarrier {
  // A standalone Redis has no replica to wait for: its durability is the AOF.
  if (o.mode === 'standalone' || o.replicas === 0) return noBarrier;
  const warnEveryMs = o.warnEveryMs ?? 60_000;
  const clock = o.now ?? Date.now;
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
  // A master without its replica (the old master of a failover not back yet, a replica down) would make every
  // reply and send wait the whole timeout for nothing: after a WAIT falls short that master is skipped for
  // retryAfterMs, then tried again. Meanwhile what is written there is as exposed as with no barrier (a replica
  // that is only slow is waited for again at the retry); the warning says so.
  const retryAfterMs = o.retryAfterMs ?? 5_000;
  const shortUntil = new Map<string, number>();
  // A Sentinel-managed connection's own host/port are not the master's: name the master it follows instead.
  const label = (node: Redis) =>
    node.options.sentinels?.length ? `master ${node.options.name}` : `${node.options.host}:${node.options.port}`;
  return async () => {
    const now = clock();
    const nodes = connections().filter((n) => (shortUntil.get(label(n)) ?? 0) <= now);
    const acked = await Promise.all(nodes.map(bounded));
    const short = acked.flatMap((n, i) => {
      if (typeof n === 'number' && n >= o.replicas) return [];
      shortUntil.set(label(nodes[i]!), clock() + retryAfterMs);
      return [`${label(nodes[i]!)} ${typeof n === 'number' ? `${n}/${o.replicas}` : n.message}`];
    });
    if (!short.length) return;
    if (clock() - warnedAt < warnEveryMs) return;
    warnedAt = clock();
    o.logger.warn(
      { short, replicas: o.replicas, timeoutMs: o.timeoutMs },
      'acknowledged writes not confirmed on a replica (WAIT); replying anyway — a failover now could lose them',
    );
  };
}
