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
import type { LiveKnowledge } from '../knowledge/live.js';
import type { OutboxHandle } from '../jobs/outbox/producer.js';
import { featureFactories } from '../bot/features.js';
import { startChatEdge, type ChatEdge } from '../bot/edge.js';
import type { AppDeps, Feature, FeatureFactory } from '../bot/types.js';
import type { WechatConnection } from '../bot/channels/wechaty/connect.js';
import type { MockWorldSpec } from '../bot/channels/wechaty/mock-world.js';
import { accountKeyOfAddress, type Channel } from '../bot/channels/channel.js';
import { openChannels } from '../bot/channels/open.js';
import { webhookRoomOf } from '../bot/channels/wecom-webhook/channel.js';
import { createOutbox } from '../jobs/outbox/producer.js';
import { PART_MAX_CHARS } from '../jobs/outbox/split.js';
import { createRoutedOutbox } from '../jobs/outbox/routed.js';
import type { Outbox } from '../jobs/outbox/types.js';
import type { Stores } from '../store/index.js';
import { createDeps } from './deps.js';
import { createCleanups } from './cleanups.js';
import { channelStatuses } from './channel-status.js';
import { startWeb, type WebHandle } from './web.js';
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
  /** Serve the web console in this process (`zhibu start` passes WEB_ENABLED; default off for tests and tools); a
   * port overrides WEB_PORT (0: any free one). */
  web?: boolean | { port?: number; host?: string };
  /** Aborts a start that is still waiting (e.g. for the WeChat QR login); everything started so far is stopped. */
  signal?: AbortSignal;
  /** 'all' (default): edge and workers; 'edge': the features' workers are left to worker processes. */
  role?: 'all' | 'edge';
}

export interface App {
  deps: AppDeps;
  /** The Wechaty or console channel, when one runs. */
  wechat?: WechatConnection;
  /** Every channel, the primary (first in CHANNELS) first. */
  channels: Channel[];
  /** The primary account's outbox queue. */
  outbox: OutboxHandle;
  edge: ChatEdge;
  features: Feature[];
  /** The web console, when served by this process. */
  web?: WebHandle;
  stop(): Promise<void>;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const cleanups = createCleanups(logger);
  const cleanup = () => cleanups.run();
  try {
    const { url, owned } = await openRedisSource(config, logger, 'bot');
    if (owned) cleanups.push(() => owned.stop());
    let answerer = opts.answerer;
    let knowledge: LiveKnowledge | undefined;
    if (!answerer) {
      // Rebuildable in place (the web console's 知识库): answers switch to the new index once it is built.
      const { createLiveKnowledge } = await import('../knowledge/live.js');
      const k = await createLiveKnowledge(config, logger, { onProgress: opts.onKnowledgeProgress });
      cleanups.push(() => k.close());
      knowledge = k;
      answerer = k.answerer;
    }
    const opened = await openChannels(config, logger, {
      mock: opts.mock,
      mockSpec: opts.mockSpec,
      signal: opts.signal,
    });
    cleanups.push(() => opened.stop());
    const primary = opened.channels[0]!;
    // Long texts are split into parts the platform accepts (the outbox's 1,500 characters, or less).
    const partMaxChars = (ch: Channel) => Math.min(PART_MAX_CHARS, ch.capabilities.maxTextChars);
    const base = createDeps({
      config,
      logger,
      clock,
      redisUrl: url,
      botId: primary.accountId,
      outbox: { ...opts.outbox, partMaxChars: partMaxChars(primary) },
    });
    cleanups.push(() => base.close());
    if (!owned) await checkRedisDurability(base.redis, logger);
    // One paced queue per channel account; a message goes to the account that is in its room.
    const routes = opened.channels.map((channel, i) => {
      if (i === 0) return { channel, outbox: base.outbox };
      const outbox = createOutbox({
        redis: base.redis,
        prefix: base.prefix,
        botId: channel.accountId,
        logger,
        attempts: opts.outbox?.attempts,
        backoffMs: opts.outbox?.backoffMs,
        partMaxChars: partMaxChars(channel),
      });
      cleanups.push(() => outbox.close());
      return { channel, outbox };
    });
    const outbox: Outbox =
      routes.length > 1
        ? createRoutedOutbox({
            outboxes: new Map(routes.map((r) => [r.channel.accountId, r.outbox])),
            fallback: opened.wechat?.accountId ?? primary.accountId,
            accountOf: async (to) =>
              to.roomId
                ? ((await base.stores.roomAccounts.accountOf(to.roomId)) ?? accountKeyOfAddress(to.roomId))
                : accountKeyOfAddress(to.contactId ?? ''),
          })
        : base.outbox;
    const deps: AppDeps = {
      ...base,
      outbox,
      answerer,
      botId: primary.accountId,
      accountIds: routes.map((r) => r.channel.accountId),
    };
    await bindWebhookRooms(config, base.stores, clock.now());
    await opts.seed?.(deps);
    // Worker processes (and the CLI) find the account whose outbox carries the messages here.
    await recordBotId(base.redis, base.prefix, primary.accountId);
    const features = await Promise.all((opts.features ?? featureFactories).map((make) => make(deps)));
    const runWorkers = (opts.role ?? 'all') === 'all';
    for (const f of features) {
      if (runWorkers) await f.start?.();
      if (f.stop) cleanups.push(() => f.stop!());
    }
    const edge = startChatEdge({
      deps,
      features,
      channels: routes,
      ratePerMinute: opts.outbox?.ratePerMinute,
      rateLimitBackoffMs: opts.outbox?.rateLimitBackoffMs,
    });
    cleanups.push(() => edge.stop());
    let web: WebHandle | undefined;
    const webOpt = opts.web ?? false;
    if (webOpt) {
      const where = typeof webOpt === 'object' ? webOpt : {};
      // The bot keeps running when the console cannot listen (e.g. the port is taken): it says so and goes on.
      const channels = () => channelStatuses(opened.channels);
      web = await startWeb(deps, { botId: primary.accountId, answerer, knowledge, channels, ...where }).catch(
        (err: unknown) => {
          logger.warn({ err }, 'web console not started');
          process.stderr.write(`网页控制台未能启动：${(err as Error).message}\n`);
          return undefined;
        },
      );
      if (web) cleanups.push(() => web!.close());
    }
    logger.info(
      {
        channels: opened.channels.map((c) => c.accountId),
        role: opts.role ?? 'all',
        features: features.map((f) => f.name),
      },
      'zhibu started',
    );
    let stopped: Promise<void> | undefined;
    return {
      deps,
      wechat: opened.wechat,
      channels: opened.channels,
      outbox: base.outbox,
      edge,
      features,
      web,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A WeCom webhook robot posts to one group, which sends nothing back to bind with: its branch comes from the config. */
async function bindWebhookRooms(config: Config, stores: Stores, now: number): Promise<void> {
  for (const robot of config.channels.wecomWebhook?.robots ?? []) {
    const { branch } = await stores.branches.ensure(robot.branchName, now);
    const roomId = webhookRoomOf(robot.key);
    await stores.branches.bindRoom(branch.id, roomId);
    await stores.roomAccounts.note(roomId, accountKeyOfAddress(roomId)!);
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
  const cleanups = createCleanups(logger);
  const cleanup = () => cleanups.run();
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
