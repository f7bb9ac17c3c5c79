// The producer side of the outbox: one BullMQ queue per bot account. enqueue() splits long texts into
// ordered parts carried by ONE job whose id is derived from the message key, so adding twice is a no-op.
import { Queue } from 'bullmq';
import type { Logger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { queuePrefix, jobIdFor, outboxKeys, outboxQueueName, type OutboxJobData } from './keys.js';
import { splitText } from './split.js';
import type { Outbox, OutboxMessage } from './types.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export interface OutboxOptions {
  redis: Redis;
  /** Key prefix, e.g. "zhibu:". */
  prefix: string;
  botId: string;
  logger: Logger;
  /** Attempts per job before it is dead-lettered (default 5). */
  attempts?: number;
  /** First retry delay; doubles each time (default 5 s). */
  backoffMs?: number;
  /** Characters per part (default 1,500). */
  partMaxChars?: number;
}

export interface OutboxHandle extends Outbox {
  queue: Queue<OutboxJobData>;
  queueName: string;
  /** Jobs not yet finished (waiting, active, delayed, prioritized). */
  pending(): Promise<number>;
  /** Resolves when nothing is pending, or false after the timeout. */
  whenIdle(timeoutMs: number, pollMs?: number): Promise<boolean>;
  /** How many workers (bot processes) consume this outbox right now: 0 means nothing will be sent yet. */
  consumers(): Promise<number>;
  /** Dead letters, newest first. */
  deadLetters(limit?: number): Promise<Array<OutboxJobData & { error: string; at: number }>>;
  close(): Promise<void>;
}

/**
 * Text as it may be sent: no control characters but newline and tab (replies can echo what a member typed,
 * NUL included), and no lone UTF-16 surrogates (not encodable as UTF-8 for the puppet), which become U+FFFD.
 */
export function sendableText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export function createOutbox(opts: OutboxOptions): OutboxHandle {
  const queueName = outboxQueueName(opts.botId);
  const queue = new Queue<OutboxJobData>(queueName, {
    connection: opts.redis,
    prefix: queuePrefix(opts.prefix, queueName, opts.redis),
  });
  queue.on('error', repeatWarn(opts.logger, 'outbox queue error', { queue: queueName }));
  const keys = outboxKeys(opts.prefix, opts.botId);
  const jobOpts = {
    attempts: opts.attempts ?? 5,
    backoff: { type: 'exponential', delay: opts.backoffMs ?? 5000 },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
  const check = (m: OutboxMessage) => {
    if (!m.to.roomId && !m.to.contactId) throw new Error(`outbox message ${m.key} has neither roomId nor contactId`);
    return sendableText(m.text).trim() !== '';
  };
  // BullMQ times delays with the wall clock from the job's timestamp: timestamp + delay = notBefore exactly
  // (or the job is available at once).
  const partsOf = (text: string) => splitText(sendableText(text), opts.partMaxChars);
  const toJob = (m: OutboxMessage, now = Date.now(), parts = partsOf(m.text)) => ({
    name: m.tag ?? 'send',
    data: {
      to: m.to,
      parts,
      mentionIds: m.mentionIds ?? [],
      key: m.key,
      tag: m.tag,
      ...(m.onlyIf ? { onlyIf: m.onlyIf } : {}),
      ...(m.actions?.length ? { actions: m.actions } : {}),
      ...(m.render ? { render: m.render } : {}),
    } satisfies OutboxJobData,
    opts: {
      ...jobOpts,
      jobId: jobIdFor(m.key),
      ...(m.notBefore !== undefined && m.notBefore > now ? { timestamp: now, delay: m.notBefore - now } : {}),
    },
  });
  const pending = async () => {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(c).reduce((a, b) => a + b, 0);
  };
  return {
    queue,
    queueName,
    async enqueue(m) {
      if (!check(m)) return;
      const j = toJob(m);
      await queue.add(j.name, j.data, j.opts);
    },
    async enqueueMany(ms) {
      const ok = ms.filter(check);
      if (!ok.length) return;
      // A broadcast sends one text to many rooms: split it once, not once per room.
      const split = new Map<string, string[]>();
      const now = Date.now();
      await queue.addBulk(
        ok.map((m) => {
          let parts = split.get(m.text);
          if (!parts) split.set(m.text, (parts = partsOf(m.text)));
          return toJob(m, now, parts);
        }),
      );
    },
    async withdraw(key) {
      const job = await queue.getJob(jobIdFor(key));
      if (!job) return false;
      // Only a job not yet started: removing a finished one would let the same key be queued (and sent) again.
      if (!['delayed', 'waiting', 'prioritized'].includes(await job.getState())) return false;
      try {
        await job.remove(); // refused by BullMQ if a worker has just taken it
        return true;
      } catch {
        return false;
      }
    },
    pending,
    async whenIdle(timeoutMs, pollMs = 100) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if ((await pending()) === 0) return true;
        await new Promise((r) => setTimeout(r, pollMs).unref());
      }
      return false;
    },
    async consumers() {
      return queue.getWorkersCount();
    },
    async deadLetters(limit = 100) {
      const rows = await opts.redis.lrange(keys.dead, 0, limit - 1);
      return rows.map((r) => JSON.parse(r) as OutboxJobData & { error: string; at: number });
    },
    async close() {
      await queue.close();
    },
  };
}
