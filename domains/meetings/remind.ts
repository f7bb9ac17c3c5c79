// Reminder steps: to the branch's rooms, or privately to its secretaries. A reminder whose time passed
// while zhibu was down is still sent if the meeting has not started, otherwise skipped and logged.
import type { OutboxMessage, OutboxRenderer } from '../../jobs/outbox/types.js';
import type { Meeting } from '../../store/types.js';
import type { BatchContext } from './batch-context.js';
import type { MeetingDeps } from './deps.js';
import { outboxKeys } from './queue.js';
import { phaseOf, reminderRecipients, type Step } from './steps.js';
import { CHECKIN_BUTTONS, roomReminder, secretaryReminder } from './texts.js';

export async function remindStep(
  step: Step,
  m: Meeting,
  deps: MeetingDeps,
  bc: BatchContext,
): Promise<OutboxMessage[]> {
  const due = m.startAt - step.offset;
  if (bc.now >= m.startAt) {
    deps.logger.warn(
      { meetingId: m.id, due, lateMs: bc.now - due },
      'reminder skipped: the meeting has already started',
    );
    return [];
  }
  if (bc.now - due > 60_000)
    deps.logger.info({ meetingId: m.id, lateMs: bc.now - due }, 'late reminder sent (was due while down)');
  const shown = untilStart(m.startAt - bc.now, step.offset);
  const tag = `meeting:${m.id}`;
  // Sent only while the meeting is still scheduled at this start (checked by the outbox right before sending).
  // The fence lets a cancel or reschedule wait for a send already past this check (ops.ts).
  const onlyIf = {
    key: deps.stores.meetings.recordKey(m.id),
    fields: { status: 'scheduled', startAt: m.startAt },
    fence: deps.stores.meetings.sendingKey(m.id),
  };
  const phase = phaseOf(step.kind);
  if (phase.type !== 'reminder') throw new Error(`not a reminder step: ${step.kind}`);
  const [rooms, secretaries] = await Promise.all([bc.rooms(m.branchId), bc.secretaries(m.branchId)]);
  const recipients = reminderRecipients(step.kind, { rooms, secretaries });
  // Rendered again at send time from the meeting as it is then (an edit inside the staging window shows).
  const render = { kind: REMINDER_RENDER, args: { meetingId: m.id, offset: step.offset, audience: phase.audience } };
  if (phase.audience === 'rooms') {
    if (!recipients.length) return noRoom(step, m, deps, secretaries, tag);
    const text = roomReminder(m, deps.config.timeZone, shown);
    return recipients.map((roomId) => ({
      to: { roomId },
      text,
      key: outboxKeys.remind(m, step.offset, roomId),
      tag,
      onlyIf,
      actions: CHECKIN_BUTTONS,
      render,
    }));
  }
  const expected = (await deps.stores.members.listByBranch(m.branchId, { activeOnly: true })).length;
  const text = secretaryReminder(m, deps.config.timeZone, shown, expected);
  return recipients.map((contactId) => ({
    to: { contactId },
    text,
    key: outboxKeys.remind(m, step.offset, contactId),
    tag,
    onlyIf,
    render,
  }));
}

/** A group reminder with no group to go to (the group was moved to another branch): logged and told, never lost silently. */
function noRoom(step: Step, m: Meeting, deps: MeetingDeps, secretaries: string[], tag: string): OutboxMessage[] {
  deps.logger.warn(
    { meetingId: m.id, branchId: m.branchId, offset: step.offset },
    'group reminder not sent: no room bound',
  );
  return secretaries.map((contactId) => ({
    to: { contactId },
    text: `【提醒未发出】${m.title || m.type}（#${m.id}）的群提醒未能发出：本支部当前没有绑定的群。请在支部群里发送 /绑定 支部名称。`,
    key: outboxKeys.remind(m, step.offset, `noroom:${contactId}`),
    tag,
  }));
}

export const REMINDER_RENDER = 'meeting-reminder';

/**
 * The meetings domain's outbox renderers (registered with the outbox worker by the edge): a reminder's text
 * from the meeting as it is at send time. The outbox has already checked the meeting is still scheduled at
 * the same start; undefined (the staged text is sent) if the record is gone meanwhile.
 */
export function meetingRenderers(
  deps: Pick<MeetingDeps, 'stores' | 'config' | 'clock'>,
): Record<string, OutboxRenderer> {
  return {
    async [REMINDER_RENDER](args) {
      const m = await deps.stores.meetings.get(String(args.meetingId));
      if (!m) return undefined;
      const offset = Number(args.offset);
      const shown = untilStart(m.startAt - deps.clock.now(), offset);
      if (args.audience === 'rooms') return roomReminder(m, deps.config.timeZone, shown);
      const expected = (await deps.stores.members.listByBranch(m.branchId, { activeOnly: true })).length;
      return secretaryReminder(m, deps.config.timeZone, shown, expected);
    },
  };
}

/** The offset when on time; the real (rounded) remaining time when the step ran late. */
function untilStart(remaining: number, offset: number): number {
  if (remaining >= offset - Math.min(5_000, offset / 10)) return offset;
  return remaining >= 60_000
    ? Math.round(remaining / 60_000) * 60_000
    : Math.max(1_000, Math.round(remaining / 1_000) * 1_000);
}
