// Renders an attendance summary for the secretary (close report and /签到).
import { formatDateTime } from '../../ground/time/format.js';
import type { Meeting } from '../../store/types.js';
import { meetingLabel } from './texts.js';
import { percent, type AttendanceSummary } from '../attendance/summary.js';

export function summaryText(m: Meeting, s: AttendanceSummary, tz: string, opts: { final: boolean }): string {
  const came = s.present.length + s.late.length;
  const names = (xs: Array<{ member: { name: string } }>) =>
    xs.length ? xs.map((x) => x.member.name).join('、') : '无';
  const lines = [
    `【${opts.final ? '签到汇总' : '签到情况'}】${meetingLabel(m)}（编号 ${m.id}）${formatDateTime(m.startAt, tz)}${m.place ? ` ${m.place}` : ''}`,
    `应到 ${s.expected.length} 人，实到 ${came} 人（其中迟到 ${s.late.length} 人），请假 ${s.leave.length} 人，${opts.final ? '缺席' : '未回复'} ${s.absent.length} 人，出席率 ${percent(s.rate)}。`,
    `签到：${names(s.present)}`,
    `迟到：${names(s.late)}`,
    `请假：${s.leave.length ? s.leave.map((x) => `${x.member.name}（${x.record.reason ?? '未说明'}）`).join('、') : '无'}`,
    `${opts.final ? '缺席' : '未回复'}：${s.absent.length ? s.absent.map((x) => x.name).join('、') : '无'}`,
  ];
  if (m.type === '支部党员大会' && s.expected.length && came * 2 < s.expected.length) {
    lines.push(
      `⚠ 注意：实到人数不足应到人数的一半（${came}/${s.expected.length}），支部党员大会不足半数不能召开，所作决定无效，请另行安排。`,
    );
  }
  return lines.join('\n');
}
