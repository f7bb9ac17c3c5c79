// Opens what the roster, meeting and export commands need: Redis (via the shared CLI session), the stores
// and the meetings queue (jobs run in the bot process; the CLI only schedules them).
import { systemClock } from '../../ground/clock.js';
import { UserError } from '../../ground/errors.js';
import { createLogger } from '../../ground/logger.js';
import { createMeetingQueue, type MeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets, type DueBuckets } from '../../store/due-buckets.js';
import { createStores, type Stores } from '../../store/index.js';
import type { Branch } from '../../store/types.js';
import { openSession, type CliSession } from './broadcast-connect.js';

export interface MeetingsSession extends CliSession {
  stores: Stores;
  queue: MeetingQueue;
  buckets: DueBuckets;
  tz: string;
  branchByName(name: string | undefined): Promise<Branch | undefined>;
}

export async function openMeetingsSession(): Promise<MeetingsSession> {
  const s = await openSession();
  const logger = createLogger(s.config.logLevel === 'info' ? 'warn' : s.config.logLevel);
  const stores = createStores(s.redis, s.config.redisPrefix);
  const queue = createMeetingQueue(s.redis, s.config.redisPrefix, logger);
  return {
    ...s, stores, queue, buckets: createDueBuckets(s.redis, s.config.redisPrefix), tz: s.config.timeZone,
    async branchByName(name) {
      if (!name) return undefined;
      const b = await stores.branches.getByName(name);
      if (!b) throw new UserError(`没有名为“${name}”的支部。现有：${(await stores.branches.list()).map((x) => x.name).join('、') || '（无）'}`);
      return b;
    },
    async close() {
      await queue.close();
      await s.close();
    },
  };
}

export const cliClock = systemClock;
