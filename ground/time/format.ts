// Absolute times shown to users: always date, weekday and time in the configured zone.
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function parts(ms: number, timeZone: string) {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23',
  });
  const map: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) map[p.type] = p.value;
  const weekdayIndex = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(map.weekday ?? '');
  return { year: Number(map.year), month: Number(map.month), day: Number(map.day), hour: map.hour ?? '00', minute: map.minute ?? '00', weekday: WEEKDAYS[weekdayIndex] ?? '' };
}

/** e.g. 2026年12月4日（周五）15:00 */
export function formatDateTime(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}年${p.month}月${p.day}日（${p.weekday}）${p.hour}:${p.minute}`;
}

/** e.g. 12月4日 15:00 — for compact lists. */
export function formatShort(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

/** e.g. 10:32:05 — for console transcripts. */
export function formatClock(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}
