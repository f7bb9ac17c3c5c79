// A reminder job: to the branch's rooms, or privately to its secretaries. Skipped (and logged) when the
// meeting was cancelled, moved, or has already started (e.g. the reminder fell due while zhibu was down).
import type { Job } from 'bullmq';
import type { MeetingDeps } from './deps.js';
import { outboxKeys, type ReminderTarget } from './queue.js';
import { branchRooms, secretaryRecipients } from './recipients.js';
import { roomReminder, secretaryReminder } from './texts.js';

export interface RemindData {
  meetingId: string;
  startAt: number;
  offset: number;
  target: ReminderTarget;
}

export async function processRemind(job: Job<RemindData>, deps: MeetingDeps): Promise<string> {
  const { meetingId, startAt, offset, target } = job.data;
  const m = await deps.stores.meetings.get(meetingId);
  const log = deps.logger.child({ job: job.id, meetingId });
  if (!m || m.status !== 'scheduled' || m.startAt !== startAt) {
    log.info('reminder skipped: meeting cancelled or moved');
    return 'stale';
  }
  const now = deps.clock.now();
  if (now >= m.startAt) {
    log.warn({ due: startAt - offset, lateMs: now - (startAt - offset) }, 'reminder skipped: the meeting has already started');
    return 'missed';
  }
  if (target === 'room') {
    const rooms = await branchRooms(deps.stores, m.branchId);
    const text = roomReminder(m, deps.tz, untilStart(m.startAt - now, offset));
    await deps.outbox.enqueueMany(rooms.map((roomId) => ({ to: { roomId }, text, key: outboxKeys.remind(m, offset, roomId), tag: `meeting:${m.id}` })));
    return `room:${rooms.length}`;
  }
  const expected = (await deps.stores.members.listByBranch(m.branchId, { activeOnly: true })).length;
  const to = await secretaryRecipients(deps.stores, m.branchId, deps.adminIds);
  const text = secretaryReminder(m, deps.tz, untilStart(m.startAt - now, offset), expected);
  await deps.outbox.enqueueMany(to.map((contactId) => ({ to: { contactId }, text, key: outboxKeys.remind(m, offset, contactId), tag: `meeting:${m.id}` })));
  return `secretary:${to.length}`;
}

/** The offset when on time; the real (rounded) remaining time when the job ran late. */
function untilStart(remaining: number, offset: number): number {
  if (remaining >= offset - Math.min(5_000, offset / 10)) return offset;
  return remaining >= 60_000 ? Math.round(remaining / 60_000) * 60_000 : Math.max(1_000, Math.round(remaining / 1_000) * 1_000);
}
