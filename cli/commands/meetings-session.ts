// Opens what the roster, meeting and export commands need: the CLI session (the shared dependency object)
// and the meetings queue (jobs run in the bot process; the CLI only schedules them).
import { UserError } from '../../ground/errors.js';
import { DEFAULT_ACK_WINDOW_MS, type MeetingDeps } from '../../domains/meetings/deps.js';
import { createMeetingQueue } from '../../domains/meetings/queue.js';
import { createDueBuckets } from '../../store/due-buckets.js';
import type { Branch } from '../../store/types.js';
import { openSession, type CliSession } from './broadcast-connect.js';

export interface MeetingsSession extends CliSession {
  md: MeetingDeps;
  branchByName(name: string | undefined): Promise<Branch | undefined>;
}

export async function openMeetingsSession(): Promise<MeetingsSession> {
  const s = await openSession();
  const { deps } = s;
  const md: MeetingDeps = {
    ...deps,
    queue: createMeetingQueue(deps.redis, deps.prefix, deps.logger),
    buckets: createDueBuckets(deps.redis, deps.prefix),
    ackWindowMs: DEFAULT_ACK_WINDOW_MS,
  };
  return {
    ...s,
    md,
    async branchByName(name) {
      if (!name) return undefined;
      const b = await deps.stores.branches.getByName(name);
      if (!b)
        throw new UserError(
          `没有名为“${name}”的支部。现有：${(await deps.stores.branches.list()).map((x) => x.name).join('、') || '（无）'}`,
        );
      return b;
    },
    async close() {
      await md.queue.close();
      await s.close();
    },
  };
}
