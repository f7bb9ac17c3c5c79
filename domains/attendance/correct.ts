// A secretary's correction of one member's attendance at a meeting (from the web console's 台账): the same
// record the chat writes, marked as corrected and by whom. 请假 needs a reason, as in chat.
import { UserError } from '../../ground/errors.js';
import type { Stores } from '../../store/index.js';
import type { Meeting } from '../../store/types.js';

export type CorrectedStatus = 'present' | 'late' | 'leave' | 'absent';
export const CORRECTED_LABEL: Record<CorrectedStatus, string> = {
  present: '签到',
  late: '迟到',
  leave: '请假',
  absent: '缺席',
};

export async function correctAttendance(
  stores: Stores,
  m: Meeting,
  c: { memberId: string; status: CorrectedStatus; reason?: string; by: string; now: number },
): Promise<{ before?: string; after: string; memberName: string }> {
  const member = await stores.members.get(c.memberId);
  if (!member || member.branchId !== m.branchId) throw new UserError('该党员不在本支部的名册中。');
  if (m.status === 'cancelled') throw new UserError(`会议 ${m.id} 已取消，不能更正签到。`);
  const reason = c.reason?.trim().slice(0, 200) || undefined;
  if (c.status === 'leave' && !reason) throw new UserError('请假需要写明事由。');
  const before = await stores.attendance.get(m.id, member.id);
  if (c.status === 'absent') await stores.attendance.remove(m.id, member.id);
  else
    await stores.attendance.set(m.id, {
      memberId: member.id,
      status: c.status,
      at: c.now,
      text: `（书记更正）${CORRECTED_LABEL[c.status]}`,
      ...(c.status === 'leave' ? { reason } : {}),
      source: 'corrected',
      correctedBy: c.by,
    });
  return {
    before: before ? CORRECTED_LABEL[before.status] : '缺席',
    after: CORRECTED_LABEL[c.status] + (reason && c.status === 'leave' ? `（${reason}）` : ''),
    memberName: member.name,
  };
}
