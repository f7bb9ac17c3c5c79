// 会议's month calendar: a Monday-first grid of the local month, each day with its meetings, built on the server
// so the page needs no script and fits a phone (a fixed 7-column table).
import { addDays, daysInMonth, dayKey, fromLocal, localParts, mondayOf, today } from '../ground/time/zoned.js';
import type { Meeting } from '../store/types.js';

export interface CalendarDay {
  day: number;
  key: string;
  inMonth: boolean;
  today: boolean;
  meetings: Array<{ id: string; type: string; time: string; cancelled: boolean }>;
}

export interface MonthView {
  label: string;
  /** YYYY-MM of this, the previous and the next month. */
  month: string;
  prev: string;
  next: string;
  weeks: CalendarDay[][];
  /** UTC ms bounds of the grid (whole weeks), for fetching its meetings. */
  from: number;
  to: number;
}

const ym = (year: number, month: number) => {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The month asked for (YYYY-MM, within years 2000–2100), else this month. */
export function monthOf(asked: string | undefined, now: number, tz: string): { year: number; month: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(asked ?? '');
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[1]) >= 2000 && Number(m[1]) <= 2100)
    return { year: Number(m[1]), month: Number(m[2]) };
  const t = today(now, tz);
  return { year: t.year, month: t.month };
}

export function monthGrid(year: number, month: number, now: number, tz: string): MonthView {
  const first = mondayOf({ year, month, day: 1 });
  const last = { year, month, day: daysInMonth(year, month) };
  const lastKey = dayKey(last);
  const todayKey = dayKey(today(now, tz));
  const weeks: CalendarDay[][] = [];
  for (let d = first; ; ) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++, d = addDays(d, 1))
      week.push({
        day: d.day,
        key: dayKey(d),
        inMonth: d.month === month,
        today: dayKey(d) === todayKey,
        meetings: [],
      });
    weeks.push(week);
    if (week[6]!.key >= lastKey) break;
  }
  const end = addDays(first, weeks.length * 7);
  return {
    label: `${year}年${month}月`,
    month: ym(year, month),
    prev: ym(year, month - 1),
    next: ym(year, month + 1),
    weeks,
    from: fromLocal(first.year, first.month, first.day, 0, 0, tz),
    to: fromLocal(end.year, end.month, end.day, 0, 0, tz) - 1,
  };
}

/** Puts each meeting on its local day in the grid (oldest first within a day). */
export function placeMeetings(view: MonthView, meetings: Meeting[], tz: string): MonthView {
  const byKey = new Map(view.weeks.flat().map((d) => [d.key, d]));
  for (const m of [...meetings].sort((a, b) => a.startAt - b.startAt)) {
    const p = localParts(m.startAt, tz);
    const day = byKey.get(dayKey(p));
    day?.meetings.push({
      id: m.id,
      type: m.type,
      time: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
      cancelled: m.status === 'cancelled',
    });
  }
  return view;
}
