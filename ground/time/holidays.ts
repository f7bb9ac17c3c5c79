// Statutory holidays (法定节假日) and make-up workdays (调休上班): the chinese-days package, overridden year by
// year by schedules an admin imports (`zhibu holidays import 2027.csv`; stored in Redis by store/holidays.ts and
// handed to this module with setHolidayOverrides). A year neither covers is unknown: callers say so.
import chineseDays from 'chinese-days';
import { UserError } from '../errors.js';

export interface HolidayDay {
  /** YYYY-MM-DD */
  date: string;
  /** true: a statutory day off (休); false: a weekend worked to make up for one (班, 调休). */
  off: boolean;
  /** The holiday's name, e.g. 春节. */
  name: string;
}

export interface HolidayYear {
  year: number;
  days: HolidayDay[];
}

let overrides = new Map<string, HolidayDay>();
let overrideYears = new Set<number>();

/** Replaces the imported years (each year given replaces the package's data for that whole year). */
export function setHolidayOverrides(years: HolidayYear[]): void {
  overrides = new Map(years.flatMap((y) => y.days.map((d) => [d.date, d] as const)));
  overrideYears = new Set(years.map((y) => y.year));
}

const yearOf = (day: string) => Number(day.slice(0, 4));
const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** The holiday's Chinese name when the local day (YYYY-MM-DD) is a statutory day off, else undefined. */
export function statutoryHoliday(day: string): string | undefined {
  if (overrideYears.has(yearOf(day))) {
    const o = overrides.get(day);
    return o?.off ? o.name : undefined;
  }
  const d = chineseDays.getDayDetail(day);
  if (d.work) return undefined;
  // Named holidays look like "National Day,国庆节,3"; plain weekends are named after the weekday.
  const parts = d.name.split(',');
  return parts.length >= 2 ? parts[1] : undefined;
}

/** True when a weekend day is a working day to make up for a holiday (调休上班). */
export function isMakeupWorkday(day: string): boolean {
  if (overrideYears.has(yearOf(day))) return overrides.get(day)?.off === false;
  const d = chineseDays.getDayDetail(day);
  return d.work && isWeekend(day);
}

/** A working day per the official calendar (weekday not on holiday, or a 调休 weekend). */
export function isWorkday(day: string): boolean {
  if (overrideYears.has(yearOf(day))) {
    const o = overrides.get(day);
    return o ? !o.off : !isWeekend(day);
  }
  return chineseDays.isWorkday(day);
}

let packageYears: number[] | undefined;

/** Years with holiday data: the package's and the imported ones. */
export function holidayDataYears(): number[] {
  if (!packageYears) {
    packageYears = [];
    for (let y = 2020; y <= 2035; y++)
      if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length) packageYears.push(y);
  }
  return [...new Set([...packageYears, ...overrideYears])].sort((a, b) => a - b);
}

export function hasHolidayData(year: number): boolean {
  return holidayDataYears().includes(year);
}

/** The last year with data (every year after it is unknown). */
export function lastHolidayDataYear(): number | undefined {
  return holidayDataYears().at(-1);
}

/** The CSV an admin imports: see README "Holidays". */
export const HOLIDAY_CSV_HEADER = '日期,类型,名称';

/**
 * Parses one year's official schedule: a header `日期,类型,名称`, then one line per day, `2027-01-01,休,元旦`
 * for a day off or `2027-02-07,班,春节` for a 调休 working weekend. Every day in one year; a 班 day must be a
 * Saturday or Sunday; no day twice; at least one day off. Throws a UserError naming the first bad line.
 */
export function parseHolidayCsv(text: string): HolidayYear {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (lines[0]?.replace(/\s/g, '') !== HOLIDAY_CSV_HEADER)
    throw new UserError(`第1行应为表头“${HOLIDAY_CSV_HEADER}”。`);
  const days: HolidayDay[] = [];
  const seen = new Set<string>();
  let year: number | undefined;
  lines.slice(1).forEach((line, i) => {
    const at = `第${i + 2}行`;
    const [date = '', type = '', name = '', ...extra] = line.split(',').map((c) => c.trim());
    if (extra.length) throw new UserError(`${at}：应为三列（日期,类型,名称）。`);
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const valid = m && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (!m || !valid) throw new UserError(`${at}：日期“${date}”无效，格式为 2027-01-01。`);
    if (year === undefined) year = Number(m[1]);
    if (Number(m[1]) !== year) throw new UserError(`${at}：一个文件只能是同一年（${year}年）的安排。`);
    if (type !== '休' && type !== '班') throw new UserError(`${at}：类型应为“休”（放假）或“班”（调休上班）。`);
    if (!name) throw new UserError(`${at}：缺少节日名称。`);
    if (type === '班' && !isWeekend(date)) throw new UserError(`${at}：${date} 不是周末，无需标为调休上班。`);
    if (seen.has(date)) throw new UserError(`${at}：${date} 重复出现。`);
    seen.add(date);
    days.push({ date, off: type === '休', name });
  });
  if (year === undefined || !days.some((d) => d.off)) throw new UserError('文件里没有任何放假日期。');
  return { year, days: days.sort((a, b) => a.date.localeCompare(b.date)) };
}
