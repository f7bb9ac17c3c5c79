// A meetings worker in its own process, for the restart and crash tests: `node --import tsx tests/helpers/meeting-worker-process.ts`.
// Env: REDIS_URL, PREFIX, BOT_ID. Prints "ready" once the worker is running; runs until killed.
import { createDeps } from '../../app/deps.js';
import { loadConfig } from '../../ground/config.js';
import { silentLogger } from '../../ground/logger.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { startMeetingWorker } from '../../domains/meetings/worker.js';

const url = process.env.REDIS_URL!;
const prefix = process.env.PREFIX!;
const config = loadConfig({ REDIS_URL: url, REDIS_PREFIX: prefix, TZ: 'Asia/Shanghai' });
const base = createDeps({ config, logger: silentLogger, redisUrl: url, botId: process.env.BOT_ID! });
const deps = {
  ...base,
  queue: createMeetingQueue(base.redis, prefix, silentLogger),
  buckets: createDueBuckets(base.redis, prefix),
  ackWindowMs: 1000,
};
const worker = startMeetingWorker(deps);
await worker.worker.waitUntilReady();
process.stdout.write(`ready ${worker.worker.id}\n`); // the id is in the token of the locks it holds
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
