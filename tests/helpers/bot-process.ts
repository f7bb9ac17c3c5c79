// Parent side of tests/helpers/bot-child.ts: spawn the bot (or another script that prints "ready", e.g.
// tests/jobs/meeting-worker-process.ts) as a child process, kill -9 it, stop it gracefully, and read the
// journal of sends the bot wrote to Redis.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../ground/config.js';
import type { Redis } from '../../ground/redis/connect.js';

export interface BotProcessEnv {
  /** One of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS (+ REDIS_SENTINEL_MASTER). */
  REDIS_URL?: string;
  REDIS_CLUSTER_NODES?: string;
  REDIS_SENTINELS?: string;
  REDIS_SENTINEL_MASTER?: string;
  /** Where the send journal goes (default REDIS_URL). */
  JOURNAL_URL?: string;
  REDIS_PREFIX: string;
  DATA_DIR: string;
  ROOMS: number;
  RATE: number;
  JOURNAL_KEY: string;
  ADMIN_IDS?: string;
  /** A send whose text contains this hangs forever (the job stays in flight until the process dies). */
  HANG_TEXT?: string;
  /** A list on the journal's Redis whose items the bot posts into its mock WeChat (see bot-child.ts). */
  INBOUND_KEY?: string;
  /** Set: the child logs its warnings to stderr, kept by `warnings()`. */
  LOG_WARNINGS?: string;
  /** all (default) | edge | worker: see zhibu start --role. */
  ROLE?: 'all' | 'edge' | 'worker';
}

export interface BotProcess {
  child: ChildProcess;
  /** What the child printed after "ready" on that line (a worker prints its BullMQ worker id there). */
  ready: string;
  /** The last lines the child wrote to stderr (its warnings, with LOG_WARNINGS). */
  warnings(): string[];
  /** kill -9; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful stop), SIGKILL after the timeout. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Loading through tsx with two CPU-bound neighbours on two cores takes far longer than on an idle machine. */
const START_TIMEOUT_MS = 120_000;

/** How many of the child's last stderr lines are kept. */
const STDERR_LINES = 200;

const gone = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
const exited = (c: ChildProcess) =>
  new Promise<void>((resolve) => (gone(c) ? resolve() : c.once('exit', () => resolve())));

export function spawnBot(env: BotProcessEnv, startTimeoutMs = START_TIMEOUT_MS): Promise<BotProcess> {
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  return spawnChild('tests/helpers/bot-child.ts', vars, startTimeoutMs);
}

/** Runs `node --import tsx <script>` (relative to the project root) and resolves once it prints "ready". */
export function spawnChild(
  script: string,
  env: Record<string, string | number>,
  startTimeoutMs = START_TIMEOUT_MS,
): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, script)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderrLines: string[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    stderrLines.push(...d.toString().split('\n').filter(Boolean));
    stderrLines.splice(0, Math.max(0, stderrLines.length - STDERR_LINES));
  });
  const handle: BotProcess = {
    child,
    ready: '',
    warnings: () => [...stderrLines],
    async kill() {
      if (!gone(child)) child.kill('SIGKILL');
      await exited(child);
    },
    async stop(timeoutMs = 10_000) {
      if (gone(child)) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited(child);
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${startTimeoutMs} ms: ${err}`));
    }, startTimeoutMs);
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.stdout!.on('data', (d: Buffer) => {
      const line = /ready ?(\S*)/.exec(d.toString());
      if (!line) return;
      handle.ready = line[1]!;
      clearTimeout(timer);
      resolve(handle);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited early (${code ?? signal}): ${err}`));
    });
  });
}

export interface JournalEntry {
  phase: 'A' | 'D';
  room: string;
  ident: string;
}

export async function readJournal(redis: Redis, key: string): Promise<JournalEntry[]> {
  return (await redis.lrange(key, 0, -1)).map((line) => {
    const [phase, room, ident] = line.split('|') as ['A' | 'D', string, string];
    return { phase, room, ident };
  });
}

/** A meetings-worker process (tests/helpers/meeting-worker-process.ts); `ready` is its BullMQ worker id. */
export function spawnMeetingWorker(opts: { redisUrl: string; prefix: string; botId: string }): Promise<BotProcess> {
  return spawnChild('tests/helpers/meeting-worker-process.ts', {
    REDIS_URL: opts.redisUrl,
    PREFIX: opts.prefix,
    BOT_ID: opts.botId,
  });
}
