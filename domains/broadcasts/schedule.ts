// The <时间|立即> part of /广播: once (立即, 12月1日9:00…) or recurring (每天8:00, 每周一9:00), and its cron.
import * as chrono from 'chrono-node';
import type { BroadcastSchedule } from '../../store/broadcast-types.js';
import { formatDateTime } from '../../ground/time/format.js';

const WEEKDAY = '日天一二三四五六';
const WEEKDAY_LABEL = ['日', '一', '二', '三', '四', '五', '六'];

/** Minutes east of UTC of a zone at an instant (what chrono's `timezone` wants). */
export function zoneOffsetMinutes(timeZone: string, at: number): number {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

function clockOf(h: string, m: string | undefined, half?: string): { hour: number; minute: number } | undefined {
  const hour = Number(h);
  const minute = half ? 30 : Number(m ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

const TIME = '(\\d{1,2})(?:[:：](\\d{2})|点(?:(\\d{1,2})分?|(半))?)';

/** Parses the time phrase; undefined when it is not one. A once time in the past is an error for the caller. */
export function parseWhen(phrase: string, now: number, tz: string): BroadcastSchedule | undefined {
  const text = phrase.replace(/\s+/g, '');
  if (/^(立即|立刻|马上|现在|now)$/i.test(text)) return { type: 'once', at: now };
  let m = new RegExp(`^每天${TIME}$`).exec(text);
  if (m) {
    const c = clockOf(m[1]!, m[2] ?? m[3], m[4]);
    return c && { type: 'daily', ...c, tz };
  }
  m = new RegExp(`^每(?:周|星期|礼拜)([${WEEKDAY}])${TIME}$`).exec(text);
  if (m) {
    const c = clockOf(m[2]!, m[3] ?? m[4], m[5]);
    const weekday = Math.max(0, WEEKDAY.indexOf(m[1]!) - 1);
    return c && { type: 'weekly', weekday, ...c, tz };
  }
  if (!/\d|[今明后下周月日点]/.test(text)) return undefined;
  const results = chrono.zh.parse(text, { instant: new Date(now), timezone: zoneOffsetMinutes(tz, now) });
  const first = results[0];
  // The whole phrase must be the time, or a word of the content would be taken for one.
  if (first?.index !== 0 || first.text.length !== text.length) return undefined;
  return { type: 'once', at: first.start.date().getTime() };
}

/** BullMQ repeat options for a recurring schedule. */
export function repeatOf(s: BroadcastSchedule): { pattern: string; tz: string } | { every: number } | undefined {
  if (s.type === 'daily') return { pattern: `0 ${s.minute} ${s.hour} * * *`, tz: s.tz };
  if (s.type === 'weekly') return { pattern: `0 ${s.minute} ${s.hour} * * ${s.weekday}`, tz: s.tz };
  if (s.type === 'every') return { every: s.everyMs };
  return undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** How the schedule reads in previews and lists. */
export function describeSchedule(s: BroadcastSchedule, tz: string): string {
  switch (s.type) {
    case 'once':
      return formatDateTime(s.at, tz);
    case 'daily':
      return `每天 ${pad(s.hour)}:${pad(s.minute)}`;
    case 'weekly':
      return `每周${WEEKDAY_LABEL[s.weekday]} ${pad(s.hour)}:${pad(s.minute)}`;
    case 'every':
      return `每 ${Math.round(s.everyMs / 1000)} 秒`;
  }
}
