// Consecutive unexcused absences of a member over the branch's closed meetings, newest first.
import type { Stores } from '../../store/index.js';
import type { Meeting } from '../../store/types.js';

/** Counts back from `upTo` (inclusive) while the member was expected and did not reply at all (未收集 meetings skipped). */
export async function absenceStreak(stores: Stores, memberId: string, upTo: Meeting): Promise<number> {
  const closed = (
    await stores.meetings.list({ branchId: upTo.branchId, to: upTo.startAt, status: ['closed'] })
  ).reverse();
  let streak = 0;
  for (const m of closed) {
    // 未收集: nobody could reply, so the meeting neither counts as an absence nor breaks a streak.
    if (m.uncollected) continue;
    const expected = await stores.attendance.expected(m.id);
    if (!expected?.includes(memberId)) continue;
    if (await stores.attendance.get(m.id, memberId)) break;
    streak++;
  }
  return streak;
}
