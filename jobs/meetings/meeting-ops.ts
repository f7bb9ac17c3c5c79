// Create, reschedule and cancel meetings: the record and its jobs change together (chat and CLI share this).
import type { Meeting } from '../../store/types.js';
import type { MeetingInput } from '../../store/meetings.js';
import type { MeetingDeps } from './deps.js';

/** Creating and changing meetings needs only records, the queue and time (the CLI has no outbox). */
export type OpsDeps = Pick<MeetingDeps, 'stores' | 'queue' | 'buckets' | 'clock'>;
import { scheduleMeeting, unscheduleMeeting } from './schedule.js';

export async function createMeeting(deps: OpsDeps, input: MeetingInput): Promise<Meeting> {
  const now = deps.clock.now();
  const m = await deps.stores.meetings.create(input, now);
  await scheduleMeeting(deps, m, now);
  return m;
}

export async function rescheduleMeeting(deps: OpsDeps, m: Meeting, startAt: number): Promise<Meeting> {
  await unscheduleMeeting(deps, m);
  const next = await deps.stores.meetings.update(m.id, { startAt, endAt: m.endAt ? m.endAt + (startAt - m.startAt) : undefined });
  await scheduleMeeting(deps, next, deps.clock.now());
  return next;
}

export async function cancelMeeting(deps: OpsDeps, m: Meeting): Promise<Meeting> {
  const next = await deps.stores.meetings.update(m.id, { status: 'cancelled' });
  await unscheduleMeeting(deps, m);
  return next;
}
