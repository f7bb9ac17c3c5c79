// ioredis connections: one kind for BullMQ workers (blocking, never give up), one for everything else; to a
// standalone Redis (redis://), a Sentinel group (sentinel://h:p,h:p/master) or a Cluster (cluster://h:p,h:p).
import { Cluster, Redis, type RedisOptions as IoRedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import { repeatWarn } from '../repeat-warn.js';

export type { Redis };

export interface RedisOptions {
  /** Workers block on Redis and must retry forever (BullMQ requires maxRetriesPerRequest: null). */
  forWorker?: boolean;
  logger?: Logger;
  name?: string;
  /**
   * Batch every command issued in one event-loop tick into one round trip. Only for clients that do simple
   * writes (the inbox): BullMQ's connections must not use it (reported job-state errors under load).
   */
  autoPipelining?: boolean;
}

/** Reconnect attempts (about 5 s in all) before a connection that never succeeded gives up. */
const FIRST_CONNECT_ATTEMPTS = 6;

/**
 * How long a Cluster command keeps following redirections while a master fails over, at least: Redis Cluster's
 * default cluster-node-timeout is 15 s, and a Sentinel connection rides out about as long (20 reconnects).
 */
const CLUSTER_FAILOVER_MS = 30_000;
/**
 * ioredis' default (16 redirections, a MOVED retried at once) gives up about 2 s into a failover: a replica still
 * answers MOVED to the dead master until it is promoted. Each redirection now waits at least this long, and there
 * are enough of them to span CLUSTER_FAILOVER_MS.
 */
const REDIRECTION_DELAY_MS = 100;

const hostPorts = (list: string) =>
  list.split(',').map((hp) => {
    const [host, port] = hp.split(':');
    return { host: host!, port: Number(port) };
  });

export type RedisMode = 'standalone' | 'sentinel' | 'cluster';

export function redisMode(url: string): RedisMode {
  return url.startsWith('cluster://') ? 'cluster' : url.startsWith('sentinel://') ? 'sentinel' : 'standalone';
}

export function connectRedis(url: string, opts: RedisOptions = {}): Redis {
  // Reconnect forever only after a first success: a wrong URL or password must not retry (and warn) for ever.
  let everReady = false;
  const retry = (times: number) => (!everReady && times >= FIRST_CONNECT_ATTEMPTS ? null : Math.min(times * 200, 2000));
  const common: IoRedisOptions = {
    maxRetriesPerRequest: opts.forWorker ? null : 20,
    enableReadyCheck: true,
    connectionName: opts.name,
    enableAutoPipelining: opts.autoPipelining ?? false,
    retryStrategy: retry,
  };
  const mode = redisMode(url);
  let client: Redis;
  if (mode === 'cluster') {
    // The Cluster client speaks the same commands; typed as Redis for the code that uses one or the other.
    client = new Cluster(hostPorts(url.slice('cluster://'.length)), {
      redisOptions: common,
      enableReadyCheck: true,
      enableAutoPipelining: common.enableAutoPipelining,
      clusterRetryStrategy: retry,
      slotsRefreshTimeout: 2000,
      retryDelayOnMoved: REDIRECTION_DELAY_MS,
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 300,
      retryDelayOnTryAgain: 200,
      maxRedirections: Math.ceil(CLUSTER_FAILOVER_MS / REDIRECTION_DELAY_MS),
    }) as unknown as Redis;
  } else if (mode === 'sentinel') {
    const [list, name] = url.slice('sentinel://'.length).split('/');
    // ioredis asks the sentinels for the current master and follows a failover.
    client = new Redis({ ...common, sentinels: hostPorts(list!), name: name! });
  } else {
    client = new Redis(url, common);
  }
  client.once('ready', () => {
    everReady = true;
  });
  // Without a listener every reconnect attempt prints a stack trace.
  const logger = opts.logger;
  client.on('error', logger ? repeatWarn(logger, 'redis connection error', { conn: opts.name }) : () => undefined);
  return client;
}

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'REDIS_URL';
  }
}

/** Redis cannot be used at start: the message is Chinese, names REDIS_URL and never shows the password. */
export class RedisUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnreachableError';
  }
}

/**
 * Connects once, with no retry, and pings: a closed port, an unknown host or a wrong password fails within
 * `timeoutMs` with a RedisUnreachableError instead of the endless reconnects of a long-lived connection.
 */
export async function assertRedisReachable(url: string, timeoutMs = 5000): Promise<void> {
  const shown = redactRedisUrl(url);
  const client = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    enableOfflineQueue: false,
  });
  let lastError: Error | undefined;
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const e = lastError ?? (err as Error);
    const text = `${e.message} ${(e as { code?: string }).code ?? ''}`;
    if (/WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH/i.test(text))
      throw new RedisUnreachableError(
        `REDIS_URL（${shown}）的用户名或密码不对，Redis 拒绝了连接。请检查 .env 中 REDIS_URL 的密码（redis://:密码@主机:端口）。`,
      );
    const why = /ECONNREFUSED/.test(text)
      ? '连接被拒绝，该端口没有 Redis 在运行'
      : /ENOTFOUND|EAI_AGAIN/.test(text)
        ? '找不到该主机'
        : /ETIMEDOUT|timeout/i.test(text)
          ? '连接超时'
          : '连接失败';
    throw new RedisUnreachableError(
      `无法连接 REDIS_URL（${shown}）：${why}。请确认 Redis 已启动且地址正确，或删去 REDIS_URL 让 zhibu 自带的 Redis 运行。`,
    );
  } finally {
    client.disconnect();
  }
}

/**
 * Warns when Redis would lose acknowledged jobs or evict queue keys. In a Cluster every master is checked
 * (a replica promoted by a failover should be configured the same: the check names each node).
 */
export async function checkRedisDurability(client: Redis, logger: Logger): Promise<string[]> {
  const warnings: string[] = [];
  const nodes: Array<{ node: Redis; label: string }> =
    client instanceof Cluster
      ? (client as Cluster).nodes('master').map((n) => ({ node: n, label: `${n.options.host}:${n.options.port} ` }))
      : [{ node: client, label: '' }];
  for (const { node, label } of nodes) {
    try {
      const aof = (await node.config('GET', 'appendonly')) as string[];
      const save = (await node.config('GET', 'save')) as string[];
      const policy = (await node.config('GET', 'maxmemory-policy')) as string[];
      if (aof[1] !== 'yes' && !save[1])
        warnings.push(`Redis ${label}未开启持久化（appendonly/save），重启后定时任务会丢失`);
      if (policy[1] && policy[1] !== 'noeviction')
        warnings.push(`Redis ${label}maxmemory-policy 为 ${policy[1]}，应为 noeviction，否则队列数据可能被淘汰`);
    } catch (err) {
      warnings.push(
        `无法读取 Redis ${label}配置（${(err as Error).message}），请自行确认已开启 AOF 且 maxmemory-policy=noeviction`,
      );
    }
  }
  for (const w of warnings) logger.warn(w);
  return warnings;
}

/**
 * Deletes every key under a prefix, BullMQ queues included: they live under the same prefix, or in a Cluster
 * under the prefix's hash tag with the queue name added (`{zhibu:meetings}:…`, see queuePrefix).
 */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  const nodes = client instanceof Cluster ? (client as Cluster).nodes('master') : [client];
  const tag = client instanceof Cluster ? /^\{([^}]*)\}/.exec(prefix) : undefined;
  const patterns = [`${prefix}*`, ...(tag ? [`{${tag[1]}:*}${prefix.slice(tag[0].length)}*`] : [])];
  for (const node of nodes)
    for (const pattern of patterns) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        // One key at a time in a Cluster (keys of one UNLINK must share a slot).
        if (keys.length)
          await Promise.all(client instanceof Cluster ? keys.map((k) => node.unlink(k)) : [node.unlink(...keys)]);
      } while (cursor !== '0');
    }
}
