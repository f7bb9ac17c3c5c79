// What every background worker does about crashes and failures. Their jobs are idempotent (deterministic
// outbox keys), so a job interrupted by a crash may safely run again: allow several stalls before BullMQ gives
// up (its default of 1 loses a job in flight at two crashes in a row). A job that still fails for good is
// logged and, where the worker knows the admins, reported to them privately through the outbox.
import type { Job, Worker } from 'bullmq';
import type { Logger } from '../ground/logger.js';
import type { Outbox } from './outbox/types.js';

export const RESILIENT_WORKER_OPTIONS = { maxStalledCount: 5 } as const;

/**
 * For workers whose jobs are short (a due bucket: seconds). A running job renews its lock every
 * lockDuration/2, so long jobs keep it; a job whose worker died is seen as stalled once the lock expires (5 s)
 * at the next checks (every 1.5 s; BullMQ needs two), so another worker resumes it within about 10 s
 * instead of BullMQ's default 30–60 s. The cost: an event loop blocked for over 5 s lets the job run twice,
 * which these idempotent jobs allow.
 */
export const SHORT_JOB_LOCK_OPTIONS = { lockDuration: 5_000, stalledInterval: 1_500 } as const;

export interface FailureAlertDeps {
  logger: Logger;
  outbox?: Outbox;
  adminIds?: string[];
  /** Shown to admins, e.g. 会议提醒. */
  label: string;
}

function isFinal(job: Job, err: Error): boolean {
  if (/stalled more than allowable limit/.test(err.message)) return true;
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

export function watchFailures(worker: Worker, deps: FailureAlertDeps): void {
  worker.on('failed', (job, err) => {
    deps.logger.warn({ jobId: job?.id, name: job?.name, err: err.message }, `${deps.label} job failed`);
    if (!job || !isFinal(job, err) || !deps.outbox || !deps.adminIds?.length) return;
    deps.logger.error({ jobId: job.id, name: job.name, err: err.message }, `${deps.label} job failed for good`);
    const text = `【系统告警】${deps.label}任务失败（${job.name} ${job.id}）：${err.message.slice(0, 200)}。请检查日志，必要时手动处理。`;
    deps.outbox
      .enqueueMany(
        deps.adminIds.map((id) => ({
          to: { contactId: id },
          text,
          key: `alert:job:${job.queueName}:${job.id}:${id}`,
          tag: 'alert',
        })),
      )
      .catch((e: unknown) =>
        deps.logger.error({ err: (e as Error).message }, 'could not alert admins of a failed job'),
      );
  });
}
