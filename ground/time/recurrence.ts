// Recurring rules, for meetings and broadcasts alike: 每月第一个周五 15:00, 每月最后一个周四 下午3点, 每月5号 9:00,
// 每周三 14:00, 每天8:00, 每个工作日 9:00 (official workdays: holidays off, 调休 weekends on). The rule becomes a cron pattern for BullMQ's job scheduler and a pure next-occurrence function.
import { NUM, parseCnNumber } from './duration.js';
import { statutoryHoliday, isWorkday } from './holidays.js';
import { parseTimeOfDay } from './phrase.js';
import { daysInMonth, fromLocal, localDay, localParts, weekdayOf } from './zoned.js';

/** What a recurring series does with an occurrence on a statutory holiday: skip it, shift it to the next workday, or keep it. */
export type HolidayPolicy = 'skip' | 'shift' | 'none';

export interface Rule {
  kind: 'monthly-nth-weekday' | 'monthly-day' | 'weekly' | 'daily' | 'workdays';
  /** 1..5, or -1 for the last one in the month. */
  nthWeek?: number;
  weekday?: number;
  monthDay?: number;
  hour: number;
  minute: number;
}

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WD = '(?:周|星期|礼拜)([日天一二三四五六])';
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Omit<Rule, 'hour' | 'minute'> | undefined]> = [
  [
    new RegExp(`^每个?月(?:的)?第(${NUM})个?${WD}`),
    (m) => ({ kind: 'monthly-nth-weekday', nthWeek: parseCnNumber(m[1]!), weekday: WEEKDAYS[m[2]!] }),
  ],
  [
    new RegExp(`^每个?月(?:的)?最后一个?${WD}`),
    (m) => ({ kind: 'monthly-nth-weekday', nthWeek: -1, weekday: WEEKDAYS[m[1]!] }),
  ],
  [new RegExp(`^每个?月(?:的)?(${NUM})(?:号|日)`), (m) => ({ kind: 'monthly-day', monthDay: parseCnNumber(m[1]!) })],
  [/^每(?:周|星期|礼拜)([日天一二三四五六])/, (m) => ({ kind: 'weekly', weekday: WEEKDAYS[m[1]!] })],
  [/^每个?工作日/, () => ({ kind: 'workdays' })],
  [/^每(?:天|日)/, () => ({ kind: 'daily' })],
];

export type RuleParse =
  | { ok: true; rule: Rule; text: string; rest: string }
  | { ok: false; reason: 'not-recurring' | 'unparseable' | 'no-time' };

/** Parses a rule at the start of the text; the time of day follows, attached or after a space. */
export function parseRecurrence(input: string): RuleParse {
  const text = input.trim();
  if (!text.startsWith('每')) return { ok: false, reason: 'not-recurring' };
  for (const [re, build] of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const base = build(m);
    if (
      !base ||
      (base.nthWeek !== undefined && (base.nthWeek === 0 || base.nthWeek > 5)) ||
      (base.monthDay !== undefined && (base.monthDay < 1 || base.monthDay > 28))
    ) {
      return { ok: false, reason: 'unparseable' };
    }
    const time = parseTimeOfDay(text.slice(m[0].length));
    if (!time) return { ok: false, reason: 'no-time' };
    return {
      ok: true,
      rule: { ...base, hour: time.hour, minute: time.minute },
      text: `${m[0]} ${time.text}`,
      rest: time.rest,
    };
  }
  return { ok: false, reason: 'unparseable' };
}

/** Seconds-first cron pattern, evaluated by BullMQ with tz (5#1 = first Friday, 5L = last Friday). */
export function cronPattern(r: Rule): string {
  // Workdays tick daily: the calendar (holidays, 调休 weekends) is applied when an occurrence is computed.
  const dow =
    r.kind === 'daily' || r.kind === 'workdays'
      ? '*'
      : r.kind === 'weekly'
        ? String(r.weekday)
        : r.kind === 'monthly-nth-weekday'
          ? r.nthWeek === -1
            ? `${r.weekday}L`
            : `${r.weekday}#${r.nthWeek}`
          : '*';
  const dom = r.kind === 'monthly-day' ? String(r.monthDay) : '*';
  return `0 ${r.minute} ${r.hour} ${dom} * ${dow}`;
}

function matchesDay(r: Rule, year: number, month: number, day: number): boolean {
  if (r.kind === 'daily') return true;
  if (r.kind === 'workdays')
    return isWorkday(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  const weekday = weekdayOf({ year, month, day });
  if (r.kind === 'monthly-day') return day === r.monthDay;
  if (weekday !== r.weekday) return false;
  if (r.kind === 'weekly') return true;
  return r.nthWeek === -1 ? day + 7 > daysInMonth(year, month) : Math.ceil(day / 7) === r.nthWeek;
}

/** The first rule time strictly after `after`, in the zone (no holiday handling). */
export function nextRuleTime(r: Rule, after: number, tz: string): number {
  const p = localParts(after, tz);
  for (let i = 0; i < 800; i++) {
    const at = fromLocal(p.year, p.month, p.day + i, r.hour, r.minute, tz);
    const d = localParts(at, tz);
    if (at > after && matchesDay(r, d.year, d.month, d.day)) return at;
  }
  throw new Error('no occurrence within 800 days');
}

export interface Occurrence {
  /** The rule's own time. */
  nominal: number;
  /** When the meeting happens after the holiday policy (equal to nominal unless shifted). */
  at: number;
  holiday?: string;
  shifted: boolean;
}

/** The next occurrence after `after` with the holiday policy applied; skipped ones are reported to `onSkip`. */
export function nextOccurrence(
  r: Rule,
  after: number,
  tz: string,
  policy: HolidayPolicy,
  onSkip?: (nominal: number, holiday: string) => void,
): Occurrence {
  let cursor = after;
  for (let i = 0; i < 60; i++) {
    const nominal = nextRuleTime(r, cursor, tz);
    const holiday = statutoryHoliday(localDay(nominal, tz));
    if (!holiday || policy === 'none') return { nominal, at: nominal, holiday, shifted: false };
    if (policy === 'shift') return { nominal, at: shiftToWorkday(nominal, tz), holiday, shifted: true };
    onSkip?.(nominal, holiday);
    cursor = nominal;
  }
  throw new Error('every occurrence falls on a holiday');
}

/** Same time on the next official working day (a 调休 weekend counts as one). */
function shiftToWorkday(at: number, tz: string): number {
  const p = localParts(at, tz);
  for (let i = 1; i < 30; i++) {
    const candidate = fromLocal(p.year, p.month, p.day + i, p.hour, p.minute, tz);
    if (isWorkday(localDay(candidate, tz))) return candidate;
  }
  return at;
}
