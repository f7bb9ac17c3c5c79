// 每天 HH:MM and 每个工作日 HH:MM rules; official workdays from the calendar (holidays off, 调休 weekends on),
// from the package or from a year an admin imported; the import format is validated line by line.
import { afterEach, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../ground/time/format.js';
import {
  hasHolidayData,
  isWorkday,
  parseHolidayCsv,
  setHolidayOverrides,
  statutoryHoliday,
} from '../../../ground/time/holidays.js';
import { cronPattern, nextRuleTime, parseRecurrence } from '../../../ground/time/recurrence.js';

const TZ = 'Asia/Shanghai';
afterEach(() => setHolidayOverrides([]));

const CSV_2027 = [
  '日期,类型,名称',
  '2027-01-01,休,元旦',
  '2027-01-02,休,元旦',
  '2027-01-03,休,元旦',
  '2027-01-09,班,元旦',
].join('\n');

function occurrences(rule: string, from: string, n: number): string[] {
  const r = parseRecurrence(rule);
  if (!r.ok) throw new Error(rule);
  const out: string[] = [];
  let at = Date.parse(from);
  for (let i = 0; i < n; i++) out.push(formatDateTime((at = nextRuleTime(r.rule, at, TZ)), TZ));
  return out;
}

describe('daily and workday rules', () => {
  it('parses 每天 and 每个工作日 with a time; both tick daily', () => {
    const daily = parseRecurrence('每天 8:30 支部活动室');
    expect(daily.ok && daily.rule.kind).toBe('daily');
    expect(daily.ok && cronPattern(daily.rule)).toBe('0 30 8 * * *');
    expect(daily.ok && daily.rest).toBe('支部活动室');
    const work = parseRecurrence('每个工作日 上午9点');
    expect(work.ok && work.rule.kind).toBe('workdays');
    expect(work.ok && cronPattern(work.rule)).toBe('0 0 9 * * *');
    expect(parseRecurrence('每工作日 9:00').ok).toBe(true);
    expect(parseRecurrence('每个工作日')).toEqual({ ok: false, reason: 'no-time' });
  });

  it('每个工作日 skips 国庆节 and includes the 调休 Saturday (2026-10-10)', () => {
    expect(occurrences('每个工作日 9:00', '2026-09-30T02:00:00Z', 4)).toEqual([
      '2026年10月8日（周四）09:00',
      '2026年10月9日（周五）09:00',
      '2026年10月10日（周六）09:00',
      '2026年10月12日（周一）09:00',
    ]);
    expect(occurrences('每天 9:00', '2026-09-30T02:00:00Z', 2)).toEqual([
      '2026年10月1日（周四）09:00',
      '2026年10月2日（周五）09:00',
    ]);
  });

  it('an imported year overrides the package: its days off and 调休 weekends count', () => {
    expect(hasHolidayData(2027)).toBe(false);
    expect(isWorkday('2027-01-01')).toBe(true); // no data: Monday–Friday
    setHolidayOverrides([parseHolidayCsv(CSV_2027)]);
    expect(hasHolidayData(2027)).toBe(true);
    expect(isWorkday('2027-01-01')).toBe(false);
    expect(statutoryHoliday('2027-01-01')).toBe('元旦');
    expect(isWorkday('2027-01-09')).toBe(true); // Saturday, 调休
    expect(isWorkday('2027-01-10')).toBe(false); // Sunday
    expect(occurrences('每个工作日 9:00', '2026-12-31T02:00:00Z', 2)).toEqual([
      '2027年1月4日（周一）09:00',
      '2027年1月5日（周二）09:00',
    ]);
  });

  it('rejects a malformed schedule with the line at fault', () => {
    const bad: Array<[string, RegExp]> = [
      ['日期,名称\n2027-01-01,元旦', /表头/],
      ['日期,类型,名称\n2027-02-30,休,春节', /第2行.*无效/],
      ['日期,类型,名称\n2027-01-01,休,元旦\n2028-01-01,休,元旦', /第3行.*同一年/],
      ['日期,类型,名称\n2027-01-01,放,元旦', /第2行.*类型/],
      ['日期,类型,名称\n2027-01-01,休,', /第2行.*名称/],
      ['日期,类型,名称\n2027-01-01,休,元旦\n2027-01-04,班,元旦', /第3行.*不是周末/],
      ['日期,类型,名称\n2027-01-01,休,元旦\n2027-01-01,休,元旦', /第3行.*重复/],
      ['日期,类型,名称\n2027-01-09,班,元旦', /没有任何放假/],
    ];
    for (const [csv, message] of bad) expect(() => parseHolidayCsv(csv), csv).toThrow(message);
    expect(parseHolidayCsv(`\uFEFF${CSV_2027}\n# 注释\n`).days).toHaveLength(4);
  });
});
