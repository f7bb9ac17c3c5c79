// Absolute times shown to users: always date, weekday and time in the configured zone.
import { localParts } from './zoned.js';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const pad = (n: number) => String(n).padStart(2, '0');

/** e.g. 2026年12月4日（周五）15:00 */
export function formatDateTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}年${p.month}月${p.day}日（${WEEKDAYS[p.weekday]}）${pad(p.hour)}:${pad(p.minute)}`;
}

/** Like formatDateTime, with the seconds when they are not :00 (2分钟后 typed at 09:15:12 starts 09:17:12). */
export function formatDateTimeExact(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${formatDateTime(ms, timeZone)}${p.second ? `:${pad(p.second)}` : ''}`;
}

/** e.g. 12月4日 15:00 — for compact lists. */
export function formatShort(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** e.g. 10:32:05 — for console transcripts and times close enough that seconds matter. */
export function formatClock(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
