// One meeting time from Chinese text: chrono-node's zh parser plus the phrases it gets wrong
// (N分钟后 / N天后 [time], 下个月3号 [time], M/D; a year-less date already past means next year). The time phrase is the first one or two
// space-separated words; what follows is returned as `rest` (place, topic…).
import * as chrono from 'chrono-node';
import { NUM, parseCnNumber, parseDuration } from './duration.js';
import { fromLocal, localParts, offsetMinutes } from './zoned.js';

export type TimeParse =
  | { ok: true; at: number; text: string; rest: string }
  | { ok: false; reason: 'unparseable' | 'no-time' | 'past'; text?: string; at?: number };

export interface TimeContext {
  now: number;
  tz: string;
}

export function normalizeTimeText(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(\d)：(\d)/g, '$1:$2')
    .replace(/(^|[^\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/g, '$1$2月$3日')
    .replace(/\u3000/g, ' ')
    .trim();
}

/** Parses the time at the start of `input`; a past time or one without an hour is refused. */
export function parseMeetingTime(input: string, ctx: TimeContext): TimeParse {
  const words = normalizeTimeText(input).split(/\s+/).filter(Boolean);
  let fallback: TimeParse = { ok: false, reason: 'unparseable', text: words[0] };
  for (const n of [3, 2, 1]) {
    if (words.length < n) continue;
    const text = words.slice(0, n).join(' ');
    const r = parseWhole(text, ctx);
    if (r.ok) {
      if (r.at <= ctx.now) return { ok: false, reason: 'past', text, at: r.at };
      return { ok: true, at: r.at, text, rest: words.slice(n).join(' ') };
    }
    if (r.reason !== 'unparseable' && fallback.reason === 'unparseable') fallback = { ...r, text };
  }
  return fallback;
}

type Whole = { ok: true; at: number } | { ok: false; reason: 'unparseable' | 'no-time' };

/** The whole string must be one time expression. */
export function parseWhole(text: string, ctx: TimeContext): Whole {
  return relative(text, ctx) ?? nextMonth(text, ctx) ?? viaChrono(text, ctx);
}

const RELATIVE = new RegExp(`^(${NUM}|半)(个)?(秒钟?|分钟|小时|钟头|天|日|周|星期)(?:以后|之后|后)(.*)$`);

function relative(text: string, ctx: TimeContext): Whole | undefined {
  const m = RELATIVE.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const amount = m[1] === '半' ? undefined : parseCnNumber(m[1]!);
  const span = parseDuration(`${m[1]}${m[2] ?? ''}${m[3]}`);
  if (span === undefined || (amount === undefined && m[1] !== '半')) return { ok: false, reason: 'unparseable' };
  const base = Math.floor((ctx.now + span) / 1000) * 1000;
  const timeOfDay = m[4]!.trim();
  if (!timeOfDay) return { ok: true, at: base };
  if (!/^(天|日|周|星期)/.test(m[3]!)) return { ok: false, reason: 'unparseable' };
  return atTimeOfDay(base, timeOfDay, ctx);
}

const NEXT_MONTH = new RegExp(`^(下个?月|本月|这个月)(${NUM})(?:号|日)(.*)$`);

function nextMonth(text: string, ctx: TimeContext): Whole | undefined {
  const m = NEXT_MONTH.exec(text.replace(/\s+/g, ''));
  if (!m) return undefined;
  const day = parseCnNumber(m[2]!);
  if (!day || day > 31) return { ok: false, reason: 'unparseable' };
  const p = localParts(ctx.now, ctx.tz);
  const month = m[1]!.startsWith('下') ? p.month + 1 : p.month;
  const year = p.year + (month > 12 ? 1 : 0);
  const mon = ((month - 1) % 12) + 1;
  const noon = fromLocal(year, mon, day, 12, 0, ctx.tz);
  if (localParts(noon, ctx.tz).day !== day) return { ok: false, reason: 'unparseable' }; // 2月30号
  if (!m[3]!.trim()) return { ok: false, reason: 'no-time' };
  return atTimeOfDay(noon, m[3]!.trim(), ctx);
}

/** Applies a time of day (下午3点, 14:30) to the local date of `dayMs`. */
function atTimeOfDay(dayMs: number, timeText: string, ctx: TimeContext): Whole {
  const r = chrono.zh.parse(timeText, { instant: new Date(dayMs), timezone: offsetMinutes(dayMs, ctx.tz) })[0];
  if (r?.index !== 0 || r.text.trim() !== timeText || !r.start.isCertain('hour')) return { ok: false, reason: 'unparseable' };
  const d = localParts(dayMs, ctx.tz);
  return { ok: true, at: fromLocal(d.year, d.month, d.day, r.start.get('hour') ?? 0, r.start.get('minute') ?? 0, ctx.tz) };
}

function viaChrono(text: string, ctx: TimeContext): Whole {
  const results = chrono.zh.parse(text, { instant: new Date(ctx.now), timezone: offsetMinutes(ctx.now, ctx.tz) }, { forwardDate: false });
  const r = results[0];
  if (!r || results.length > 1 || r.index !== 0 || r.text.trim() !== text.trim()) return { ok: false, reason: 'unparseable' };
  if (!r.start.isCertain('hour')) return { ok: false, reason: 'no-time' };
  let at = r.start.date().getTime();
  // A bare weekday (周五 15:00) means the coming one.
  if (at <= ctx.now && r.start.isCertain('weekday') && !r.start.isCertain('day')) at += 7 * 86_400_000;
  // A date without a year whose day has passed this year (1月5日 typed in December) means next year; today's
  // date with an hour already past (今天上午9点 at 10:00, or 11月27日上午9点 on the 27th) stays in the past.
  if (at <= ctx.now && r.start.isCertain('month') && !r.start.isCertain('year')) at = nextYearIfDayPassed(at, ctx);
  return { ok: true, at };
}

function nextYearIfDayPassed(at: number, ctx: TimeContext): number {
  const d = localParts(at, ctx.tz);
  const today = localParts(ctx.now, ctx.tz);
  if (d.year * 10_000 + d.month * 100 + d.day >= today.year * 10_000 + today.month * 100 + today.day) return at;
  const next = fromLocal(d.year + 1, d.month, d.day, d.hour, d.minute, ctx.tz);
  return localParts(next, ctx.tz).day === d.day ? next : at; // 2月29日 has no next-year twin: stays past
}
