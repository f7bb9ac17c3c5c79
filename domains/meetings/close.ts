// Closing a meeting's check-in window: freeze the roster, mark the meeting closed, send the summary to
// the secretaries, and alert them about members who reached N consecutive unexcused absences.
import type { OutboxMessage } from '../../jobs/outbox/types.js';
import type { Meeting } from '../../store/types.js';
import { absenceStreak } from '../attendance/absences.js';
import type { BatchContext } from './batch-context.js';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { summarize } from '../attendance/summary.js';
import { summaryText } from './summary-text.js';
import { absenceAlert, uncollectedNotice } from './texts.js';
import { couldCollect } from '../attendance/collection.js';

export async function closeStep(meeting: Meeting, deps: MeetingDeps, bc: BatchContext): Promise<OutboxMessage[]> {
  let m = meeting;
  if (m.status === 'scheduled') {
    // Freeze who was expected first: a retry after a crash then reads the same roster.
    if (!(await deps.stores.attendance.expected(m.id))) {
      const roster = await deps.stores.members.listByBranch(m.branchId, { activeOnly: true });
      await deps.stores.attendance.setExpected(
        m.id,
        roster.map((x) => x.id),
      );
    }
    // Nothing could collect when no run of the bot overlapped the window: 未收集, nobody counted absent.
    const uncollected = !(await couldCollect(deps.stores, m));
    m = await deps.stores.meetings.update(m.id, { status: 'closed', closedAt: bc.now, uncollected });
    if (uncollected) deps.logger.warn({ meetingId: m.id }, 'check-in window ran while the bot was down: not collected');
  }
  const to = await bc.secretaries(m.branchId);
  if (m.uncollected)
    return to.map((contactId) => ({
      to: { contactId },
      text: uncollectedNotice(m),
      key: outboxKeys.summary(m, contactId),
      tag: `meeting:${m.id}`,
    }));
  const s = await summarize(deps.stores, m);
  const text = summaryText(m, s, deps.config.timeZone, { final: true });
  const tag = `meeting:${m.id}`;
  const messages: OutboxMessage[] = to.map((contactId) => ({
    to: { contactId },
    text,
    key: outboxKeys.summary(m, contactId),
    tag,
  }));
  const threshold = (await deps.stores.branches.get(m.branchId))?.settings.absenceThreshold ?? 3;
  // Alert once per streak: when it reaches the threshold at this meeting, not again at every later one.
  const reached: Array<{ name: string; wechatId?: string }> = [];
  for (const member of s.absent) {
    if ((await absenceStreak(deps.stores, member.id, m)) !== threshold) continue;
    deps.logger.info({ meetingId: m.id, memberId: member.id, streak: threshold }, 'absence alert');
    reached.push(member);
  }
  // One message per secretary naming everyone, never himself (a secretary's own streak goes to the admins).
  const reportTo = (contactId: string, names: string[]) => {
    if (names.length)
      messages.push({
        to: { contactId },
        text: absenceAlert(names.join('、'), threshold, m),
        key: outboxKeys.absence(m, 'streak', contactId),
        tag,
      });
  };
  for (const contactId of to)
    reportTo(
      contactId,
      reached.filter((x) => x.wechatId !== contactId).map((x) => x.name),
    );
  const secretariesReached = reached.filter((x) => x.wechatId && to.includes(x.wechatId)).map((x) => x.name);
  for (const admin of deps.config.adminIds.filter((a) => !to.includes(a))) reportTo(admin, secretariesReached);
  return messages;
}
