// The watch job follows one run until every room is settled (sent, failed or skipped), re-delaying
// itself meanwhile; then it closes the run and sends the admin the delivery report, once.
import { DelayedError, type Job } from 'bullmq';
import type { BroadcastDeps } from './deps.js';
import { reportKey, type WatchData } from './queue.js';
import { formatReport } from './report.js';
import { settleRun } from './settle.js';

export async function watchRun(job: Job<WatchData>, deps: BroadcastDeps, token?: string): Promise<{ done: boolean }> {
  const { broadcastId: id, run } = job.data;
  const b = await deps.stores.broadcasts.get(id);
  if (!b) return { done: true };
  const cancelled = b.status === 'cancelled';
  await settleRun(deps, id, run, cancelled);
  const report = await deps.stores.broadcasts.report(id, run);
  if (report.queued > 0) {
    await job.moveToDelayed(Date.now() + (deps.watchMs ?? 3000), token);
    throw new DelayedError();
  }
  await deps.stores.broadcasts.finishRun(id, run, deps.clock.now());
  if (b.schedule.type === 'once' && !cancelled) await deps.stores.broadcasts.setStatus(id, 'done');
  if (!(await deps.stores.broadcasts.claimReport(id, run))) return { done: true };
  await deps.audit.record({
    actor: 'system',
    action: 'broadcast.report',
    ok: report.failed === 0,
    detail: `#${id} run ${run}: sent ${report.sent}, failed ${report.failed}, skipped ${report.skipped}`,
  });
  // Recurring runs report only when something went wrong; a once broadcast always reports.
  const worthIt = b.schedule.type === 'once' || report.failed > 0;
  if (b.reportTo && worthIt) {
    const topics = await deps.stores.rooms.topics(Object.keys(report.failures));
    await deps.outbox.enqueue({
      to: { contactId: b.reportTo },
      text: formatReport(report, topics, { cancelled }),
      key: reportKey(id, run),
      tag: 'broadcast-report',
    });
  }
  return { done: true };
}
