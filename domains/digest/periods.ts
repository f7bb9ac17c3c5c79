// Calendar periods for the digest in the configured zone: last month, this quarter, and the first
// workday of a month per the official calendar (holidays and 调休: chinese-days or an imported year).
import { isWorkday } from '../../ground/time/holidays.js';
import { localDay, localParts, startOfMonth, startOfQuarter } from '../../ground/time/zoned.js';

export interface Period {
  from: number;
  to: number;
  label: string;
}

export function lastMonth(now: number, tz: string): Period {
  const from = startOfMonth(now, tz, -1);
  const to = startOfMonth(now, tz);
  const lp = localParts(from, tz);
  return { from, to, label: `${lp.year}年${lp.month}月` };
}

export function thisMonth(now: number, tz: string): Period {
  const p = localParts(now, tz);
  return { from: startOfMonth(now, tz), to: now, label: `${p.year}年${p.month}月` };
}

export function thisQuarter(now: number, tz: string): Period {
  const p = localParts(now, tz);
  const q = Math.floor((p.month - 1) / 3);
  return { from: startOfQuarter(now, tz), to: now, label: `${p.year}年第${q + 1}季度` };
}

/** YYYY-MM-DD of the first workday of the month that contains `now`. */
export function firstWorkdayOfMonth(now: number, tz: string): string {
  const p = localParts(now, tz);
  for (let d = 1; d <= 31; d++) {
    const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isWorkday(day)) return day;
  }
  return `${p.year}-${String(p.month).padStart(2, '0')}-01`;
}

export function isFirstWorkdayOfMonth(now: number, tz: string): boolean {
  return firstWorkdayOfMonth(now, tz) === localDay(now, tz);
}
