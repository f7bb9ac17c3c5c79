// What meeting jobs and handlers need: the one dependency object plus the meetings queue and its due buckets.
import type { Deps } from '../deps.js';
import type { MeetingQueue } from './queue.js';
import type { DueBuckets } from '../../store/due-buckets.js';

export interface MeetingDeps extends Deps {
  queue: MeetingQueue;
  /** Sets of steps due at the same instant. */
  buckets: DueBuckets;
  /** Check-ins within one window share one rolling acknowledgement (default 10 s). */
  ackWindowMs: number;
}

export const DEFAULT_ACK_WINDOW_MS = 10_000;
