// Closing a meeting's check-in window: freeze the roster, mark the meeting closed, send the summary to
// the secretaries, and alert them about members who reached N consecutive unexcused absences.
import type { Job } from 'bullmq';
import { absenceStreak } from './absences.js';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { secretaryRecipients } from './recipients.js';
import { summarize } from './summary.js';
import { summaryText } from './summary-text.js';
import { absenceAlert } from './texts.js';

export async function processClose(job: Job<{ meetingId: string; startAt: number }>, deps: MeetingDeps): Promise<string> {
  let m = await deps.stores.meetings.get(job.data.meetingId);
  if (!m || m.startAt !== job.data.startAt || m.status === 'cancelled') return 'stale';
  if (m.status === 'scheduled') {
    // Freeze who was expected first: a retry after a crash then reads the same roster.
    if (!(await deps.stores.attendance.expected(m.id))) {
      const roster = await deps.stores.members.listByBranch(m.branchId, { activeOnly: true });
      await deps.stores.attendance.setExpected(m.id, roster.map((x) => x.id));
    }
    m = await deps.stores.meetings.update(m.id, { status: 'closed', closedAt: deps.clock.now() });
  }
  const s = await summarize(deps.stores, m);
  const to = await secretaryRecipients(deps.stores, m.branchId, deps.adminIds);
  const text = summaryText(m, s, deps.tz, { final: true });
  const messages = to.map((contactId) => ({ to: { contactId }, text, key: outboxKeys.summary(m!, contactId), tag: `meeting:${m!.id}` }));
  const branch = await deps.stores.branches.get(m.branchId);
  const threshold = branch?.settings.absenceThreshold ?? 3;
  for (const member of s.absent) {
    const streak = await absenceStreak(deps.stores, member.id, m);
    if (streak < threshold) continue;
    deps.logger.info({ meetingId: m.id, memberId: member.id, streak }, 'absence alert');
    for (const contactId of to) {
      messages.push({ to: { contactId }, text: absenceAlert(member.name, streak, m), key: outboxKeys.absence(m, member.id, contactId), tag: `meeting:${m.id}` });
    }
  }
  await deps.outbox.enqueueMany(messages);
  return `closed:${s.present.length + s.late.length}/${s.expected.length}`;
}
