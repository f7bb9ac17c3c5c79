// Where zhibu's Redis comes from: REDIS_URL, or the embedded redis-server in DATA_DIR/redis — reused when
// another zhibu process already runs it (the bot, while an operator uses the CLI), otherwise started and owned.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded.js';
import type { Logger } from '../logger.js';
import { connectRedis } from './connect.js';

export interface RedisSource {
  url: string;
  /** Set when this process started the server and must stop it. */
  owned?: EmbeddedRedis;
}

interface LockFile {
  /** 0 while the owner is still starting its server. */
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

type LockState =
  | { kind: 'absent' }
  /** Being written or its owner is starting the server: wait. */
  | { kind: 'starting' }
  | { kind: 'stale' }
  | { kind: 'running'; lock: LockFile; url: string };

function readLock(lockPath: string): LockFile | 'absent' | 'unreadable' {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockFile;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : 'unreadable';
  }
}

async function inspectLock(dir: string): Promise<LockState> {
  const lockPath = path.join(dir, LOCK_NAME);
  const lock = readLock(lockPath);
  if (lock === 'absent') return { kind: 'absent' };
  if (lock === 'unreadable') return { kind: 'starting' }; // created (exclusively) but not yet written
  if (!isAlive(lock.pid)) {
    // The owner died (kill -9) and may have left its redis-server behind: stop it so two servers never share the AOF.
    if (lock.redisPid && isAlive(lock.redisPid)) {
      process.kill(lock.redisPid, 'SIGTERM');
      for (let i = 0; i < 50 && isAlive(lock.redisPid); i++) await new Promise((r) => setTimeout(r, 100));
    }
    reapStale(lockPath, lock);
    return { kind: 'stale' };
  }
  if (!lock.port) return { kind: 'starting' };
  const url = `redis://127.0.0.1:${lock.port}`;
  return (await answersPing(url)) ? { kind: 'running', lock, url } : { kind: 'starting' };
}

/**
 * Removes a dead owner's lock. Renamed aside first (atomic), so of two processes reaping at once only one
 * takes it; if what was taken turns out to be a live owner's new lock, it is put back.
 */
function reapStale(lockPath: string, seen: LockFile): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    fs.renameSync(lockPath, aside);
  } catch {
    return; // another process reaped it
  }
  const taken = readLock(aside);
  if (typeof taken === 'object' && taken.pid !== seen.pid && isAlive(taken.pid)) {
    try {
      fs.linkSync(aside, lockPath);
    } catch {
      /* a third process created a lock meanwhile: it waits for its own claim */
    }
  }
  fs.rmSync(aside, { force: true });
}

/** Creates the lock file exclusively (O_EXCL): of two processes only one gets true. */
function claimLock(lockPath: string, owner: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  fs.writeSync(fd, JSON.stringify({ port: 0, pid: process.pid, redisPid: 0, owner } satisfies LockFile));
  fs.closeSync(fd);
  return true;
}

/** The URL of a live embedded server another zhibu process owns in this folder, if any. */
export async function findRunningEmbedded(dir: string): Promise<(LockFile & { url: string }) | undefined> {
  const state = await inspectLock(dir);
  return state.kind === 'running' ? { ...state.lock, url: state.url } : undefined;
}

/**
 * Opens Redis for a process. `owner` names it in the lock file ("bot", "cli"). A long-running bot never
 * borrows a server that a short CLI command owns: it waits for that command to finish. Only the process that
 * creates the lock file (exclusively) starts a server; the others wait for it to be up and use it.
 */
export async function openRedisSource(
  config: Config,
  logger: Logger,
  owner: 'bot' | 'cli',
  waitMs = 30_000,
): Promise<RedisSource> {
  if (config.redisUrl) return { url: config.redisUrl };
  const dir = path.join(config.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, LOCK_NAME);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const state = await inspectLock(dir);
    if (state.kind === 'absent' && claimLock(lockPath, owner)) break;
    if (state.kind === 'running') {
      if (owner === 'cli' || state.lock.owner === 'bot') {
        logger.info({ url: state.url, owner: state.lock.owner }, 'using the embedded redis-server of a running zhibu');
        return { url: state.url };
      }
      if (Date.now() > deadline)
        throw new Error(
          `数据目录 ${dir} 的 Redis 正被另一个 zhibu 命令（pid ${state.lock.pid}）占用，请等它结束后再启动。`,
        );
    }
    if (state.kind === 'starting' && Date.now() > deadline)
      throw new Error(`数据目录 ${dir} 的 Redis 启动超时（另一个 zhibu 进程正在启动它），请稍后再试。`);
    if (state.kind !== 'stale' && state.kind !== 'absent') await new Promise((r) => setTimeout(r, 100));
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
