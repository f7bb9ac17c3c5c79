// Attendance rate per calendar month over the last N months for one branch (the console's chart): attended
// (present + late) over expected, summed over the meetings held (not cancelled, check-ins collected) in each month.
import { localParts, startOfMonth } from '../../ground/time/zoned.js';
import type { Stores } from '../../store/index.js';
import { summarize } from './summary.js';

export interface MonthAttendance {
  label: string;
  from: number;
  attended: number;
  expected: number;
  rate?: number;
}

export async function monthlyAttendance(
  stores: Stores,
  branchId: string,
  now: number,
  tz: string,
  months = 6,
): Promise<MonthAttendance[]> {
  const starts = Array.from({ length: months + 1 }, (_, i) => startOfMonth(now, tz, i - months + 1));
  const held = (
    await stores.meetings.list({ branchId, from: starts[0]!, to: now, status: ['scheduled', 'closed'] })
  ).filter((m) => m.startAt < now && !m.uncollected); // 未收集: an empty roll is not everyone absent
  const sums = await Promise.all(held.map((m) => summarize(stores, m)));
  return starts.slice(0, months).map((from, i) => {
    const to = starts[i + 1]!;
    let attended = 0;
    let expected = 0;
    held.forEach((m, j) => {
      if (m.startAt < from || m.startAt >= to) return;
      const s = sums[j]!;
      attended += s.present.length + s.late.length;
      expected += s.expected.length;
    });
    const p = localParts(from, tz);
    return { label: `${p.month}月`, from, attended, expected, rate: expected ? attended / expected : undefined };
  });
}
