// The monthly digest job: a daily 09:00 scheduler whose run sends each secretary their branch's digest
// on the first workday of the month only (holidays and 调休 from chinese-days). Keys make it once per month.
import { Queue, Worker, type Job } from 'bullmq';
import type { Deps } from '../deps.js';
import { computeDigest } from './compute.js';
import { isFirstWorkdayOfMonth } from './periods.js';
import { formatDigest } from './text.js';
import { localParts } from '../../ground/time/zoned.js';
import {
  daysOfDataLeft,
  missingYearText,
  syncHolidayCalendar,
  yearsWithoutData,
} from '../meetings/holiday-calendar.js';
import { usesCalendar } from '../meetings/series.js';
import { RESILIENT_WORKER_OPTIONS, watchFailures } from '../../jobs/failures.js';
import { queuePrefix } from '../../jobs/outbox/keys.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export const DIGEST_QUEUE = 'digest';
export const DIGEST_SCHEDULER = 'digest-daily';

/** The digest needs nothing beyond the one dependency object. */
export type DigestDeps = Deps;

const DIGEST_PARALLEL = 50;

/** Digest texts for branches (default: all), keyed by branch id. */
export async function digestsFor(
  deps: Pick<DigestDeps, 'stores' | 'clock' | 'config'>,
  branchIds?: string[],
  opts: { onDemand?: boolean } = {},
) {
  const { stores } = deps;
  const cadence = await stores.cadence.get();
  const ids = branchIds ?? (await stores.branches.list()).map((b) => b.id);
  const out: Array<{ branchId: string; secretaries: string[]; text: string }> = [];
  await syncHolidayCalendar(stores);
  const now = deps.clock.now();
  const tz = deps.config.timeZone;
  // Branches whose series will meet in a year without holiday data within the next 90 days are told so.
  const missing = yearsWithoutData([now, now + 90 * 86_400_000], tz);
  const withSeries = missing.length
    ? new Set((await stores.series.list({ activeOnly: true })).filter(usesCalendar).map((s) => s.branchId))
    : new Set<string>();
  // Branches in parallel batches (a province has thousands), in the order given.
  for (let i = 0; i < ids.length; i += DIGEST_PARALLEL) {
    const batch = await Promise.all(
      ids.slice(i, i + DIGEST_PARALLEL).map(async (id) => {
        const [d, branch] = await Promise.all([computeDigest(stores, id, now, tz, cadence), stores.branches.get(id)]);
        if (!d || !branch) return undefined;
        const note = withSeries.has(id) ? missing.map((y) => `\n例会提示：${missingYearText(y)}`).join('') : '';
        return { branchId: id, secretaries: branch.secretaries, text: formatDigest(d, tz, opts) + note };
      }),
    );
    for (const x of batch) if (x) out.push(x);
  }
  return out;
}

/** Warns the admins once when the loaded holiday data runs out within 30 days. */
export async function warnHolidayDataEnding(
  deps: Pick<DigestDeps, 'stores' | 'clock' | 'config' | 'outbox'>,
): Promise<number> {
  await syncHolidayCalendar(deps.stores);
  const left = daysOfDataLeft(deps.clock.now(), deps.config.timeZone);
  if (!left || left.days > HOLIDAY_WARNING_DAYS) return 0;
  const next = left.last + 1;
  // ADMIN_IDS and those promoted with /授权.
  const admins = [...new Set([...deps.config.adminIds, ...(await deps.stores.admins.list()).map((a) => a.wechatId)])];
  const text = `【系统提醒】法定节假日和调休数据只到${left.last}年底（还剩 ${Math.max(0, left.days)} 天）。国务院办公厅公布${next}年安排后，请运行 zhibu holidays import ${next}.csv 导入（格式见 README）；未导入前，${next}年的例会和月度情况按周一至周五为工作日计算。`;
  await deps.outbox.enqueueMany(
    admins.map((a) => ({ to: { contactId: a }, text, key: `holidays:ending:${left.last}:${a}`, tag: 'alert' })),
  );
  return admins.length;
}

export const HOLIDAY_WARNING_DAYS = 30;

/** Sends every branch's digest to its secretaries; the month in the key makes a rerun a no-op. */
export async function sendMonthlyDigests(
  deps: Pick<DigestDeps, 'stores' | 'clock' | 'config' | 'outbox' | 'audit'>,
): Promise<number> {
  const p = localParts(deps.clock.now(), deps.config.timeZone);
  const month = `${p.year}${String(p.month).padStart(2, '0')}`;
  let sent = 0;
  for (const d of await digestsFor(deps)) {
    await deps.outbox.enqueueMany(
      d.secretaries.map((s) => ({
        to: { contactId: s },
        text: d.text,
        key: `digest:${month}:${d.branchId}:${s}`,
        tag: 'digest',
      })),
    );
    sent += d.secretaries.length;
  }
  await deps.audit.recordBy('system', 'digest.send', `${month}: ${sent} 位书记`);
  return sent;
}

export async function processDigestJob(job: Job, deps: DigestDeps): Promise<{ sent: number }> {
  if (job.name === 'check') await warnHolidayDataEnding(deps);
  if (job.name === 'check' && !isFirstWorkdayOfMonth(deps.clock.now(), deps.config.timeZone)) return { sent: 0 };
  return { sent: await sendMonthlyDigests(deps) };
}

export function startDigestJobs(deps: DigestDeps, opts: { pattern?: string } = {}) {
  const log = deps.logger.child({ mod: 'digest' });
  const { stores } = deps;
  const queue = new Queue(DIGEST_QUEUE, {
    connection: deps.redis,
    prefix: queuePrefix(deps.prefix, DIGEST_QUEUE, deps.redis),
  });
  queue.on('error', repeatWarn(log, 'digest queue error'));
  const connection = deps.connect('digest-worker', { forWorker: true });
  const worker = new Worker(DIGEST_QUEUE, (job) => processDigestJob(job, deps), {
    connection,
    prefix: queuePrefix(deps.prefix, DIGEST_QUEUE, connection),
    ...RESILIENT_WORKER_OPTIONS,
  });
  watchFailures(worker, { logger: log, label: '月度情况' });
  worker.on('error', repeatWarn(log, 'digest worker error'));
  const scheduled = queue.upsertJobScheduler(
    DIGEST_SCHEDULER,
    { pattern: opts.pattern ?? '0 0 9 * * *', tz: deps.config.timeZone },
    { name: 'check', opts: { removeOnComplete: 30, removeOnFail: 30 } },
  );
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
