// A bot process for the crash test: the whole app on the mock puppet with the broadcasts feature (its
// worker and the outbox worker). Every message the bot says into a room is appended to a Redis list, so
// the parent sees deliveries across a kill -9 and a restart. Prints "ready" once started.
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { createApp } from '../../app/container.js';
import { connectRedis } from '../../ground/redis/connect.js';
import { broadcastsFeature } from '../../bot/features/broadcasts.js';
import { broadcastSpec } from './broadcast-world.js';

const env = process.env;
const rooms = Number(env.ROOMS);
const config = loadConfig({
  REDIS_URL: env.REDIS_URL,
  REDIS_PREFIX: env.REDIS_PREFIX,
  DATA_DIR: env.DATA_DIR,
  LOG_LEVEL: 'silent',
  TZ: 'Asia/Shanghai',
});
const redis = connectRedis(config.redisUrl!, { name: 'crash-child' });
const app = await createApp({
  config,
  logger: silentLogger,
  mock: true,
  mockSpec: broadcastSpec(rooms),
  features: [broadcastsFeature],
  answerer: { answer: async () => ({ text: '', citations: [], refused: false, sources: [], mode: 'extractive' }) },
  outbox: { ratePerMinute: Number(env.RATE), attempts: 3, backoffMs: 50 },
});
app.wechat!.world!.onBotSay((s) => {
  if (s.roomId) void redis.rpush(env.SAID_KEY!, `${s.roomId}|${s.text}`);
});
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
