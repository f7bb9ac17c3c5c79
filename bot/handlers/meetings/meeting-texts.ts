// Short texts the meeting handlers reply with.
import { formatDateTime, formatShort } from '../../../ground/time/format.js';
import { windowOf } from '../../../domains/attendance/checkin.js';
import { formatDuration } from '../../../ground/time/duration.js';
import type { Meeting } from '../../../store/types.js';
import { meetingStatus } from '../../../domains/meetings/texts.js';

/** Reminders still ahead, and those whose time has passed (sent) in brackets: 会前1天（已发：会前3天）. */
function remindersText(m: Meeting, offsets: number[], now: number): string {
  const label = (o: number) => `会前${formatDuration(o)}`;
  const ahead = offsets.filter((o) => m.startAt - o > now).map(label);
  // Reminders already due when the meeting was created were skipped, not sent.
  const sent = offsets.filter((o) => m.startAt - o <= now && m.startAt - o >= m.createdAt).map(label);
  if (!ahead.length && !sent.length) return '无';
  if (!ahead.length) return `已发（${sent.join('、')}）`;
  return sent.length ? `${ahead.join('、')}（已发：${sent.join('、')}）` : ahead.join('、');
}

/** The reminder and check-in plan; reminders already past are shown as sent. */
export function planText(m: Meeting, now: number): string {
  const w = windowOf(m);
  const parts = [
    `群提醒：${remindersText(m, m.groupOffsets, now)}`,
    `书记提醒：${remindersText(m, m.secretaryOffsets, now)}`,
  ];
  if (m.escalateBefore > 0 && m.startAt - m.escalateBefore > now)
    parts.push(`催办：会前${formatDuration(m.escalateBefore)}`);
  parts.push(`签到：会前${formatDuration(m.startAt - w.openAt)}起至开始后${formatDuration(m.closeAfter)}`);
  return parts.join('；');
}

export function listLine(m: Meeting, tz: string, now: number, counts?: string): string {
  return `${m.id}. ${formatShort(m.startAt, tz)} ${m.type}${m.place ? ` ${m.place}` : ''}（${meetingStatus(m, now)}${counts ? `，${counts}` : ''}）`;
}

export function detailText(m: Meeting, tz: string, now: number, counts: string): string {
  return [
    `会议 ${m.id}：${m.type}（${meetingStatus(m, now)}）`,
    `时间：${formatDateTime(m.startAt, tz)}`,
    ...(m.place ? [`地点：${m.place}`] : []),
    ...(m.topic ? [`主题：${m.topic}`] : []),
    ...(m.status === 'scheduled' ? [planText(m, now)] : []),
    `签到情况：${counts}`,
  ].join('\n');
}
