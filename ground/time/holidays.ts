// Statutory holidays (法定节假日) and make-up workdays (调休上班) from the chinese-days package.
import chineseDays from 'chinese-days';

/** The holiday's Chinese name when the local day (YYYY-MM-DD) is a statutory day off, else undefined. */
export function statutoryHoliday(day: string): string | undefined {
  const d = chineseDays.getDayDetail(day);
  if (d.work) return undefined;
  // Named holidays look like "National Day,国庆节,3"; plain weekends are named after the weekday.
  const parts = d.name.split(',');
  return parts.length >= 2 ? parts[1] : undefined;
}

/** True when a weekend day is a working day to make up for a holiday (调休上班). */
export function isMakeupWorkday(day: string): boolean {
  const d = chineseDays.getDayDetail(day);
  if (!d.work) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A working day per the official calendar (weekday not on holiday, or a 调休 weekend). */
export function isWorkday(day: string): boolean {
  return chineseDays.isWorkday(day);
}

/** Latest year the installed holiday data covers (used to warn about series beyond it). */
export function holidayDataYears(): number[] {
  const years = new Set<number>();
  for (const y of [2024, 2025, 2026, 2027, 2028])
    if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length) years.add(y);
  return [...years];
}
