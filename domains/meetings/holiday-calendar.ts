// The holiday calendar every process uses: the package's data plus the years an admin imported into Redis.
// Loaded before any computation that depends on it (series occurrences, the digest), so an import made by the
// CLI reaches running workers without a restart.
import { hasHolidayData, lastHolidayDataYear, setHolidayOverrides } from '../../ground/time/holidays.js';
import { localParts } from '../../ground/time/zoned.js';
import type { Stores } from '../../store/index.js';

export async function syncHolidayCalendar(stores: Pick<Stores, 'holidays'>): Promise<void> {
  setHolidayOverrides(await stores.holidays.all());
}

/** Said wherever a date is computed in a year without holiday data: it is not silently treated as all workdays. */
export function missingYearText(year: number): string {
  return `${year}年的法定节假日和调休安排尚未导入，该年暂按周一至周五为工作日计算（不识别节假日和调休）。请管理员运行 zhibu holidays import ${year}.csv 导入。`;
}

/** Years without data among those the instants fall in. */
export function yearsWithoutData(instants: number[], tz: string): number[] {
  return [...new Set(instants.map((t) => localParts(t, tz).year))].filter((y) => !hasHolidayData(y)).sort();
}

/** Days until the loaded data runs out (the end of its last year), or undefined when there is none. */
export function daysOfDataLeft(now: number, tz: string): { last: number; days: number } | undefined {
  const last = lastHolidayDataYear();
  if (last === undefined) return undefined;
  const p = localParts(now, tz);
  const end = Date.UTC(last + 1, 0, 1);
  const today = Date.UTC(p.year, p.month - 1, p.day);
  return { last, days: Math.round((end - today) / 86_400_000) };
}
