// The consumer side of the outbox: the only place that sends. It paces with BullMQ's limiter, keeps a
// daily cap, backs off when the platform says "too frequent", marks each part as sent right after the
// send (so retries and restarts never resend it) and dead-letters jobs that keep failing.
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { queuePrefix, DEAD_LETTER_TAG, outboxKeys, type OutboxJobData } from './keys.js';
import { localDay, startOfNextDay } from '../../ground/time/zoned.js';
import type { OutboxHandle } from './producer.js';
import { RateLimitedError, type OutboxRenderer, type Sender } from './types.js';
import { sendableText } from './producer.js';
import { splitText } from './split.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export interface OutboxWorkerOptions {
  outbox: OutboxHandle;
  sender: Sender;
  redis: Redis;
  /** Opens the worker's own blocking connection (closed with the worker). */
  connect(name: string, opts: { forWorker: true }): Redis;
  prefix: string;
  botId: string;
  logger: Logger;
  clock: Clock;
  timeZone: string;
  ratePerMinute: number;
  dailyCap: number;
  adminIds: string[];
  /** First back-off after the platform reports rate limiting; doubles per consecutive report (default 60 s, max 30 min). */
  rateLimitBackoffMs?: number;
  /** A send that has not returned by then is given up (default 60 s): see SendTimeoutError. */
  sendTimeoutMs?: number;
  /** Renderers by kind for messages re-rendered at send time (OutboxMessage.render), registered by the domains. */
  renderers?: Record<string, OutboxRenderer>;
  /** Deps.awaitReplicas: a part's sent-marker reaches a replica before the next send (Sentinel/Cluster). */
  awaitReplicas?: () => Promise<void>;
}

/**
 * The puppet did not answer in time. The message may or may not have gone out, so it is not retried (a retry
 * could post it twice): it is dead-lettered and the admins are told, and the outbox moves on instead of
 * waiting behind a hung call forever.
 */
class SendTimeoutError extends Error {
  constructor(ms: number) {
    super(`发送 ${Math.round(ms / 1000)} 秒未返回，无法确认是否已送达（不再重试，以免重复发送）`);
    this.name = 'SendTimeoutError';
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendTimeoutError(ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The failure as admins read it: a Chinese message as is, anything else (a platform's English) summarised. */
function reasonInChinese(err: Error): string {
  return /[\u4e00-\u9fff]/.test(err.message) ? err.message : '微信接口报错，消息未能发出（原始错误见日志）';
}

export interface OutboxWorker {
  worker: Worker<OutboxJobData>;
  close(): Promise<void>;
}

const SENT_MARKER_TTL_S = 14 * 24 * 3600;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

export function startOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const keys = outboxKeys(o.prefix, o.botId);
  const intervalMs = Math.ceil(60_000 / o.ratePerMinute);
  const baseBackoff = o.rateLimitBackoffMs ?? 60_000;
  let consecutiveRateLimits = 0;
  let lastSentAt = 0;
  const log = o.logger.child({ mod: 'outbox', queue: o.outbox.queueName });
  const connection = o.connect('outbox-worker', { forWorker: true });

  async function deadLetter(job: Job<OutboxJobData>, err: Error): Promise<void> {
    const entry = { ...job.data, jobId: job.id, error: err.message, at: o.clock.now() };
    await o.redis.multi().lpush(keys.dead, JSON.stringify(entry)).ltrim(keys.dead, 0, 9999).exec();
    log.error({ jobId: job.id, key: job.data.key, err: err.message }, 'outbox message dead-lettered');
    if (job.data.tag === DEAD_LETTER_TAG) return; // never report a failed report: no recursion
    // Admins see a group's name and a Chinese reason; the raw id and error stay in the log and the entry.
    const where =
      (await o.sender.describe?.(job.data.to).catch(() => undefined)) ??
      (job.data.to.roomId ? '一个群（已查不到群名）' : '一位联系人（已查不到名字）');
    const preview = job.data.parts.join('').slice(0, 60);
    await o.outbox.enqueueMany(
      o.adminIds.map((admin) => ({
        to: { contactId: admin },
        text: `【发送失败】一条发往${where}的消息${err instanceof SendTimeoutError ? '发送超时，可能未送达' : `重试 ${job.attemptsMade + 1} 次后仍未发出`}，已转入死信队列。\n内容：${preview}${preview.length >= 60 ? '…' : ''}\n原因：${reasonInChinese(err)}`,
        key: `deadletter:${job.id}:${admin}`,
        tag: DEAD_LETTER_TAG,
      })),
    );
  }

  /** The parts to send: rendered again from the current state when the message asks for it. */
  async function partsOf(d: OutboxJobData): Promise<string[]> {
    const render = d.render && o.renderers?.[d.render.kind];
    if (!render) return d.parts;
    const text = await render(d.render!.args);
    const parts = text === undefined ? [] : splitText(sendableText(text));
    return parts.length ? parts : d.parts;
  }

  async function sendPart(
    job: Job<OutboxJobData>,
    token: string | undefined,
    i: number,
    text: string,
    last: boolean,
  ): Promise<void> {
    const now = o.clock.now();
    const day = localDay(now, o.timeZone);
    const count = Number((await o.redis.get(keys.day(day))) ?? 0);
    if (count >= o.dailyCap) {
      log.warn({ jobId: job.id, day, cap: o.dailyCap }, 'daily cap reached: message delayed to the next day');
      await job.moveToDelayed(startOfNextDay(now, o.timeZone), token);
      throw new DelayedError();
    }
    const d = job.data;
    // BullMQ's limiter spaces job starts (across processes); this spaces the sends themselves in this process.
    const wait = lastSentAt + intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    lastSentAt = Date.now();
    // Buttons go with the last part; the key names the part so a platform that de-duplicates sends can use it.
    const extras = { key: `${d.key}#${i}`, ...(last && d.actions ? { actions: d.actions } : {}) };
    await withTimeout(o.sender.send(d.to, text, i === 0 ? d.mentionIds : [], extras), o.sendTimeoutMs ?? 60_000);
    await o.redis
      .multi()
      .set(keys.sent(job.id!, i), '1', 'EX', SENT_MARKER_TTL_S)
      .incr(keys.day(day))
      .expire(keys.day(day), 3 * 24 * 3600)
      .exec();
    // A marker only the old master had would let a failover send this part again: with it on a replica, a
    // failover repeats at most the one message in flight (one per account: the worker sends one at a time).
    await o.awaitReplicas?.();
  }

  /** The message's condition (if any) still holds: e.g. a pre-staged meeting reminder whose meeting was not cancelled or moved. */
  async function stillWanted(d: OutboxJobData): Promise<boolean> {
    if (!d.onlyIf) return true;
    const raw = await o.redis.get(d.onlyIf.key);
    const rec = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    return !!rec && Object.entries(d.onlyIf.fields).every(([f, v]) => rec[f] === v);
  }

  async function process(job: Job<OutboxJobData>, token?: string): Promise<{ sent: number; dropped?: true }> {
    const fence = job.data.onlyIf?.fence;
    // Registered before the condition is read (see OutboxCondition.fence); the score bounds a crashed holder.
    if (fence) await o.redis.zadd(fence, Date.now() + (o.sendTimeoutMs ?? 60_000) + 5_000, job.id!);
    try {
      return await checkAndSend(job, token);
    } finally {
      if (fence) await o.redis.zrem(fence, job.id!).catch(() => undefined);
    }
  }

  async function checkAndSend(job: Job<OutboxJobData>, token?: string): Promise<{ sent: number; dropped?: true }> {
    let sent = 0;
    try {
      if (!(await stillWanted(job.data))) {
        log.info({ jobId: job.id, key: job.data.key }, 'outbox message dropped: its condition no longer holds');
        return { sent, dropped: true };
      }
      const parts = await partsOf(job.data);
      for (let i = 0; i < parts.length; i++) {
        if (await o.redis.exists(keys.sent(job.id!, i))) continue;
        await sendPart(job, token, i, parts[i]!, i === parts.length - 1);
        sent++;
        consecutiveRateLimits = 0;
      }
      return { sent };
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      if (err instanceof RateLimitedError) {
        const wait = Math.min(baseBackoff * 2 ** consecutiveRateLimits++, 30 * 60_000);
        log.warn({ jobId: job.id, waitMs: wait }, 'platform rate limit: outbox backs off');
        await o.outbox.queue.rateLimit(wait);
        throw Worker.RateLimitError();
      }
      const e = err instanceof Error ? err : new Error(String(err));
      if (e instanceof SendTimeoutError) {
        await deadLetter(job, e);
        throw new UnrecoverableError(e.message);
      }
      log.warn({ jobId: job.id, attempt: job.attemptsMade + 1, err: e.message }, 'outbox send failed');
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await deadLetter(job, e);
      throw e;
    }
  }

  const worker = new Worker<OutboxJobData>(o.outbox.queueName, process, {
    connection,
    prefix: queuePrefix(o.prefix, o.outbox.queueName, connection),
    concurrency: 1,
    limiter: { max: 1, duration: intervalMs },
  });
  worker.on('error', repeatWarn(log, 'outbox worker error'));
  // A job in flight at more crashes than BullMQ's maxStalledCount (1) is failed without running process(), so it
  // never reaches deadLetter() there: dead-letter and report it here, or the message would vanish unreported.
  worker.on('failed', (job, err) => {
    if (!job || !/stalled more than allowable limit/.test(err.message)) return;
    deadLetter(job, new Error(`发送途中进程多次中断（${err.message}）`)).catch((e: unknown) =>
      log.error({ jobId: job.id, err: (e as Error).message }, 'could not dead-letter a stalled message'),
    );
  });
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
