// How a broadcast reads before confirmation, in lists and in detail.
import type { Broadcast, BroadcastStatus, RunReport } from '../../store/broadcast-types.js';
import type { NewBroadcast } from '../../store/broadcasts.js';
import { formatDateTime } from '../../ground/time/format.js';
import { describeSchedule } from './schedule.js';

const STATUS: Record<BroadcastStatus, string> = {
  scheduled: '待发送',
  sending: '发送中',
  done: '已完成',
  cancelled: '已取消',
  active: '周期进行中',
};
const MAX_LISTED = 30;

function roomList(rooms: string[], topics: Map<string, string>): string {
  const names = rooms.slice(0, MAX_LISTED).map((r) => topics.get(r) ?? r);
  return names.join('、') + (rooms.length > MAX_LISTED ? ` 等（另有 ${rooms.length - MAX_LISTED} 个）` : '');
}

function contentLine(b: Pick<NewBroadcast, 'kind' | 'text' | 'studyDocs'>): string {
  if (b.kind !== 'daily-study') return b.text;
  return `每日一学：按原文顺序推送${b.studyDocs?.length ? `《${b.studyDocs.join('》《')}》` : '全部文件'}的条款，一轮推完再从头开始`;
}

export function formatPreview(b: NewBroadcast, topics: Map<string, string>, tz: string, now: number): string {
  const when =
    b.schedule.type === 'once' && b.schedule.at <= now + 60_000
      ? `立即（确认后马上发送，${formatDateTime(now, tz)}）`
      : describeSchedule(b.schedule, tz);
  return [
    '【广播预览】',
    `内容：${contentLine(b)}`,
    `发送时间：${when}`,
    `目标：${b.targets.join('、')}，共 ${b.rooms.length} 个群`,
    `群列表：${roomList(b.rooms, topics)}`,
    '回复“确认”发送（10 分钟内有效），回复“取消”放弃。',
  ].join('\n');
}

export function formatListItem(b: Broadcast, tz: string): string {
  const text = b.kind === 'daily-study' ? '每日一学' : b.text.slice(0, 20) + (b.text.length > 20 ? '…' : '');
  return `#${b.id} ${STATUS[b.status]} ${describeSchedule(b.schedule, tz)} → ${b.targets.join('、')}（${b.rooms.length} 群）：${text}`;
}

export function formatDetail(
  b: Broadcast,
  report: RunReport | undefined,
  next: number | undefined,
  topics: Map<string, string>,
  tz: string,
): string {
  const lines = [
    `广播 #${b.id}（${STATUS[b.status]}）`,
    `内容：${contentLine(b)}`,
    `时间：${describeSchedule(b.schedule, tz)}${next ? `，下次 ${formatDateTime(next, tz)}` : ''}`,
    `目标：${b.targets.join('、')}；群：${roomList(b.rooms, topics)}`,
    `创建：${b.createdByName ?? b.createdBy}，${formatDateTime(b.createdAt, tz)}`,
  ];
  if (report) {
    lines.push(
      `${b.schedule.type === 'once' ? '发送' : '最近一次发送'}：共 ${report.total} 群，已发送 ${report.sent}，失败 ${report.failed}，跳过 ${report.skipped}，待发送 ${report.queued}`,
    );
    for (const [room, reason] of Object.entries(report.failures).slice(0, 10))
      lines.push(`- 失败：${topics.get(room) ?? room}（${reason}）`);
  } else lines.push('尚未开始发送。');
  return lines.join('\n');
}
