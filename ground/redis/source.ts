// Where zhibu's Redis comes from: REDIS_URL, or the embedded redis-server in DATA_DIR/redis — reused when
// another zhibu process already runs it (the bot, while an operator uses the CLI), otherwise started and owned.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded.js';
import type { Logger } from '../logger.js';
import { assertRedisReachable, connectRedis } from './connect.js';

export interface RedisSource {
  url: string;
  /** Set when this process started the server and must stop it. */
  owned?: EmbeddedRedis;
}

interface LockFile {
  port: number;
  /** The zhibu process that owns the server. */
  pid: number;
  redisPid: number;
  owner: string;
}

const LOCK_NAME = 'zhibu-redis.json';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answersPing(url: string): Promise<boolean> {
  const client = connectRedis(url, { name: 'probe' });
  client.options.maxRetriesPerRequest = 1;
  try {
    return (
      (await Promise.race([client.ping(), new Promise<string>((r) => setTimeout(() => r('timeout'), 1500))])) === 'PONG'
    );
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** The URL of a live embedded server another zhibu process owns in this folder, if any. */
export async function findRunningEmbedded(dir: string): Promise<(LockFile & { url: string }) | undefined> {
  let lock: LockFile;
  try {
    lock = JSON.parse(fs.readFileSync(path.join(dir, LOCK_NAME), 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
  if (!isAlive(lock.pid)) {
    // The owner died (kill -9) and may have left its redis-server behind: stop it so two servers never share the AOF.
    if (lock.redisPid && isAlive(lock.redisPid)) {
      process.kill(lock.redisPid, 'SIGTERM');
      for (let i = 0; i < 50 && isAlive(lock.redisPid); i++) await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }
  const url = `redis://127.0.0.1:${lock.port}`;
  return (await answersPing(url)) ? { ...lock, url } : undefined;
}

/**
 * Opens Redis for a process. `owner` names it in the lock file ("bot", "cli"). A long-running bot never
 * borrows a server that a short CLI command owns: it waits for that command to finish.
 */
export async function openRedisSource(
  config: Config,
  logger: Logger,
  owner: 'bot' | 'cli',
  waitMs = 30_000,
): Promise<RedisSource> {
  if (config.redisUrl) {
    await assertRedisReachable(config.redisUrl);
    return { url: config.redisUrl };
  }
  const dir = path.join(config.dataDir, 'redis');
  const deadline = Date.now() + waitMs;
  for (;;) {
    const running = await findRunningEmbedded(dir);
    if (!running) break;
    if (owner === 'cli' || running.owner === 'bot') {
      logger.info({ url: running.url, owner: running.owner }, 'using the embedded redis-server of a running zhibu');
      return { url: running.url };
    }
    if (Date.now() > deadline)
      throw new Error(`数据目录 ${dir} 的 Redis 正被另一个 zhibu 命令（pid ${running.pid}）占用，请等它结束后再启动。`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const owned = await startEmbeddedRedis({ dir });
  const lockPath = path.join(dir, LOCK_NAME);
  fs.writeFileSync(
    lockPath,
    JSON.stringify({ port: owned.port, pid: process.pid, redisPid: owned.pid, owner } satisfies LockFile),
  );
  logger.info({ port: owned.port, dir }, 'started embedded redis-server');
  const stop = owned.stop.bind(owned);
  owned.stop = async (timeoutMs?: number) => {
    fs.rmSync(lockPath, { force: true });
    await stop(timeoutMs);
  };
  return { url: owned.url, owned };
}
