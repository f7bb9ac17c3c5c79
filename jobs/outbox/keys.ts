// Names of the outbox's queue and Redis keys, in one place. The outbox is machinery, not a record, so its keys
// (`{prefix}outbox:{botId}:…`) and BullMQ's prefix are built here rather than in store/keys.ts, which builds
// every other key (see the note at its top). Only jobs/outbox/ uses outboxKeys.
import type { OutboxAction, OutboxCondition, OutboxRender } from './types.js';

export interface OutboxJobData {
  to: { roomId?: string; contactId?: string };
  /** Ordered parts of one message; sent sequentially by one job. */
  parts: string[];
  mentionIds: string[];
  key: string;
  tag?: string;
  /** Send only if this holds when the job runs (see OutboxMessage.onlyIf). */
  onlyIf?: OutboxCondition;
  actions?: OutboxAction[];
  /** Re-rendered at send time (see OutboxMessage.render). */
  render?: OutboxRender;
}

export const DEAD_LETTER_TAG = 'deadletter';

/** BullMQ wants no ':' in queue names. */
export const outboxQueueName = (botId: string) => `outbox-${botId.replace(/[^\w.-]/g, '_')}`;

/** BullMQ's prefix option is joined with ':' itself: "zhibu:" → "zhibu". */
const bullPrefix = (prefix: string) => prefix.replace(/:+$/, '') || 'zhibu';

/**
 * BullMQ's prefix for one queue: every Queue and Worker, and every reader of a queue's keys, takes it from here.
 * Standalone and Sentinel: bullPrefix for every queue, as always ("zhibu" → `zhibu:meetings:…`). In a Cluster
 * (the connection is a Cluster) each queue gets its own hash tag, the prefix's tag with the queue name added
 * (`{zhibu}:` → `{zhibu:meetings}`): BullMQ's scripts need a queue's keys in one slot, and distinct tags spread
 * the queues, which carry the traffic, over the masters. Records stay on the prefix's own tag (`{zhibu}:…`): their
 * transactions need one slot, and they are small (under 0.5 GB for a province). No script or transaction of
 * zhibu mixes two queues' keys, or a queue's keys with records.
 */
export function queuePrefix(prefix: string, queueName: string, connection: { isCluster?: boolean }): string {
  const base = bullPrefix(prefix);
  if (!connection.isCluster) return base;
  const tag = /\{([^}]*)\}/.exec(base);
  return tag ? base.replace(tag[0], `{${tag[1]}:${queueName}}`) : `{${base}:${queueName}}`;
}

/** Deterministic and injective job id for a message key (BullMQ rejects ':' and integer ids). */
export const jobIdFor = (key: string) => `m_${key.replace(/%/g, '%25').replace(/:/g, '%3A')}`;

export function outboxKeys(prefix: string, botId: string) {
  const base = `${prefix}outbox:${botId}:`;
  return {
    sent: (jobId: string, part: number) => `${base}sent:${jobId}#${part}`,
    day: (day: string) => `${base}day:${day}`,
    dead: `${base}dead`,
  };
}
