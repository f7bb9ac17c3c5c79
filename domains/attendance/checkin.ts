// Check-in replies in a bound room: classify the text, find the meeting whose window is open, record it.
import type { Stores } from '../../store/index.js';
import type { AttendanceRecord, Meeting, Member } from '../../store/types.js';

export type Reply =
  | { kind: 'present' }
  | { kind: 'late' }
  | { kind: 'leave'; reason?: string }
  | { kind: 'cancel-leave' };

const PRESENT = /^(?:签到|到|已到|到了|我到了|已签到|签到了)[!！。.~～]*$/;
const LATE = /^迟到(.*)$/;
const LEAVE = /^请假[\s，,：:。]*(.*)$/;
const CANCEL_LEAVE = /^(?:取消请假|撤销请假|不请假了)[!！。.]*$/;

export function classifyReply(text: string): Reply | undefined {
  const t = text.trim();
  if (PRESENT.test(t)) return { kind: 'present' };
  if (CANCEL_LEAVE.test(t)) return { kind: 'cancel-leave' };
  const leave = LEAVE.exec(t);
  if (leave) return { kind: 'leave', reason: leave[1]!.trim() || undefined };
  if (LATE.test(t) && t.length <= 20) return { kind: 'late' };
  return undefined;
}

export function windowOf(m: Meeting): { openAt: number; closeAt: number } {
  const lastReminder = m.groupOffsets.length ? Math.min(...m.groupOffsets) : 0;
  return { openAt: m.startAt - lastReminder, closeAt: m.startAt + m.closeAfter };
}

/** The branch's meeting whose check-in window contains `now` (the one starting nearest to now). */
export async function openMeeting(stores: Stores, branchId: string, now: number): Promise<Meeting | undefined> {
  const candidates = await stores.meetings.list({
    branchId,
    from: now - 2 * 86_400_000,
    to: now + 8 * 86_400_000,
    status: ['scheduled'],
  });
  const open = candidates.filter((m) => {
    const w = windowOf(m);
    return now >= w.openAt && now < w.closeAt;
  });
  return open.sort((a, b) => Math.abs(a.startAt - now) - Math.abs(b.startAt - now))[0];
}

/**
 * With no window open: the branch's meeting whose window is nearest to `now`, either not yet open (`before`) or
 * already closed (`after`), so a 签到 at the wrong time can be told when the window is.
 */
export async function nearestWindow(
  stores: Stores,
  branchId: string,
  now: number,
): Promise<{ meeting: Meeting; when: 'before' | 'after'; openAt: number; closeAt: number } | undefined> {
  const candidates = await stores.meetings.list({
    branchId,
    from: now - 2 * 86_400_000,
    to: now + 8 * 86_400_000,
    status: ['scheduled', 'closed'],
  });
  let best: { meeting: Meeting; when: 'before' | 'after'; openAt: number; closeAt: number } | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const m of candidates) {
    const w = windowOf(m);
    // A closed meeting has ended even if closed before its window's end.
    const ended = m.status === 'closed' || now >= w.closeAt;
    const when = ended ? 'after' : now < w.openAt ? 'before' : undefined;
    if (!when) continue;
    const distance = when === 'before' ? w.openAt - now : Math.max(0, now - w.closeAt);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { meeting: m, when, ...w };
    }
  }
  return best;
}

export type Outcome = 'recorded' | 'changed' | 'unchanged' | 'need-reason' | 'leave-cancelled' | 'no-leave';

/** Applies one reply; returns what happened so the caller can acknowledge or ask. */
export async function applyReply(
  stores: Stores,
  m: Meeting,
  member: Member,
  reply: Reply,
  text: string,
  now: number,
): Promise<Outcome> {
  const current = await stores.attendance.get(m.id, member.id);
  const save = (r: Omit<AttendanceRecord, 'memberId' | 'at' | 'text'>) =>
    stores.attendance.set(m.id, { memberId: member.id, at: now, text, ...r });
  switch (reply.kind) {
    case 'present':
    case 'late': {
      // A second 签到 keeps the first time; a 签到 after 请假 means they came after all.
      if (current && current.status !== 'leave') return 'unchanged';
      await save({ status: reply.kind === 'late' || now > m.startAt ? 'late' : 'present' });
      return current ? 'changed' : 'recorded';
    }
    case 'leave': {
      if (!reply.reason) return 'need-reason';
      await save({ status: 'leave', reason: reply.reason });
      return current ? 'changed' : 'recorded';
    }
    case 'cancel-leave': {
      if (current?.status !== 'leave') return 'no-leave';
      await stores.attendance.remove(m.id, member.id);
      return 'leave-cancelled';
    }
  }
}
