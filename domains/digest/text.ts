// The digest as the secretary reads it (plain text for WeChat).
import { formatShort } from '../../ground/time/format.js';
import { localParts } from '../../ground/time/zoned.js';
import { PERIOD_LABEL } from '../../store/cadence.js';
import type { Digest, TypeLine } from './compute.js';

function typeLine(t: TypeLine): string {
  const mark = t.met ? '✓' : t.period === 'monthly' ? '✗ 上月未开展' : '⚠ 本季度尚未开展';
  const thin = t.inquorate ? `（另有 ${t.inquorate} 次不足半数，不计入）` : '';
  return `${t.type}（${PERIOD_LABEL[t.period]}至少1次）：上月 ${t.lastMonth} 次，本月 ${t.thisMonth} 次，本季度 ${t.quarter} 次${thin} ${mark}`;
}

/**
 * The scheduled digest (first workday of a month) reports on the month just ended and is labelled with it;
 * asked for with /本月情况 it is labelled with the current month and the day it was asked, in TZ.
 */
export function formatDigest(d: Digest, tz: string, opts: { onDemand?: boolean } = {}): string {
  const asOf = localParts(d.thisMonth.to, tz);
  const head = opts.onDemand
    ? `${d.thisMonth.label}，截至${asOf.month}月${asOf.day}日；${d.quarter.label}`
    : `${d.lastMonth.label}，${d.quarter.label}至今`;
  const lines = [`【三会一课情况】${d.branchName}（${head}）`, ...d.types.map(typeLine)];
  lines.push(
    d.upcoming.length
      ? `近期安排：${d.upcoming.map((m) => `${formatShort(m.startAt, tz)} ${m.type}${m.title && m.title !== m.type ? `《${m.title}》` : ''}`).join('；')}`
      : '近期安排：暂无，请及时安排下一次会议。',
  );
  const a = d.attendance;
  const skipped = a.uncollected ? `；另有 ${a.uncollected} 次会议签到未收集，不计入` : '';
  lines.push(
    a.expected
      ? `上月出勤率：${Math.round((a.attended / a.expected) * 100)}%（${a.meetings} 次会议，应到 ${a.expected} 人次，实到 ${a.attended} 人次${skipped}）`
      : `上月出勤率：无已结束的会议记录${skipped ? `（${skipped.slice(1)}）` : ''}。`,
  );
  lines.push(
    d.absentees.length
      ? `长期无故缺席：${d.absentees.map((x) => `${x.name}（连续 ${x.streak} 次）`).join('、')}，请及时谈心谈话、批评教育。`
      : '长期无故缺席：无。',
  );
  return lines.join('\n');
}
