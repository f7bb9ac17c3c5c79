// Escalation before the start: one group message @-mentioning roster members who have not replied,
// and the same list privately to the secretaries.
import type { OutboxMessage } from '../../jobs/outbox/types.js';
import type { Meeting } from '../../store/types.js';
import type { BatchContext } from './batch-context.js';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { summarize } from '../attendance/summary.js';
import { escalationForSecretary, escalationText } from './texts.js';

export async function escalateStep(m: Meeting, deps: MeetingDeps, bc: BatchContext): Promise<OutboxMessage[]> {
  if (bc.now >= m.startAt) {
    deps.logger.warn({ meetingId: m.id }, 'escalation skipped: the meeting has already started');
    return [];
  }
  const s = await summarize(deps.stores, m);
  if (!s.absent.length) return [];
  const names = s.absent.map((x) => x.name);
  const secretaries = await bc.secretaries(m.branchId);
  // The secretaries get the list privately: the group nudge names them but does not @-mention them.
  const mentionIds = s.absent.map((x) => x.wechatId).filter((id): id is string => !!id && !secretaries.includes(id));
  const tag = `meeting:${m.id}`;
  return [
    ...(await bc.rooms(m.branchId)).map((roomId) => ({
      to: { roomId },
      text: escalationText(m, deps.config.timeZone, names),
      mentionIds,
      key: outboxKeys.escalate(m, roomId),
      tag,
    })),
    ...secretaries.flatMap((contactId) => {
      // Never a secretary's own name in his private list.
      const others = s.absent.filter((x) => x.wechatId !== contactId).map((x) => x.name);
      return others.length
        ? [
            {
              to: { contactId },
              text: escalationForSecretary(m, deps.config.timeZone, others),
              key: outboxKeys.escalate(m, contactId),
              tag,
            },
          ]
        : [];
    }),
  ];
}
