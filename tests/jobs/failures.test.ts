// A background job that fails for good is reported to the admins through the outbox; a retryable failure is not.
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../ground/logger.js';
import { connectRedis } from '../../ground/redis/connect.js';
import { RESILIENT_WORKER_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { createOutbox } from '../../jobs/outbox/producer.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import { connectTestRedis, deletePrefix, randomPrefix, testRedisUrl } from '../helpers/redis.js';

const redis = connectTestRedis();
const prefix = randomPrefix();
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('watchFailures', () => {
  it('alerts each admin once when a job has used its last attempt', async () => {
    const outbox = createOutbox({ redis, prefix, botId: 'bot', logger: silentLogger });
    const queue = new Queue('flaky', { connection: redis, prefix: queuePrefix(prefix, 'flaky', redis) });
    const connection = connectRedis(testRedisUrl(), { forWorker: true, name: 'flaky-worker' });
    let runs = 0;
    const worker = new Worker(
      'flaky',
      async (): Promise<unknown> => {
        runs++;
        throw new Error('boom');
      },
      { connection, prefix: queuePrefix(prefix, 'flaky', connection), ...RESILIENT_WORKER_OPTIONS },
    );
    worker.on('error', () => undefined);
    watchFailures(worker, { logger: silentLogger, outbox, adminIds: ['wxid_a', 'wxid_b'], label: '测试' });
    await queue.add('close', {}, { jobId: 'job-1', attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    const deadline = Date.now() + 10_000;
    while ((await outbox.pending()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const jobs = await outbox.queue.getJobs(['waiting', 'delayed', 'prioritized']);
    expect(runs).toBe(2);
    expect(jobs.map((j) => j.data.to.contactId).sort()).toEqual(['wxid_a', 'wxid_b']);
    expect(jobs[0]!.data.parts.join('')).toMatch(/^【系统告警】测试任务失败（close job-1）：boom/);
    await worker.close();
    connection.disconnect();
    await queue.close();
    await outbox.close();
  });
});
