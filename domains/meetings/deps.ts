// What meeting jobs and handlers need: records, the outbox, the queue, time.
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import type { Stores } from '../../store/index.js';
import type { Outbox } from '../../jobs/outbox/types.js';
import type { MeetingQueue } from './queue.js';
import type { DueBuckets } from '../../store/due-buckets.js';

export interface MeetingDeps {
  stores: Stores;
  outbox: Outbox;
  queue: MeetingQueue;
  /** Sets of steps due at the same instant. */
  buckets: DueBuckets;
  clock: Clock;
  logger: Logger;
  tz: string;
  adminIds: string[];
  /** Check-ins within one window share one rolling acknowledgement (default 10 s). */
  ackWindowMs: number;
}

export const DEFAULT_ACK_WINDOW_MS = 10_000;
