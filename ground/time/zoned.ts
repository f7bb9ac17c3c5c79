// Wall-clock time in a named zone ⇄ UTC epoch ms, without a date library. The only place that asks Intl
// about a zone; nothing here (or anywhere in ground/time/) reads the process's own TZ.

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** True when Intl knows the zone name (config validation). */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of an instant in the zone. */
export function localParts(ms: number, tz: string): LocalParts {
  const map: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) map[p.type] = p.value;
  return {
    year: Number(map.year),
    month: Number(map.month),
    day: Number(map.day),
    hour: Number(map.hour),
    minute: Number(map.minute),
    second: Number(map.second),
    weekday: WEEKDAY.indexOf(map.weekday ?? ''),
  };
}

/** Minutes east of UTC for the zone at that instant (480 for Asia/Shanghai). */
export function offsetMinutes(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** UTC ms of a wall-clock time in the zone (month 1..12; day, hour… may overflow, Date.UTC normalises them). */
export function fromLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  tz: string,
  second = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetMinutes(guess, tz) * 60_000;
  // Re-check once around DST transitions (none in China, but keep zones honest).
  return guess - offsetMinutes(first, tz) * 60_000;
}

/** A calendar date (no zone): what day words and recurrence rules compute on. */
export interface CivilDate {
  year: number;
  month: number; // 1..12
  day: number;
}

/** The date `days` after (or before) the given one; months and years roll over. */
export function addDays(d: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
export function weekdayOf(d: CivilDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** Number of days in a month (month 1..12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's calendar date in the zone. */
export function today(now: number, tz: string): CivilDate {
  const p = localParts(now, tz);
  return { year: p.year, month: p.month, day: p.day };
}

/** YYYY-MM-DD of the instant in the zone. */
export function localDay(ms: number, tz: string): string {
  return dayKey(today(ms, tz));
}

/** YYYY-MM-DD of a calendar date. */
export function dayKey(d: CivilDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** UTC ms of 00:00 of a calendar date in the zone. */
export function startOfDate(d: CivilDate, tz: string): number {
  return fromLocal(d.year, d.month, d.day, 0, 0, tz);
}

/** 00:00 of the local day that contains `ms`. */
export function startOfDay(ms: number, tz: string): number {
  return startOfDate(today(ms, tz), tz);
}

/** 00:00 of the next local day (when a per-day counter resets). */
export function startOfNextDay(ms: number, tz: string): number {
  return startOfDate(addDays(today(ms, tz), 1), tz);
}

/** Monday of the week that contains the date: Chinese weeks start on Monday. */
export function mondayOf(d: CivilDate): CivilDate {
  return addDays(d, -((weekdayOf(d) + 6) % 7));
}

/** 00:00 on Monday of the local week that contains `ms`. */
export function startOfWeek(ms: number, tz: string): number {
  return startOfDate(mondayOf(today(ms, tz)), tz);
}

/** 00:00 on the 1st of the local month that contains `ms`, `monthsAhead` months on (negative: back). */
export function startOfMonth(ms: number, tz: string, monthsAhead = 0): number {
  const d = today(ms, tz);
  return fromLocal(d.year, d.month + monthsAhead, 1, 0, 0, tz);
}

/** 00:00 on the first day of the local quarter that contains `ms`. */
export function startOfQuarter(ms: number, tz: string): number {
  const d = today(ms, tz);
  return fromLocal(d.year, Math.floor((d.month - 1) / 3) * 3 + 1, 1, 0, 0, tz);
}
