// Escalation before the start: one group message @-mentioning roster members who have not replied,
// and the same list privately to the secretaries.
import type { Job } from 'bullmq';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { branchRooms, secretaryRecipients } from './recipients.js';
import { summarize } from './summary.js';
import { escalationForSecretary, escalationText } from './texts.js';

export async function processEscalate(job: Job<{ meetingId: string; startAt: number }>, deps: MeetingDeps): Promise<string> {
  const m = await deps.stores.meetings.get(job.data.meetingId);
  const log = deps.logger.child({ job: job.id, meetingId: job.data.meetingId });
  if (!m || m.status !== 'scheduled' || m.startAt !== job.data.startAt) return 'stale';
  if (deps.clock.now() >= m.startAt) {
    log.warn('escalation skipped: the meeting has already started');
    return 'missed';
  }
  const s = await summarize(deps.stores, m);
  if (!s.absent.length) return 'everyone-replied';
  const names = s.absent.map((x) => x.name);
  const mentionIds = s.absent.map((x) => x.wechatId).filter((id): id is string => !!id);
  const rooms = await branchRooms(deps.stores, m.branchId);
  const secretaries = await secretaryRecipients(deps.stores, m.branchId, deps.adminIds);
  await deps.outbox.enqueueMany([
    ...rooms.map((roomId) => ({ to: { roomId }, text: escalationText(m, deps.tz, names), mentionIds, key: outboxKeys.escalate(m, roomId), tag: `meeting:${m.id}` })),
    ...secretaries.map((contactId) => ({ to: { contactId }, text: escalationForSecretary(m, deps.tz, names), key: outboxKeys.escalate(m, contactId), tag: `meeting:${m.id}` })),
  ]);
  return `missing:${names.length}`;
}
