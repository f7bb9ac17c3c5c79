// Short texts the meeting handlers reply with.
import { formatDateTime, formatShort } from '../../../ground/time/format.js';
import { windowOf } from '../../../domains/attendance/checkin.js';
import { formatDuration } from '../../../ground/time/duration.js';
import type { Meeting } from '../../../store/types.js';

const STATUS: Record<Meeting['status'], string> = { scheduled: '待召开', cancelled: '已取消', closed: '已结束' };

/** The reminder and check-in plan, leaving out reminders already past. */
export function planText(m: Meeting, now: number): string {
  const ahead = (offsets: number[]) =>
    offsets.filter((o) => m.startAt - o > now).map((o) => `会前${formatDuration(o)}`);
  const group = ahead(m.groupOffsets);
  const sec = ahead(m.secretaryOffsets);
  const w = windowOf(m);
  const parts = [
    `群提醒：${group.length ? group.join('、') : '无'}`,
    `书记提醒：${sec.length ? sec.join('、') : '无'}`,
  ];
  if (m.escalateBefore > 0 && m.startAt - m.escalateBefore > now)
    parts.push(`催办：会前${formatDuration(m.escalateBefore)}`);
  parts.push(`签到：会前${formatDuration(m.startAt - w.openAt)}起至开始后${formatDuration(m.closeAfter)}`);
  return parts.join('；');
}

export function listLine(m: Meeting, tz: string, counts?: string): string {
  return `${m.id}. ${formatShort(m.startAt, tz)} ${m.type}${m.place ? ` ${m.place}` : ''}（${STATUS[m.status]}${counts ? `，${counts}` : ''}）`;
}

export function detailText(m: Meeting, tz: string, now: number, counts: string): string {
  return [
    `会议 ${m.id}：${m.type}（${STATUS[m.status]}）`,
    `时间：${formatDateTime(m.startAt, tz)}`,
    ...(m.place ? [`地点：${m.place}`] : []),
    ...(m.topic ? [`主题：${m.topic}`] : []),
    ...(m.status === 'scheduled' ? [planText(m, now)] : []),
    `签到情况：${counts}`,
  ].join('\n');
}
