// Create, reschedule and cancel meetings: the record and its jobs change together (chat and CLI share this).
import type { Meeting } from '../../store/types.js';
import type { MeetingInput } from '../../store/meetings.js';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { secretaryRecipients } from '../roles/recipients.js';
import { scheduleMeeting, unscheduleMeeting } from './schedule.js';
import { isReminder, reminderRecipients, stepsOf, type Step } from './steps.js';

/**
 * Creating and changing meetings needs only records, the queue and time (the CLI has no outbox). With an
 * outbox, a change also withdraws reminders already pre-staged there; without, the outbox drops them when
 * due, as each carries the condition "meeting still scheduled at this start".
 */
export type OpsDeps = Pick<MeetingDeps, 'stores' | 'queue' | 'buckets' | 'clock'> &
  Partial<Pick<MeetingDeps, 'outbox' | 'config'>>;

export async function createMeeting(deps: OpsDeps, input: MeetingInput): Promise<Meeting> {
  const now = deps.clock.now();
  const m = await deps.stores.meetings.create(input, now);
  await scheduleMeeting(deps, m, now);
  return m;
}

export async function rescheduleMeeting(deps: OpsDeps, m: Meeting, startAt: number): Promise<Meeting> {
  const old = stepsOf(m);
  await unscheduleMeeting(deps, old);
  const next = await deps.stores.meetings.update(m.id, {
    startAt,
    endAt: m.endAt ? m.endAt + (startAt - m.startAt) : undefined,
  });
  await withdrawStaged(deps, m, old);
  await scheduleMeeting(deps, next, deps.clock.now());
  await deps.stores.meetings.waitForSends(m.id); // no reminder for the old time after this returns
  return next;
}

export async function cancelMeeting(deps: OpsDeps, m: Meeting): Promise<Meeting> {
  const next = await deps.stores.meetings.update(m.id, { status: 'cancelled' });
  const old = stepsOf(m);
  await unscheduleMeeting(deps, old);
  await withdrawStaged(deps, m, old);
  // A reminder the outbox checked before the record changed may be in the middle of its send: the cancel is
  // acknowledged only after it, so nothing of this meeting is sent after the secretary reads 已取消.
  await deps.stores.meetings.waitForSends(m.id);
  return next;
}

/** Removes the not-yet-started outbox jobs of the meeting's reminders as it was (`m`: old start). */
async function withdrawStaged(deps: OpsDeps, m: Meeting, steps: Step[]): Promise<void> {
  const outbox = deps.outbox;
  if (!outbox) return;
  const reminders = steps.filter(isReminder);
  if (!reminders.length) return;
  const [rooms, secretaries] = await Promise.all([
    deps.stores.branches.rooms(m.branchId),
    secretaryRecipients(deps.stores, m.branchId, deps.config?.adminIds ?? []),
  ]);
  const keys = reminders.flatMap((s) =>
    reminderRecipients(s.kind, { rooms, secretaries }).map((to) => outboxKeys.remind(m, s.offset, to)),
  );
  await Promise.all(keys.map((k) => outbox.withdraw(k)));
}
