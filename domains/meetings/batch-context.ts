// Per-batch caches for step processing: meetings by id, rooms and secretaries per branch.
import type { OutboxMessage } from '../../jobs/outbox/types.js';
import type { Meeting } from '../../store/types.js';
import type { MeetingDeps } from './deps.js';
import { secretaryRecipients } from '../roles/recipients.js';

export interface BatchContext {
  now: number;
  meetings: Map<string, Meeting>;
  rooms(branchId: string): Promise<string[]>;
  secretaries(branchId: string): Promise<string[]>;
}

function memo<T>(fn: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let p = cache.get(key);
    if (!p) cache.set(key, (p = fn(key)));
    return p;
  };
}

/** `at`: the instant the batch acts for (its due time when prepared early). */
export async function createBatchContext(deps: MeetingDeps, meetingIds: string[], at = 0): Promise<BatchContext> {
  const meetings = new Map((await deps.stores.meetings.getMany([...new Set(meetingIds)])).map((m) => [m.id, m]));
  return {
    now: Math.max(deps.clock.now(), at),
    meetings,
    rooms: memo((b) => deps.stores.branches.rooms(b)),
    secretaries: memo((b) => secretaryRecipients(deps.stores, b, deps.config.adminIds)),
  };
}

export type StepHandler = (m: Meeting, deps: MeetingDeps, bc: BatchContext) => Promise<OutboxMessage[]>;
