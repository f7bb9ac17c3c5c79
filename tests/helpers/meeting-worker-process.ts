// A meetings worker in its own process, for the restart test: `node --import tsx tests/jobs/meeting-worker-process.ts`.
// Env: REDIS_URL, PREFIX, BOT_ID. Prints "ready" once the worker is running; runs until killed.
import { systemClock } from '../../ground/clock.js';
import { silentLogger } from '../../ground/logger.js';
import { connectRedis } from '../../ground/redis/connect.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import { startMeetingWorker } from '../../domains/meetings/worker.js';
import { createOutbox } from '../../jobs/outbox/producer.js';
import { createStores } from '../../store/index.js';

const url = process.env.REDIS_URL!;
const prefix = process.env.PREFIX!;
const redis = connectRedis(url, { name: 'child' });
const outbox = createOutbox({ redis, prefix, botId: process.env.BOT_ID!, logger: silentLogger });
const deps = {
  stores: createStores(redis, prefix), outbox, queue: createMeetingQueue(redis, prefix, silentLogger), buckets: createDueBuckets(redis, prefix), clock: systemClock,
  logger: silentLogger, tz: 'Asia/Shanghai', adminIds: [], ackWindowMs: 1000,
};
const worker = startMeetingWorker(deps, { redisUrl: url, prefix });
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
