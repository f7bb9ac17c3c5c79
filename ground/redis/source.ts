// Where zhibu's Redis comes from: REDIS_URL, or the embedded redis-server in DATA_DIR/redis — reused when
// another zhibu process already runs it (the bot, while an operator uses the CLI), otherwise started and owned.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { UserError } from '../errors.js';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded.js';
import type { Logger } from '../logger.js';
import { assertRedisReachable, connectRedis, redisMode } from './connect.js';

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

function readLock(lockPath: string): LockFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
}

/** The owner died (kill -9) and may have left its redis-server behind: stop it so two servers never share the AOF. */
async function clearStale(lockPath: string, lock: LockFile): Promise<void> {
  if (lock.redisPid && isAlive(lock.redisPid)) {
    process.kill(lock.redisPid, 'SIGTERM');
    for (let i = 0; i < 50 && isAlive(lock.redisPid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  fs.rmSync(lockPath, { force: true });
}

/** The URL of a live embedded server another zhibu process owns in this folder, if any. */
export async function findRunningEmbedded(dir: string): Promise<(LockFile & { url: string }) | undefined> {
  const lockPath = path.join(dir, LOCK_NAME);
  const lock = readLock(lockPath);
  if (!lock) return undefined;
  if (!isAlive(lock.pid)) {
    await clearStale(lockPath, lock);
    return undefined;
  }
  if (!lock.port) return undefined; // still starting
  const url = `redis://127.0.0.1:${lock.port}`;
  return (await answersPing(url)) ? { ...lock, url } : undefined;
}

/** Refusal of a second bot on one data folder: two bots would consume the same outbox. */
export class SecondBotError extends UserError {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${path.dirname(dir)} 已有一个 zhibu 机器人在运行（进程号 pid ${pid}）。同一数据目录只能运行一个机器人，否则两者会抢发同一队列的消息。请先停止它（在它的终端按 Ctrl+C，或 kill ${pid}），或为新的机器人设置另一个 DATA_DIR。命令行工具（zhibu meeting、zhibu roster 等）可照常使用，会共用它的 Redis。`,
    );
  }
}

/**
 * Opens Redis for a process. `owner` names it in the lock file ("bot", "cli"). A second bot on the same
 * data folder is refused (SecondBotError, naming the running one); a CLI command shares a running server;
 * a long-running bot never borrows a server that a short CLI command owns: it waits for that command to finish.
 * The lock file is created exclusively before the server starts, so two processes starting at once never
 * both start a server.
 */
export async function openRedisSource(
  config: Config,
  logger: Logger,
  owner: 'bot' | 'cli',
  waitMs = 30_000,
): Promise<RedisSource> {
  if (config.redisUrl) {
    // A Sentinel group or a Cluster is checked by its client as it connects; a plain URL fails fast here.
    if (redisMode(config.redisUrl) === 'standalone') await assertRedisReachable(config.redisUrl);
    return { url: config.redisUrl };
  }
  const dir = path.join(config.dataDir, 'redis');
  const lockPath = path.join(dir, LOCK_NAME);
  const deadline = Date.now() + waitMs;
  fs.mkdirSync(dir, { recursive: true });
  for (;;) {
    const lock = readLock(lockPath);
    if (lock && !isAlive(lock.pid)) {
      await clearStale(lockPath, lock);
      continue;
    }
    if (lock) {
      if (owner === 'bot' && lock.owner === 'bot') throw new SecondBotError(dir, lock.pid);
      const url = `redis://127.0.0.1:${lock.port}`;
      if (lock.port && (owner === 'cli' || lock.owner === 'bot') && (await answersPing(url))) {
        logger.info({ url, owner: lock.owner }, 'using the embedded redis-server of a running zhibu');
        return { url };
      }
      if (Date.now() > deadline)
        throw new Error(`数据目录 ${dir} 的 Redis 正被另一个 zhibu 命令（pid ${lock.pid}）占用，请等它结束后再启动。`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ port: 0, pid: process.pid, redisPid: 0, owner } satisfies LockFile), {
        flag: 'wx',
      });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  let owned: EmbeddedRedis;
  try {
    owned = await startEmbeddedRedis({ dir });
  } catch (err) {
    fs.rmSync(lockPath, { force: true });
    throw err;
  }
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
