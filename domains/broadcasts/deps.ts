// What the broadcast jobs need, built once by the feature (bot) or the CLI.
import type { Queue } from 'bullmq';
import type { Clock } from '../../ground/clock.js';
import type { Logger } from '../../ground/logger.js';
import type { Redis } from '../../ground/redis/connect.js';
import type { StudyUnit } from '../../knowledge/study-units.js';
import type { AuditLog } from '../../store/audit.js';
import type { BranchStore } from '../../store/branches.js';
import type { BroadcastStore } from '../../store/broadcasts.js';
import type { RoomDirectory } from '../../store/room-directory.js';
import type { StudyCursor } from '../../store/study-cursor.js';
import type { BroadcastJobData } from './queue.js';
import type { DeliveryProbe } from './delivery.js';
import type { Outbox } from '../../jobs/outbox/types.js';

export interface BroadcastDeps {
  redis: Redis;
  prefix: string;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  outbox: Outbox;
  queue: Queue<BroadcastJobData>;
  broadcasts: BroadcastStore;
  branches: BranchStore;
  rooms: RoomDirectory;
  audit: AuditLog;
  delivery: DeliveryProbe;
  /** The study units (每日一学) of the given documents, in document order. */
  studyUnits(docs: string[]): Promise<StudyUnit[]>;
  /** Which unit each 每日一学 run takes. */
  studyCursor: StudyCursor;
  /** Rooms per outbox batch; the cancel flag is checked between batches (default 100). */
  batchSize?: number;
  /** How often a running broadcast's delivery is checked (default 3 s). */
  watchMs?: number;
}
