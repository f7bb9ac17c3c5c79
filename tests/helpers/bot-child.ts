// The whole bot as a child process for crash tests: `node --import tsx tests/helpers/bot-child.ts`.
// createApp with every real feature (bot/features.ts) on the mock puppet (broadcastSpec(ROOMS) rooms), its
// outbox, meetings and broadcast workers. Each send is journalled in a Redis list at the puppet boundary:
// "A|room|ident" before the puppet is called and "D|room|ident" after it returned, both awaited, so the parent
// can count deliveries across kill -9 (D = surely delivered, A = maybe delivered). The outbox and its
// sent-markers are untouched. Env: REDIS_URL, REDIS_PREFIX, DATA_DIR, ROOMS, RATE, JOURNAL_KEY; optional
// ADMIN_IDS, ROLE (all | edge | worker), HANG_TEXT: a send whose text contains it is journalled as attempted and then
// never returns, and INBOUND_KEY (see below).
// Prints "ready" once started; SIGTERM stops it gracefully.
import { PuppetMock } from 'wechaty-puppet-mock';
import { loadConfig } from '../../ground/config.js';
import { createLogger, silentLogger } from '../../ground/logger.js';
import { createApp, createWorkerApp } from '../../app/container.js';
import { connectRedis } from '../../ground/redis/connect.js';
import { featureFactories } from '../../bot/features.js';
import { broadcastSpec } from './broadcast-world.js';

const env = process.env;
// The journal may live on another Redis than the bot's (JOURNAL_URL): a Redis failover test must not lose it.
const journal = connectRedis(env.JOURNAL_URL ?? env.REDIS_URL!, { name: 'bot-child-journal' });
const key = env.JOURNAL_KEY!;

/**
 * What a send is about: a meeting reminder by meeting id, a broadcast, the reply acknowledging a meeting created
 * in chat (by id), a rolling check-in acknowledgement (by who came), or the start of any other text.
 */
function identOf(text: string): string {
  const reminder = /【会议提醒】[^\n]*（编号 (\d+)）/.exec(text);
  if (reminder) return `remind:${reminder[1]}`;
  const created = /已创建会议（编号 (\d+)）/.exec(text);
  if (created) return `created:${created[1]}`;
  const checkins = /^已签到 \d+\/\d+：([^；（]*)/.exec(text);
  if (checkins) return `checkins:${checkins[1]}`;
  if (text.includes('CRASH-BROADCAST')) return 'broadcast';
  return `other:${text.slice(0, 24).replace(/[|\n]/g, ' ')}`;
}

// Patched on the prototype before createApp: the outbox worker starts inside createApp and may send at once.
const original = PuppetMock.prototype.messageSendText;
const passOn = original as (this: PuppetMock, ...args: unknown[]) => Promise<void>;
PuppetMock.prototype.messageSendText = async function (
  this: PuppetMock,
  conversationId: string,
  text: string,
  ...rest: unknown[]
) {
  const entry = `${conversationId}|${identOf(text)}`;
  await journal.rpush(key, `A|${entry}`);
  if (env.HANG_TEXT && text.includes(env.HANG_TEXT)) await new Promise(() => undefined);
  const result = await passOn.call(this, conversationId, text, ...rest);
  await journal.rpush(key, `D|${entry}`);
  return result;
};

const config = loadConfig({
  REDIS_URL: env.REDIS_URL,
  REDIS_CLUSTER_NODES: env.REDIS_CLUSTER_NODES,
  REDIS_SENTINELS: env.REDIS_SENTINELS,
  REDIS_SENTINEL_MASTER: env.REDIS_SENTINEL_MASTER,
  REDIS_PREFIX: env.REDIS_PREFIX,
  DATA_DIR: env.DATA_DIR,
  LOG_LEVEL: 'silent',
  TZ: 'Asia/Shanghai',
  ADMIN_IDS: env.ADMIN_IDS ?? '',
});
// LOG_WARNINGS: the bot's warnings go to stderr, where the parent keeps them (bot-process.ts `warnings()`).
const logger = env.LOG_WARNINGS ? createLogger('warn', process.stderr) : silentLogger;
// ROLE: all (default) | edge (channel, router, outbox) | worker (the features' workers, no channel).
const role = (env.ROLE ?? 'all') as 'all' | 'edge' | 'worker';
const app =
  role === 'worker'
    ? await createWorkerApp({ config, logger, features: featureFactories })
    : await createApp({
        config,
        logger,
        mock: true,
        mockSpec: broadcastSpec(Number(env.ROOMS)),
        features: featureFactories,
        answerer: {
          answer: async () => ({ text: '（测试）', citations: [], refused: true, sources: [], mode: 'refusal' }),
        },
        outbox: { ratePerMinute: Number(env.RATE), attempts: 3, backoffMs: 50 },
        role,
      });
// INBOUND_KEY: messages the parent posts into the mock WeChat ({ from, roomId?, text } as JSON, one per list item,
// on the journal's Redis), as members typing in chat.
const world = role === 'worker' ? undefined : (app as Awaited<ReturnType<typeof createApp>>).wechat?.world;
if (env.INBOUND_KEY && world) {
  const inbound = connectRedis(env.JOURNAL_URL ?? env.REDIS_URL!, { name: 'bot-child-inbound', forWorker: true });
  void (async () => {
    for (;;) {
      const item = await inbound.blpop(env.INBOUND_KEY!, 1).catch(() => null);
      if (!item) continue;
      const m = JSON.parse(item[1]) as { from: string; roomId?: string; text: string };
      world.post(m.from, m.text, { roomId: m.roomId });
    }
  })();
}
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
