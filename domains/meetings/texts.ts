// The Chinese texts meeting jobs send. Plain text: WeChat shows no Markdown.
import { formatDateTime, formatShort } from '../../ground/time/format.js';
import type { Meeting } from '../../store/types.js';
import { formatDuration } from '../../ground/time/duration.js';

/** The one status label of a meeting at `now`: a meeting that has started and is not yet closed is 进行中. */
export function meetingStatus(m: Meeting, now: number): '待召开' | '进行中' | '已结束' | '已取消' {
  if (m.status === 'cancelled') return '已取消';
  if (m.status === 'closed') return '已结束';
  return now >= m.startAt ? '进行中' : '待召开';
}

export function meetingLabel(m: Meeting): string {
  return m.title && m.title !== m.type ? `${m.type}「${m.title}」` : m.type;
}

export function meetingDetails(m: Meeting, tz: string): string {
  const lines = [`时间：${formatDateTime(m.startAt, tz)}`];
  if (m.place) lines.push(`地点：${m.place}`);
  if (m.topic) lines.push(`主题：${m.topic}`);
  return lines.join('\n');
}

export function checkinWindowText(m: Meeting): string {
  const open = Math.min(...(m.groupOffsets.length ? m.groupOffsets : [0]));
  return `签到时间：会前${formatDuration(open)}起至开始后${formatDuration(m.closeAfter)}`;
}

/** A 签到 before the window opens: when it opens. */
export function checkinNotYetOpen(m: Meeting, tz: string, openAt: number): string {
  return `${meetingLabel(m)}（编号 ${m.id}，${formatDateTime(m.startAt, tz)}）的签到尚未开始，本次未记录。${checkinWindowText(m)}（${formatShort(openAt, tz)} 起），届时请再回复“签到”。`;
}

/** A 签到 after the window closed: nothing recorded; the secretary can correct it. */
export function checkinClosed(m: Meeting, tz: string, closeAt: number): string {
  return `${meetingLabel(m)}（编号 ${m.id}，${formatDateTime(m.startAt, tz)}）的签到已结束（${formatShort(closeAt, tz)} 截止），本次未记录。如确已参会，请联系书记说明。`;
}
/** Buttons a room reminder offers where the channel can show them; a click counts as the member typing the key. */
export const CHECKIN_BUTTONS = [
  { key: '签到', label: '签到' },
  { key: '请假', label: '请假' },
];

export function roomReminder(m: Meeting, tz: string, offset: number): string {
  return [
    `【会议提醒】${meetingLabel(m)}（编号 ${m.id}）将于${formatDuration(offset)}后开始。`,
    meetingDetails(m, tz),
    `请在群里回复“签到”；不能参加请回复“请假 事由”。${checkinWindowText(m)}。`,
  ].join('\n');
}

export function secretaryReminder(m: Meeting, tz: string, offset: number, expected: number): string {
  return [
    `【会前准备】${meetingLabel(m)}（编号 ${m.id}）将于${formatDuration(offset)}后召开，请提前准备议程和材料。`,
    meetingDetails(m, tz),
    `应参会 ${expected} 人。签到情况：发送 /签到 ${m.id}`,
  ].join('\n');
}

export function escalationText(m: Meeting, tz: string, names: string[]): string {
  return `【签到提醒】${meetingLabel(m)}（编号 ${m.id}）${formatDateTime(m.startAt, tz)}开始，以下同志尚未签到或请假（${names.length} 人）：${names.join('、')}。请回复“签到”或“请假 事由”。`;
}

export function escalationForSecretary(m: Meeting, tz: string, names: string[]): string {
  return `【未回复名单】${meetingLabel(m)}（编号 ${m.id}，${formatDateTime(m.startAt, tz)}）尚未签到或请假 ${names.length} 人：${names.join('、')}`;
}

export function uncollectedNotice(m: Meeting): string {
  return `【未收集】${meetingLabel(m)}（编号 ${m.id}）签到期间助手未在运行，本次签到未收集，不计任何人缺席。请书记核实实际出勤并线下补录台账。`;
}

export function absenceAlert(name: string, streak: number, m: Meeting): string {
  return `【缺席提醒】${name} 已连续 ${streak} 次无故缺席支部会议（最近一次：${meetingLabel(m)}，编号 ${m.id}）。按照《实施方案》第16条，对没有正当理由长期不参加“三会一课”的党员，应进行批评教育，请及时谈心谈话。`;
}

const MAX_NAMES = 8;

export function listNames(names: string[], max = MAX_NAMES): string {
  if (!names.length) return '无';
  return names.length > max ? `${names.slice(0, max).join('、')}等${names.length}人` : names.join('、');
}
