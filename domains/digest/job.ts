// The monthly digest job: a daily 09:00 scheduler whose run sends each secretary their branch's digest
// on the first workday of the month only (holidays and 调休 from chinese-days). Keys make it once per month.
import { Queue, Worker, type Job } from 'bullmq';
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import { connectRedis, type Redis } from '../../ground/redis/connect.js';
import type { AuditLog } from '../../store/audit.js';
import { createCadenceStore } from '../../store/cadence.js';
import { createStores, type Stores } from '../../store/index.js';
import { computeDigest } from './compute.js';
import { isFirstWorkdayOfMonth } from './periods.js';
import { formatDigest } from './text.js';
import { localParts } from '../../ground/time/zoned.js';
import { RESILIENT_WORKER_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { bullPrefix } from '../../jobs/outbox/keys.js';
import type { Outbox } from '../../jobs/outbox/types.js';

export const DIGEST_QUEUE = 'digest';
export const DIGEST_SCHEDULER = 'digest-daily';

export interface DigestDeps {
  redis: Redis;
  redisUrl: string;
  prefix: string;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  outbox: Outbox;
  audit: AuditLog;
}

/** Digest texts for branches (default: all), keyed by branch id. */
export async function digestsFor(stores: Stores, deps: Pick<DigestDeps, 'redis' | 'prefix' | 'clock' | 'timeZone'>, branchIds?: string[]) {
  const cadence = await createCadenceStore(deps.redis, deps.prefix).get();
  const ids = branchIds ?? (await stores.branches.list()).map((b) => b.id);
  const out: Array<{ branchId: string; secretaries: string[]; text: string }> = [];
  for (const id of ids) {
    const d = await computeDigest(stores, id, deps.clock.now(), deps.timeZone, cadence);
    const branch = await stores.branches.get(id);
    if (d && branch) out.push({ branchId: id, secretaries: branch.secretaries, text: formatDigest(d, deps.timeZone) });
  }
  return out;
}

/** Sends every branch's digest to its secretaries; the month in the key makes a rerun a no-op. */
export async function sendMonthlyDigests(stores: Stores, deps: DigestDeps): Promise<number> {
  const p = localParts(deps.clock.now(), deps.timeZone);
  const month = `${p.year}${String(p.month).padStart(2, '0')}`;
  let sent = 0;
  for (const d of await digestsFor(stores, deps)) {
    await deps.outbox.enqueueMany(d.secretaries.map((s) => ({ to: { contactId: s }, text: d.text, key: `digest:${month}:${d.branchId}:${s}`, tag: 'digest' })));
    sent += d.secretaries.length;
  }
  await deps.audit.recordBy('system', 'digest.send', `${month}: ${sent} 位书记`);
  return sent;
}

export async function processDigestJob(job: Job, stores: Stores, deps: DigestDeps): Promise<{ sent: number }> {
  if (job.name === 'check' && !isFirstWorkdayOfMonth(deps.clock.now(), deps.timeZone)) return { sent: 0 };
  return { sent: await sendMonthlyDigests(stores, deps) };
}

export function startDigestJobs(deps: DigestDeps, opts: { pattern?: string } = {}) {
  const log = deps.logger.child({ mod: 'digest' });
  const stores = createStores(deps.redis, deps.prefix);
  const queue = new Queue(DIGEST_QUEUE, { connection: deps.redis, prefix: bullPrefix(deps.prefix) });
  queue.on('error', (err) => log.warn({ err: err.message }, 'digest queue error'));
  const connection = connectRedis(deps.redisUrl, { forWorker: true, logger: deps.logger, name: 'digest-worker' });
  const worker = new Worker(DIGEST_QUEUE, (job) => processDigestJob(job, stores, deps), { connection, prefix: bullPrefix(deps.prefix), ...RESILIENT_WORKER_OPTIONS });
  watchFailures(worker, { logger: log, label: '月度情况' });
  worker.on('error', (err) => log.warn({ err: err.message }, 'digest worker error'));
  const scheduled = queue.upsertJobScheduler(DIGEST_SCHEDULER, { pattern: opts.pattern ?? '0 0 9 * * *', tz: deps.timeZone }, { name: 'check', opts: { removeOnComplete: 30, removeOnFail: 30 } });
  return {
    stores,
    queue,
    ready: scheduled,
    async close() {
      await worker.close();
      connection.disconnect();
      await queue.close();
    },
  };
}
