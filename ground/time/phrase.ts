// The one Chinese time-phrase parser (meetings, broadcasts, the CLI). Day words are calendar days in the configured
// zone, computed from the reference instant only: nothing here reads the process's TZ (chrono-node's zh parser,
// used before, took 今天/明天 from the process's local date, so a server in UTC was a day off after midnight).
//
// Rules chosen (how people type in a group chat):
// - 明天/明晚/后天 are calendar days: 明晚九点 typed at 00:10 on Tuesday is Wednesday 21:00. The reply always
//   echoes the date with its weekday, so someone still up "on Monday night" sees 周三 and can correct it.
// - Weeks start on Monday: 本周五/这周五 is this week's, 下周一 typed on a Sunday is the next day, 下下周三 two weeks on.
//   A bare 周三 is the coming one (today if its time is still ahead).
// - A date without a year already past means next year (1月5日 typed in December); a bare 5号 already past, next month.
// - 下午/晚上 add 12 hours; 晚上/夜里12点 is midnight at the end of that day; 夜里2点 is the small hours after it.
// - A range (中午12:00—14:00, 下午2点到4点) means its start.
// - N分钟后 keeps the seconds of now (a demo two minutes ahead starts exactly two minutes ahead).
import { parseCnNumber, parseDuration } from './duration.js';
import { addDays, daysInMonth, fromLocal, localParts, mondayOf, today, weekdayOf, type CivilDate } from './zoned.js';

export interface TimeContext {
  now: number;
  tz: string;
}

export interface PhraseOptions {
  /** Resolve open references forward (bare weekday, 5号 already past). Default true; false for "since". */
  forward?: boolean;
  /** A year-less date already past means next year. Default: as `forward`. Broadcasts refuse it instead: a
   * notice sent eleven months later is more likely a typo than a plan. */
  nextYear?: boolean;
}

/** What the start of a text says: an instant, or a day (with maybe a part of day) but no hour. */
export type PhraseMatch =
  | { kind: 'instant'; at: number; text: string; rest: string }
  | { kind: 'day'; date: CivilDate; period?: Period; text: string; rest: string };

export type TimeParse =
  | { ok: true; at: number; text: string; rest: string }
  | { ok: false; reason: 'unparseable' | 'no-time' | 'past'; text?: string; at?: number };

/** Full-width digits and colons, traditional characters, M/D and ISO dates → the forms the grammar reads. */
export function normalizeTimeText(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[點後週時鐘個兩號間]/g, (c) => '点后周时钟个两号间'['點後週時鐘個兩號間'.indexOf(c)]!)
    .replace(/(\d)：(\d)/g, '$1:$2')
    .replace(/(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T(?=\d))?/g, '$1年$2月$3日 ')
    .replace(/(^|[^\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/g, '$1$2月$3日')
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Parses the meeting time at the start of `input`; a past time or one without an hour is refused. */
export function parseMeetingTime(input: string, ctx: TimeContext): TimeParse {
  const text = normalizeTimeText(input);
  const m = parsePhrase(text, ctx);
  if (!m) return { ok: false, reason: 'unparseable', text: text.split(' ')[0] };
  if (m.kind === 'day') return { ok: false, reason: 'no-time', text: m.text };
  if (m.at <= ctx.now) return { ok: false, reason: 'past', text: m.text, at: m.at };
  return { ok: true, at: m.at, text: m.text, rest: m.rest };
}

/** The whole text as one instant; a day without an hour takes `dayTime` (its part of day's usual hour when given). */
export function parseInstant(
  input: string,
  ctx: TimeContext,
  opts: PhraseOptions & { dayTime?: 'start' | 'usual' } = {},
): number | undefined {
  const m = parsePhrase(normalizeTimeText(input), ctx, opts);
  if (!m || m.rest) return undefined;
  if (m.kind === 'instant') return m.at;
  if (!opts.dayTime) return undefined;
  const hour = opts.dayTime === 'start' ? 0 : m.period ? PERIOD_USUAL_HOUR[m.period] : 12;
  return fromLocal(m.date.year, m.date.month, m.date.day, hour, 0, ctx.tz);
}

// ---- grammar ----------------------------------------------------------------------------------------------------

export type Period = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';
const PERIODS: Array<[string, Period]> = [
  ['凌晨', 'dawn'],
  ['清晨', 'morning'],
  ['早晨', 'morning'],
  ['早上', 'morning'],
  ['上午', 'morning'],
  ['早', 'morning'],
  ['中午', 'noon'],
  ['正午', 'noon'],
  ['午后', 'afternoon'],
  ['下午', 'afternoon'],
  ['傍晚', 'evening'],
  ['晚上', 'evening'],
  ['晚间', 'evening'],
  ['夜里', 'night'],
  ['夜间', 'night'],
  ['夜晚', 'night'],
  ['半夜', 'night'],
  ['深夜', 'night'],
  ['晚', 'evening'],
  ['夜', 'night'],
];
/** Hours chrono-node implied for a part of day alone (kept for broadcasts such as 明晚). */
const PERIOD_USUAL_HOUR: Record<Period, number> = {
  dawn: 0,
  morning: 6,
  noon: 12,
  afternoon: 15,
  evening: 22,
  night: 22,
};

const CN = '[零〇一二两三四五六七八九十百]+';
const N = `(?:\\d+|${CN})`;
const WEEKDAY_CHARS = '一二三四五六日天1234567';
const WEEKDAY_INDEX: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  1: 0,
  2: 1,
  3: 2,
  4: 3,
  5: 4,
  6: 5,
  7: 6,
};
const DAY_WORDS: Record<string, number> = { 大前: -3, 前: -2, 昨: -1, 今: 0, 明: 1, 后: 2, 大后: 3 };

interface Cursor {
  s: string;
  i: number;
}

function eat(c: Cursor, re: RegExp): RegExpExecArray | undefined {
  const m = new RegExp(`^\\s*(?:${re.source})`).exec(c.s.slice(c.i));
  if (!m) return undefined;
  c.i += m[0].length;
  return m;
}

function num(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseCnNumber(text);
}

/** Longest time phrase at the start of normalized text, resolved against `ctx`; undefined when there is none. */
export function parsePhrase(text: string, ctx: TimeContext, opts: PhraseOptions = {}): PhraseMatch | undefined {
  const forward = opts.forward ?? true;
  const c: Cursor = { s: text, i: 0 };
  const done = (m: { kind: 'instant'; at: number } | { kind: 'day'; date: CivilDate; period?: Period }): PhraseMatch =>
    ({ ...m, text: text.slice(0, c.i).trim(), rest: text.slice(c.i).trim() }) as PhraseMatch;
  const rel = relative(c, ctx);
  if (rel) return done(rel);
  if (eat(c, /现在|立即|立刻|马上|此刻/)) return done({ kind: 'instant', at: ctx.now });

  const start = c.i;
  const day = datePart(c, ctx, forward, opts.nextYear ?? forward);
  if (day === null) return undefined; // a date that does not exist (2月30日)
  const time = timePart(c, day?.period);
  if (!day && !time) {
    c.i = start;
    return undefined;
  }
  const period = time?.period ?? day?.period;
  if (!time || time.hour === undefined) {
    const date = day?.date ?? today(ctx.now, ctx.tz);
    return done({ kind: 'day', date, period });
  }
  let date = day?.date ?? today(ctx.now, ctx.tz);
  const at = () => fromLocal(date.year, date.month, date.day, time.hour!, time.minute, ctx.tz, time.second);
  // The coming weekday: next week when today's is already past.
  if (day?.bareWeekday && forward && at() <= ctx.now) date = addDays(date, 7);
  return done({ kind: 'instant', at: at() });
}

// N分钟后, 一刻钟后, 一个半小时后, 再过8小时, 过两天, 3天后下午3点, 两个月后, 3天前.
const RELATIVE = new RegExp(
  `(再)?\\s*(过)?\\s*((?:${N}|半)?\\s*个?\\s*半?)\\s*(秒钟?|分钟|分|刻钟|刻|小时|钟头|天|日|周|星期|礼拜|个?月|年)\\s*(以后|之后|后|以前|之前|前)?`,
);

// 1小时30分钟后, 2小时15分后
const COMPOUND = new RegExp(
  `(再)?\\s*(过)?\\s*((?:${N}\\s*个?半?\\s*(?:小时|钟头|分钟|分|秒钟?)\\s*){2,3})(以后|之后|后|以前|之前|前)?`,
);

function relative(
  c: Cursor,
  ctx: TimeContext,
): { kind: 'instant'; at: number } | { kind: 'day'; date: CivilDate } | undefined {
  const save = c.i;
  const compound = eat(c, COMPOUND);
  const span =
    compound && (compound[1] || compound[2] || compound[4])
      ? parseDuration(compound[3]!.replace(/\s/g, ''))
      : undefined;
  if (compound && span !== undefined)
    return { kind: 'instant', at: Math.floor((ctx.now + (compound[4]?.endsWith('前') ? -span : span)) / 1000) * 1000 };
  c.i = save;
  const m = eat(c, RELATIVE);
  if (!m || !m[3]!.replace(/[个\s]/g, '') || !(m[1] || m[2] || m[5])) {
    c.i = save;
    return undefined;
  }
  const sign = m[5]?.endsWith('前') ? -1 : 1;
  const amountText = m[3]!.replace(/\s/g, '');
  const unit = m[4]!;
  let at: number;
  if (/月|年/.test(unit)) {
    const n = num(amountText.replace(/个$/, ''));
    if (n === undefined) return ((c.i = save), undefined);
    const p = localParts(ctx.now, ctx.tz);
    const months = sign * n * (unit === '年' ? 12 : 1);
    const day = Math.min(
      p.day,
      daysInMonth(p.year + Math.floor((p.month - 1 + months) / 12), ((((p.month - 1 + months) % 12) + 12) % 12) + 1),
    );
    at = fromLocal(p.year, p.month + months, day, p.hour, p.minute, ctx.tz, p.second);
  } else {
    const span = parseDuration(`${amountText}${unit === '刻' ? '刻钟' : unit}`);
    if (span === undefined) return ((c.i = save), undefined);
    at = Math.floor((ctx.now + sign * span) / 1000) * 1000;
  }
  // A day-sized offset may carry a time of day: 3天后下午3点.
  if (/天|日|周|星期|礼拜|月|年/.test(unit)) {
    const save2 = c.i;
    const time = timePart(c);
    const p = localParts(at, ctx.tz);
    const date = { year: p.year, month: p.month, day: p.day };
    if (time?.hour !== undefined)
      return {
        kind: 'instant',
        at: fromLocal(date.year, date.month, date.day, time.hour, time.minute, ctx.tz, time.second),
      };
    if (time) return { kind: 'day', date };
    c.i = save2;
  }
  return { kind: 'instant', at };
}

interface DateHit {
  date: CivilDate;
  period?: Period;
  bareWeekday?: boolean;
}

/** The day part; undefined when there is none, null when one was written but does not exist. */
function datePart(c: Cursor, ctx: TimeContext, forward: boolean, nextYear: boolean): DateHit | undefined | null {
  const now = today(ctx.now, ctx.tz);
  const valid = (y: number, mo: number, d: number): CivilDate | null =>
    mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? { year: y, month: mo, day: d } : null;
  const before = (a: CivilDate, b: CivilDate) =>
    a.year * 10_000 + a.month * 100 + a.day < b.year * 10_000 + b.month * 100 + b.day;
  let m: RegExpExecArray | undefined;

  // 2026年12月5日, 明年3月5号, 12月5日 (a passed year-less date means next year)
  if ((m = eat(c, new RegExp(`(\\d{4}年|今年|明年|去年|后年|前年)?\\s*(${N})月\\s*(${N})\\s*(?:日|号)?`)))) {
    const yearWord = m[1];
    const offsets: Record<string, number> = { 今年: 0, 明年: 1, 去年: -1, 后年: 2, 前年: -2 };
    const year = yearWord
      ? /\d/.test(yearWord)
        ? Number(yearWord.slice(0, 4))
        : now.year + offsets[yearWord]!
      : now.year;
    const mo = num(m[2]);
    const d = num(m[3]);
    if (mo === undefined || d === undefined) return null;
    const date = valid(year, mo, d);
    if (!date) return null;
    eat(c, /[（(]?(?:周|星期|礼拜)[一二三四五六日天][)）]?/); // a copied 12月5日（周六）: the weekday is redundant
    if (!yearWord && nextYear && before(date, now)) return { date: valid(year + 1, mo, d) ?? date }; // 2月29日: stays past
    return { date };
  }
  // 下个月3号, 本月15日, 下下个月1号
  if ((m = eat(c, new RegExp(`(下下个?月|下个?月|本月|这个?月|上个?月)\\s*(${N})\\s*(?:日|号)`)))) {
    const ahead = m[1]!.startsWith('下下') ? 2 : m[1]!.startsWith('下') ? 1 : m[1]!.startsWith('上') ? -1 : 0;
    const month0 = now.month - 1 + ahead;
    const year = now.year + Math.floor(month0 / 12);
    const date = valid(year, (((month0 % 12) + 12) % 12) + 1, num(m[2]) ?? 0);
    return date && { date };
  }
  // 本周五, 下周一, 下下周三, 上周二, 这个星期天, 周三 (bare: the coming one)
  if ((m = eat(c, new RegExp(`(下下个?|下个?|上上个?|上个?|本|这个?)?\\s*(?:周|星期|礼拜)([${WEEKDAY_CHARS}])`)))) {
    const idx = WEEKDAY_INDEX[m[2]!]!; // Monday = 0 … Sunday = 6
    const which = m[1] ?? '';
    if (!which) {
      const ahead = (idx - ((weekdayOf(now) + 6) % 7) + 7) % 7;
      return { date: addDays(now, ahead), bareWeekday: true };
    }
    const weeks = which.startsWith('下下')
      ? 2
      : which.startsWith('下')
        ? 1
        : which.startsWith('上上')
          ? -2
          : which.startsWith('上')
            ? -1
            : 0;
    return { date: addDays(mondayOf(now), weeks * 7 + idx) };
  }
  // 今天, 明天, 后天, 大后天, 昨天; 今晚, 明早, 明晚
  if ((m = eat(c, /(大前|前|昨|今|明|大后|后)(?:天|日|儿)/))) return { date: addDays(now, DAY_WORDS[m[1]!]!) };
  if ((m = eat(c, /(昨|今|明)(早|晚|夜)/))) {
    return {
      date: addDays(now, DAY_WORDS[m[1]!]!),
      period: m[2] === '早' ? 'morning' : m[2] === '晚' ? 'evening' : 'night',
    };
  }
  // 5号 / 5日: this month's, next month's once passed
  if ((m = eat(c, new RegExp(`(${N})\\s*(?:日|号)(?![楼室院栋])`)))) {
    const d = num(m[1]) ?? 0;
    let date = valid(now.year, now.month, d);
    if (date && forward && before(date, now)) {
      const next = addDays({ year: now.year, month: now.month, day: daysInMonth(now.year, now.month) }, 1);
      date = valid(next.year, next.month, d);
    }
    return date && { date };
  }
  return undefined;
}

interface TimeHit {
  period?: Period;
  hour?: number; // 0..24+ (24 = midnight ending the day; the small hours of a night are 24..28)
  minute: number;
  second: number;
}

const CLOCK = new RegExp(
  `(${N})\\s*(?::\\s*(\\d{1,2})(?::(\\d{1,2}))?|(?:点钟|点|时)(?:(半|一刻|三刻|整|(\\d{1,2}(?!\\d)|${CN})(?:分钟|分|(?![楼层室号栋]))(?:(${N})秒)?))?)`,
);

/** 下午3点, 七点半, 14:30, 两点一刻, 夜里12点, 下午 (no hour), 午夜; a range after it (—14:00, 到4点) is consumed. */
function timePart(c: Cursor, inherited?: Period): TimeHit | undefined {
  const save = c.i;
  let period: Period | undefined;
  for (const [word, p] of PERIODS) {
    if (c.s.slice(c.i).trimStart().startsWith(word)) {
      c.i = c.s.indexOf(word, c.i) + word.length;
      period = p;
      break;
    }
  }
  if (!period && eat(c, /午夜/)) return { hour: 24, minute: 0, second: 0 };
  const clock = readClock(c);
  if (!clock) {
    if (period) return { period, minute: 0, second: 0 };
    c.i = save;
    return undefined;
  }
  const hour = withPeriod(clock.hour, period ?? inherited);
  if (hour === undefined) {
    c.i = save;
    return undefined;
  }
  // A range: take its start, consume its end so it is not mistaken for the place.
  const afterStart = c.i;
  if (eat(c, /——|—|–|-|~|～|至|到/)) {
    for (const [word] of PERIODS)
      if (c.s.slice(c.i).trimStart().startsWith(word)) {
        c.i = c.s.indexOf(word, c.i) + word.length;
        break;
      }
    if (!readClock(c)) c.i = afterStart;
  }
  return { period, hour, minute: clock.minute, second: clock.second };
}

function readClock(c: Cursor): { hour: number; minute: number; second: number } | undefined {
  const save = c.i;
  const m = eat(c, CLOCK);
  if (!m) return undefined;
  const hour = num(m[1]);
  // A bare number is not a time: 3 in "3楼"; it needs ':' or 点/时.
  const hasColon = m[2] !== undefined;
  if (!hasColon && !/[点时]/.test(m[0])) return ((c.i = save), undefined);
  const minute = hasColon
    ? Number(m[2])
    : m[4] === '半'
      ? 30
      : m[4] === '一刻'
        ? 15
        : m[4] === '三刻'
          ? 45
          : m[5] !== undefined
            ? num(m[5])
            : 0;
  const second = hasColon ? Number(m[3] ?? 0) : m[6] !== undefined ? (num(m[6]) ?? 0) : 0;
  if (
    hour === undefined ||
    hour > 24 ||
    minute === undefined ||
    minute > 59 ||
    second > 59 ||
    (hour === 24 && minute > 0)
  )
    return ((c.i = save), undefined);
  return { hour, minute, second };
}

/** 24-hour clock from an hour as typed and the part of day it was said in. */
function withPeriod(hour: number, period: Period | undefined): number | undefined {
  switch (period) {
    case undefined:
      return hour;
    case 'dawn':
      return hour === 12 ? 0 : hour <= 6 ? hour : undefined;
    case 'morning':
      return hour <= 12 ? hour : undefined;
    case 'noon':
      return hour >= 11 && hour <= 12
        ? hour
        : hour >= 1 && hour <= 3
          ? hour + 12
          : hour >= 13 && hour <= 15
            ? hour
            : undefined;
    case 'afternoon':
      return hour >= 1 && hour < 12 ? hour + 12 : hour >= 12 && hour <= 19 ? hour : undefined;
    case 'evening':
    case 'night':
      if (hour === 12 || hour === 24 || hour === 0) return 24; // 夜里12点: midnight at the end of that day
      if (hour >= 1 && hour <= 4) return hour + 24; // 夜里2点: the small hours after that evening
      if (hour >= 5 && hour < 12) return hour + 12;
      return hour <= 23 ? hour : undefined;
  }
}

/** A time of day (下午3点, 14:30) that is the whole of `text` or its first part; for recurrence rules. */
export function parseTimeOfDay(text: string): { hour: number; minute: number; text: string; rest: string } | undefined {
  const normalized = normalizeTimeText(text);
  const c: Cursor = { s: normalized, i: 0 };
  const t = timePart(c);
  if (!t || t.hour === undefined || t.hour > 23) return undefined;
  return { hour: t.hour, minute: t.minute, text: normalized.slice(0, c.i).trim(), rest: normalized.slice(c.i).trim() };
}
