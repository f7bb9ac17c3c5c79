// The <时间|立即> part of /广播: once (立即, 12月1日9:00…) or recurring (每天8:00, 每周一9:00), and its cron.
// Times come from the one phrase parser and the one recurrence parser in ground/time, as for meetings.
import type { BroadcastSchedule } from '../../store/broadcast-types.js';
import { formatDateTime } from '../../ground/time/format.js';
import { parseInstant } from '../../ground/time/phrase.js';
import { cronPattern, parseRecurrence } from '../../ground/time/recurrence.js';

const WEEKDAY_LABEL = ['日', '一', '二', '三', '四', '五', '六'];

/** Parses the time phrase; undefined when it is not one. A once time in the past is an error for the caller. */
export function parseWhen(phrase: string, now: number, tz: string): BroadcastSchedule | undefined {
  const text = phrase.replace(/\s+/g, '');
  if (/^(立即|立刻|马上|现在|now)$/i.test(text)) return { type: 'once', at: now };
  const rule = parseRecurrence(text);
  if (rule.ok) {
    // The whole phrase must be the rule; monthly rules have no broadcast schedule.
    if (rule.rest) return undefined;
    const { hour, minute } = rule.rule;
    if (rule.rule.kind === 'daily') return { type: 'daily', hour, minute, tz };
    if (rule.rule.kind === 'weekly') return { type: 'weekly', weekday: rule.rule.weekday!, hour, minute, tz };
    return undefined;
  }
  if (rule.reason !== 'not-recurring') return undefined;
  // The whole phrase must be the time, or a word of the content would be taken for one. A day alone (明天)
  // keeps the hour it always had: noon, or its part of day's (明晚 22:00). A date already past this year stays
  // past (refused by the caller) rather than meaning next year.
  const at = parseInstant(text, { now, tz }, { dayTime: 'usual', nextYear: false });
  return at === undefined ? undefined : { type: 'once', at };
}

/** BullMQ repeat options for a recurring schedule. */
export function repeatOf(s: BroadcastSchedule): { pattern: string; tz: string } | { every: number } | undefined {
  if (s.type === 'daily') return { pattern: cronPattern({ kind: 'daily', hour: s.hour, minute: s.minute }), tz: s.tz };
  if (s.type === 'weekly')
    return { pattern: cronPattern({ kind: 'weekly', weekday: s.weekday, hour: s.hour, minute: s.minute }), tz: s.tz };
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
