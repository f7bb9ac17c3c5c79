// What the broadcast jobs need: the one dependency object plus the broadcasts queue and the delivery probe.
import type { Queue } from 'bullmq';
import type { StudyUnit } from '../../knowledge/study-units.js';
import type { Deps } from '../deps.js';
import type { DeliveryProbe } from './delivery.js';
import type { BroadcastJobData } from './queue.js';

export interface BroadcastDeps extends Deps {
  queue: Queue<BroadcastJobData>;
  delivery: DeliveryProbe;
  /** The study units (每日一学) of the given documents, in document order. */
  studyUnits(docs: string[]): Promise<StudyUnit[]>;
  /** Rooms per outbox batch; the cancel flag is checked between batches (default 1,000). */
  batchSize?: number;
  /** How often a running broadcast's delivery is checked (default 3 s). */
  watchMs?: number;
}
