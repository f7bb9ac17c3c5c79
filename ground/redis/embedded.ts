// Starts and owns a redis-server child (AOF on) for the embedded default and for tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../free-port.js';

export interface EmbeddedRedis {
  url: string;
  port: number;
  dir: string;
  pid: number;
  /** Stops the server gracefully (SIGTERM, then SIGKILL after the timeout). */
  stop(timeoutMs?: number): Promise<void>;
  /** Kills the server without letting it save: for crash tests. */
  kill(): Promise<void>;
}

export class RedisMissingError extends Error {
  constructor() {
    super(
      '没有找到 redis-server。请先安装 Redis（Debian/Ubuntu：sudo apt-get install -y redis-server；macOS：brew install redis），' +
        '或在 .env 中设置 REDIS_URL 指向已有的 Redis。',
    );
    this.name = 'RedisMissingError';
  }
}

export function redisServerAvailable(bin = 'redis-server'): boolean {
  const probe = spawnSync(bin, ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startEmbeddedRedis(opts: {
  dir: string;
  port?: number;
  bin?: string;
  startTimeoutMs?: number;
}): Promise<EmbeddedRedis> {
  const bin = opts.bin ?? 'redis-server';
  if (!redisServerAvailable(bin)) throw new RedisMissingError();
  fs.mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    opts.dir,
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
    '--protected-mode',
    'yes',
  ];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server 启动超时：\n${output}`)),
      opts.startTimeoutMs ?? 10_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server 退出（code ${code}）：\n${output}`));
    });
  });
  // Keep draining output so the pipe never fills, but stop accumulating it.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  child.removeAllListeners('exit');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir: opts.dir,
    pid: child.pid!,
    async stop(timeoutMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, timeoutMs))) {
        child.kill('SIGKILL');
        await waitForExit(child, 2000);
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    },
  };
}
