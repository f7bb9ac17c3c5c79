// The inbound pipeline (filters → route → store) in messages per second, beside raw ioredis pipelined
// writes of the same record in the same run; and the bot's RSS with the default corpus.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../ground/config.js';
import { systemClock } from '../ground/clock.js';
import { silentLogger } from '../ground/logger.js';
import { connectRedis, type Redis } from '../ground/redis/connect.js';
import { featureFactories } from '../bot/features.js';
import { passesFilters, toInbound, type RawMessage } from '../bot/filters.js';
import { openInbox } from '../bot/inbox.js';
import { createRouter } from '../bot/router.js';
import type { AppDeps, Feature, InboundMessage } from '../bot/types.js';
import { demoWorldSpec } from '../bot/channels/console/demo-roster.js';
import { attachInbound } from '../bot/channels/wechaty/adapter.js';
import { startMockWorld } from '../bot/channels/wechaty/mock-world.js';
import { atLeast, atMost, type BenchResult, type BenchSuite, benchDeps } from './types.js';

const N = 60_000;
const BATCH = 1000;
const ROOMS = 20;
const TALKERS = 300;

/** Group chatter as it arrives: unaddressed text in rooms, every message passes the filters and is stored. */
function chatter(n: number, now: number): RawMessage[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `bench-${i}`,
    self: false,
    isText: true,
    text: `大家好，今天学习第${i % 50}条`,
    timestamp: now - 500,
    talkerId: `wxid_member_${i % TALKERS}`,
    talkerName: `党员${i % TALKERS}`,
    roomId: `bench-room-${i % ROOMS}@chatroom`,
    roomTopic: `第${i % ROOMS}党支部`,
    mentionSelf: false,
  }));
}

async function rawPipelined(redis: Redis, prefix: string, msgs: RawMessage[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < msgs.length; i += BATCH) {
    const p = redis.pipeline();
    for (const m of msgs.slice(i, i + BATCH)) p.hset(`${prefix}seen:${m.roomId}`, m.talkerId, m.timestamp);
    await p.exec();
  }
  return msgs.length / ((performance.now() - t0) / 1000);
}

/** The router as the chat edge builds it (bot/edge.ts): the inbox on its own auto-pipelined connection. */
async function inboundPipeline(
  deps: AppDeps,
  msgs: RawMessage[],
  botName: string,
  features: Feature[],
): Promise<number> {
  const inbox = openInbox(deps);
  const router = createRouter(deps, features, { inbox: inbox.inbox });
  try {
    const t0 = performance.now();
    for (let i = 0; i < msgs.length; i += BATCH) {
      const now = Date.now();
      await Promise.all(
        msgs.slice(i, i + BATCH).map((m) => (passesFilters(m, now) ? router.handle(toInbound(m, botName)) : undefined)),
      );
    }
    return msgs.length / ((performance.now() - t0) / 1000);
  } finally {
    await inbox.close();
  }
}

/** The same chatter through a real Wechaty on the mock puppet (puppet event → Message → adapter → router). */
async function throughWechaty(deps: AppDeps, features: Feature[], n: number): Promise<number> {
  const spec = demoWorldSpec(deps.config.botName);
  const world = await startMockWorld(spec);
  const router = createRouter(deps, features);
  let handled = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((r) => (done = r));
  const counting = {
    ...router,
    handle: async (m: InboundMessage) => {
      await router.handle(m);
      if (++handled === n) done();
    },
  };
  attachInbound(world.bot, counting.handle, { botName: deps.config.botName, clock: systemClock, logger: silentLogger });
  const members = spec.contacts.map((c) => c.id);
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    world.post(members[i % members.length]!, `大家好，今天学习第${i % 50}条`, { roomId: spec.rooms[0]!.id });
  await all;
  const rate = n / ((performance.now() - t0) / 1000);
  await world.stop();
  return rate;
}

/** RSS of `zhibu chat` after loading the default corpus and answering one question. */
function botRss(redisUrl: string, dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'zhibu.js'), 'chat'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: 'bench-rss:',
        DATA_DIR: dataDir,
        WECHATY_PUPPET: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const m = /RSS ([\d.]+) MB/.exec(out);
      if (m && out.includes('第16条')) resolve(Number(m[1]));
      else reject(new Error(`no RSS or no cited answer in the console transcript:\n${out}`));
    });
    child.stdin.end('@支部助手 三会一课要报什么计划\n/mem\n');
  });
}

export const inboundSuite: BenchSuite = {
  name: 'inbound',
  async run(ctx) {
    const prefix = `bench-inbound-${Date.now()}:`;
    const redis = connectRedis(ctx.redisUrl, { name: 'bench-inbound' });
    const base = benchDeps(ctx, prefix, 'bench', redis);
    const { outbox, config } = base;
    const deps: AppDeps = {
      ...base,
      botId: 'bench',
      answerer: {
        answer: async () => {
          throw new Error('chatter is never answered');
        },
      },
    };
    const features = await Promise.all(featureFactories.map((make) => make(deps)));
    const results: BenchResult[] = [];
    try {
      const msgs = chatter(N, Date.now());
      await rawPipelined(redis, `${prefix}warm:`, msgs.slice(0, 5000));
      await inboundPipeline(deps, msgs.slice(0, 5000), config.botName, features);
      const raw = await rawPipelined(redis, `${prefix}raw:`, msgs);
      const pipeline = await inboundPipeline(deps, msgs, config.botName, features);
      const edgeOnly = await inboundPipeline(deps, msgs, config.botName, []);
      const ratio = pipeline / raw;
      const names = features.map((f) => f.name).join(', ') || 'none';
      ctx.log(
        `raw ioredis pipelined HSET ${raw.toFixed(0)}/s; inbound ${pipeline.toFixed(0)} msg/s with features [${names}] (${(ratio * 100).toFixed(0)} %), ${edgeOnly.toFixed(0)} msg/s edge only`,
      );
      results.push({
        name: 'inbound msg/s (filters → route → store)',
        value: pipeline,
        unit: 'msg/s',
        ...atLeast(pipeline, 3000),
        baseline: { name: 'raw ioredis pipelined HSET', value: raw, unit: 'writes/s', ratio },
        note: `${N} unaddressed room messages, ${BATCH} in flight; installed features: ${names}`,
      });
      results.push({
        name: 'inbound / raw writes',
        value: ratio * 100,
        unit: '%',
        ...atLeast(ratio * 100, 50),
        note: `features: ${names}`,
      });
      for (const f of features) {
        const alone = await inboundPipeline(deps, msgs.slice(0, 20_000), config.botName, [f]);
        results.push({
          name: `inbound msg/s, only feature ${f.name}`,
          value: alone,
          unit: 'msg/s',
          note: 'informative: where the per-message Redis work is',
        });
      }
      results.push({
        name: 'inbound msg/s, chat edge only (no features)',
        value: edgeOnly,
        unit: 'msg/s',
        baseline: { name: 'raw ioredis pipelined HSET', value: raw, unit: 'writes/s', ratio: edgeOnly / raw },
        note: 'informative',
      });
      const viaWechaty = await throughWechaty(deps, features, 5000);
      results.push({
        name: 'inbound msg/s through Wechaty on the mock puppet',
        value: viaWechaty,
        unit: 'msg/s',
        note: 'informative: includes Wechaty message decoding and the mock puppet',
      });
      const rss = await botRss(ctx.redisUrl, path.join(ctx.tmpDir, 'rss'));
      results.push({ name: 'bot RSS, default corpus, after one answer', value: rss, unit: 'MB', ...atMost(rss, 250) });
    } finally {
      await outbox.close();
      redis.disconnect();
    }
    return results;
  },
};

export default inboundSuite;
