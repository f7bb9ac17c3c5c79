// A meetings-worker process for the province benchmark (1, 2 or 4 of them share the due buckets).
// Env: REDIS_URL, PREFIX, BOT_ID. Prints "ready" once its worker runs; SIGTERM stops it.
import { createDeps } from '../app/deps.js';
import { loadConfig } from '../ground/config.js';
import { silentLogger } from '../ground/logger.js';
import { createMeetingQueue } from '../domains/meetings/queue.js';
import { startMeetingWorker } from '../domains/meetings/worker.js';
import { createDueBuckets } from '../store/due-buckets.js';

const url = process.env.REDIS_URL!;
const prefix = process.env.PREFIX!;
const config = loadConfig({ REDIS_URL: url, REDIS_PREFIX: prefix, TZ: 'Asia/Shanghai', LOG_LEVEL: 'silent' });
const base = createDeps({ config, logger: silentLogger, redisUrl: url, botId: process.env.BOT_ID! });
const deps = {
  ...base,
  queue: createMeetingQueue(base.redis, prefix, silentLogger),
  buckets: createDueBuckets(base.redis, prefix),
  ackWindowMs: 60_000,
};
const worker = startMeetingWorker(deps);
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
