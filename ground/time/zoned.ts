// Wall-clock time in a named zone ⇄ UTC epoch ms, without a date library.

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
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(ms: number, tz: string): LocalParts {
  const map: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) map[p.type] = p.value;
  return {
    year: Number(map.year), month: Number(map.month), day: Number(map.day),
    hour: Number(map.hour), minute: Number(map.minute), second: Number(map.second),
    weekday: WEEKDAY.indexOf(map.weekday ?? ''),
  };
}

/** Minutes east of UTC for the zone at that instant (480 for Asia/Shanghai). */
export function offsetMinutes(ms: number, tz: string): number {
  const p = localParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** UTC ms of a wall-clock time in the zone (month 1..12; day may overflow, Date.UTC normalises it). */
export function fromLocal(year: number, month: number, day: number, hour: number, minute: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetMinutes(guess, tz) * 60_000;
  // Re-check once around DST transitions (none in China, but keep zones honest).
  return guess - offsetMinutes(first, tz) * 60_000;
}

/** YYYY-MM-DD of the instant in the zone. */
export function localDay(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Same text as app/time-format formatDateTime (2026年12月4日（周五）15:00) with a cached formatter: hot paths. */
export function formatZoned(ms: number, tz: string): string {
  const p = localParts(ms, tz);
  return `${p.year}年${p.month}月${p.day}日（${WEEKDAY_ZH[p.weekday]}）${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
