// The composition root: config → logger → Redis (REDIS_URL, or an owned redis-server child) → knowledge →
// WeChat → the one dependency object (deps.ts) → features → chat edge → start; and graceful shutdown.
// Process roles (zhibu start --role): 'all' runs everything in one process (the default); 'edge' the channels,
// the router and the outbox senders; 'worker' (createWorkerApp) the meetings, broadcasts and digest workers.
// Any number of each may run on any machine against one Redis: BullMQ shares the jobs out.
import type { Config } from '../ground/config.js';
import { systemClock, type Clock } from '../ground/clock.js';
import type { Logger } from '../ground/logger.js';
import { checkRedisDurability } from '../ground/redis/connect.js';
import { openRedisSource } from '../ground/redis/source.js';
import type { Answerer } from '../knowledge/types.js';
import type { Progress } from '../knowledge/index.js';
import type { OutboxHandle } from '../jobs/outbox/producer.js';
import { featureFactories } from '../bot/features.js';
import { startChatEdge, type ChatEdge } from '../bot/edge.js';
import type { AppDeps, Feature, FeatureFactory } from '../bot/types.js';
import { connectWechat, type WechatConnection } from '../bot/channels/wechaty/connect.js';
import type { MockWorldSpec } from '../bot/channels/wechaty/mock-world.js';
import { createDeps } from './deps.js';
import { recordBotId, recordedBotId } from '../store/bot-id.js';
import type { Redis } from '../ground/redis/connect.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Run on the mock puppet even if a real one is configured (console chat, tests). */
  mock?: boolean;
  /** The simulated WeChat for mock runs (default: the demo branch 第一党支部). */
  mockSpec?: MockWorldSpec;
  /** Runs once the stores exist and before any message is taken (the console chat seeds its demo branch). */
  seed?(deps: AppDeps): Promise<void>;
  /** Tests: skip loading the knowledge index. */
  answerer?: Answerer;
  /** Progress of a (re)build of the knowledge index, e.g. a bar on the first run. */
  onKnowledgeProgress?: Progress;
  /** Tests: a different feature list (default: bot/features.ts). */
  features?: FeatureFactory[];
  /** Outbox tuning: console and tests send faster than the configured rate. */
  outbox?: { ratePerMinute?: number; attempts?: number; backoffMs?: number; rateLimitBackoffMs?: number };
  /** Aborts a start that is still waiting (e.g. for the WeChat QR login); everything started so far is stopped. */
  signal?: AbortSignal;
  /** 'all' (default): edge and workers; 'edge': the features' workers are left to worker processes. */
  role?: 'all' | 'edge';
}

export interface App {
  deps: AppDeps;
  wechat: WechatConnection;
  outbox: OutboxHandle;
  edge: ChatEdge;
  features: Feature[];
  stop(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const cleanups: Array<() => Promise<unknown> | undefined> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse())
      await Promise.resolve(fn()).catch((err: unknown) => logger.warn({ err }, 'shutdown step failed'));
  };
  try {
    const { url, owned } = await openRedisSource(config, logger, 'bot');
    if (owned) cleanups.push(() => owned.stop());
    let answerer = opts.answerer;
    if (!answerer) {
      const { createKnowledge } = await import('../knowledge/index.js');
      const knowledge = await createKnowledge(config, logger, { onProgress: opts.onKnowledgeProgress });
      cleanups.push(() => knowledge.close());
      answerer = knowledge.answerer;
    }
    const mock = opts.mock || !config.puppet || config.puppet === 'wechaty-puppet-mock';
    const wechat = await connectWechat(config, logger, { mock, mockSpec: opts.mockSpec, signal: opts.signal });
    cleanups.push(() => wechat.stop());
    const base = createDeps({ config, logger, clock, redisUrl: url, botId: wechat.botId, outbox: opts.outbox });
    cleanups.push(() => base.close());
    if (!owned) await checkRedisDurability(base.redis, logger);
    const deps: AppDeps = { ...base, answerer, botId: wechat.botId };
    const outbox = base.outbox;
    await opts.seed?.(deps);
    // Worker processes (and the CLI) find the account whose outbox carries the messages here.
    await recordBotId(base.redis, base.prefix, wechat.botId);
    const features = await Promise.all((opts.features ?? featureFactories).map((make) => make(deps)));
    const runWorkers = (opts.role ?? 'all') === 'all';
    for (const f of features) {
      if (runWorkers) await f.start?.();
      if (f.stop) cleanups.push(() => f.stop!());
    }
    const edge = startChatEdge({
      deps,
      features,
      channel: wechat,
      outbox,
      ratePerMinute: opts.outbox?.ratePerMinute,
      rateLimitBackoffMs: opts.outbox?.rateLimitBackoffMs,
    });
    cleanups.push(() => edge.stop());
    logger.info(
      { botId: wechat.botId, mock, role: opts.role ?? 'all', features: features.map((f) => f.name) },
      'zhibu started',
    );
    let stopped: Promise<void> | undefined;
    return { deps, wechat, outbox, edge, features, stop: () => (stopped ??= cleanup()) };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export interface WorkerAppOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Tests: a different feature list (default: bot/features.ts). */
  features?: FeatureFactory[];
  /** How long to wait for an edge process to record the bot account (default: forever, polling). */
  botIdTimeoutMs?: number;
  signal?: AbortSignal;
}

/** Answers nothing: a worker process takes no chat messages. */
const noAnswerer: Answerer = {
  answer: () => Promise.reject(new Error('a worker process does not answer questions')),
};

/**
 * A worker process: the features' workers (meetings, broadcasts, digest) and nothing of the chat. They enqueue
 * into the outbox of the account an edge process recorded, which the edge's outbox worker sends.
 */
export async function createWorkerApp(opts: WorkerAppOptions): Promise<Pick<App, 'deps' | 'features' | 'stop'>> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const cleanups: Array<() => Promise<unknown> | undefined> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse())
      await Promise.resolve(fn()).catch((err: unknown) => logger.warn({ err }, 'shutdown step failed'));
  };
  try {
    const { url, owned } = await openRedisSource(config, logger, 'bot');
    if (owned) cleanups.push(() => owned.stop());
    const probe = createDeps({ config, logger, clock, redisUrl: url, botId: 'unknown' });
    cleanups.push(() => probe.close());
    if (!owned) await checkRedisDurability(probe.redis, logger);
    const botId = await waitForBotId(probe, opts);
    const base = createDeps({ config, logger, clock, redisUrl: url, botId });
    cleanups.push(() => base.close());
    const deps: AppDeps = { ...base, answerer: noAnswerer, botId };
    const features = await Promise.all((opts.features ?? featureFactories).map((make) => make(deps)));
    for (const f of features) {
      await f.start?.();
      if (f.stop) cleanups.push(() => f.stop!());
    }
    logger.info({ botId, role: 'worker', features: features.map((f) => f.name) }, 'zhibu worker started');
    let stopped: Promise<void> | undefined;
    return { deps, features, stop: () => (stopped ??= cleanup()) };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function waitForBotId(deps: { redis: Redis; prefix: string; logger: Logger }, opts: WorkerAppOptions) {
  const until = opts.botIdTimeoutMs === undefined ? Infinity : Date.now() + opts.botIdTimeoutMs;
  let told = false;
  for (;;) {
    const id = await recordedBotId(deps.redis, deps.prefix);
    if (id) return id;
    if (opts.signal?.aborted) throw new Error('aborted');
    if (Date.now() > until) throw new Error('没有找到机器人账号：请先启动 edge 进程（zhibu start --role edge）。');
    if (!told) deps.logger.info('waiting for an edge process to record the bot account');
    told = true;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** SIGINT/SIGTERM: stop taking messages, finish or hand back jobs, close everything; a second signal forces exit. */
export function installShutdown(
  app: Pick<App, 'stop'>,
  logger: Logger,
  onDone: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return onDone(130);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => onDone(1), 20_000);
    force.unref();
    app.stop().then(
      () => onDone(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        onDone(1);
      },
    );
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
