// What became of a broadcast's outbox messages, read from the outbox's own queue and sent-markers,
// and withdrawal of messages not yet sent (a cancelled broadcast). Built on jobs/outbox/ (keys, sent markers).
import { Queue } from 'bullmq';
import type { Logger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import { queuePrefix, jobIdFor, outboxQueueName } from '../../jobs/outbox/keys.js';
import { createSentMarks } from '../../jobs/outbox/sent-marks.js';
import { repeatWarn } from '../../ground/repeat-warn.js';

export type DeliveryState = 'sent' | 'failed' | 'pending' | 'active' | 'absent';

export interface DeliveryProbe {
  /** States of messages by key. `full` asks the queue about every unsent key, else about the first `window`. */
  states(
    keys: string[],
    opts?: { full?: boolean; window?: number },
  ): Promise<Map<string, { state: DeliveryState; reason?: string }>>;
  /** Removes messages still waiting in the outbox; returns the keys that will not be sent (removed or never queued). */
  withdraw(keys: string[]): Promise<string[]>;
  close(): Promise<void>;
}

const PENDING = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'paused']);

/**
 * One account's outbox (`botId`), or several (`accountIds`: every channel account of the bot, the rooms of a
 * broadcast being spread over them); a message is looked for in each queue, a key lives in one at most.
 */
export function createDeliveryProbe(o: {
  redis: Redis;
  prefix: string;
  botId: string;
  accountIds?: string[];
  logger: Logger;
}): DeliveryProbe {
  const accounts = o.accountIds?.length ? o.accountIds : [o.botId];
  const boxes = accounts.map((id) => {
    const queue = new Queue(outboxQueueName(id), {
      connection: o.redis,
      prefix: queuePrefix(o.prefix, outboxQueueName(id), o.redis),
    });
    queue.on('error', repeatWarn(o.logger, 'delivery probe queue error'));
    return { queue, marks: createSentMarks(o.redis, o.prefix, id) };
  });
  const marks = {
    async wasSent(key: string) {
      for (const b of boxes) if (await b.marks.wasSent(key)) return true;
      return false;
    },
    async wereSent(list: string[]) {
      const all = await Promise.all(boxes.map((b) => b.marks.wereSent(list)));
      return list.map((_, i) => all.some((a) => a[i]));
    },
  };
  /** The queue that has the message, and its state there ('unknown' when none has it). */
  async function located(jobId: string): Promise<{ queue: Queue; state: string }> {
    for (const { queue } of boxes) {
      const state = await queue.getJobState(jobId);
      if (state !== 'unknown') return { queue, state };
    }
    return { queue: boxes[0]!.queue, state: 'unknown' };
  }

  async function queueState(key: string): Promise<{ state: DeliveryState; reason?: string }> {
    const jobId = jobIdFor(key);
    const { queue, state } = await located(jobId);
    if (state === 'completed') return { state: 'sent' };
    if (state === 'failed') return { state: 'failed', reason: (await queue.getJob(jobId))?.failedReason ?? '发送失败' };
    if (state === 'active') return { state: 'active' };
    if (PENDING.has(state)) return { state: 'pending' };
    // Gone from the queue: sent long ago (marker) or never queued / withdrawn.
    return { state: (await marks.wasSent(key)) ? 'sent' : 'absent' };
  }

  return {
    async states(list, { full = false, window = 50 } = {}) {
      const out = new Map<string, { state: DeliveryState; reason?: string }>();
      if (!list.length) return out;
      const sent = await marks.wereSent(list);
      const unsent: string[] = [];
      list.forEach((key, i) => (sent[i] ? out.set(key, { state: 'sent' }) : unsent.push(key)));
      const ask = full ? unsent : unsent.slice(0, window);
      const answers = await Promise.all(ask.map(queueState));
      ask.forEach((key, i) => out.set(key, answers[i]!));
      for (const key of unsent.slice(ask.length)) out.set(key, { state: 'pending' });
      return out;
    },
    async withdraw(list) {
      const gone: string[] = [];
      for (const key of list) {
        const jobId = jobIdFor(key);
        const { queue, state } = await located(jobId);
        if (PENDING.has(state)) {
          if ((await queue.remove(jobId)) === 1) gone.push(key);
        } else if (state === 'unknown' && !(await marks.wasSent(key))) gone.push(key);
      }
      return gone;
    },
    async close() {
      await Promise.all(boxes.map((b) => b.queue.close()));
    },
  };
}
