// The 台账 export: each meeting in a period with type, time, place, topic and attendance lists with reasons.
import fs from 'node:fs';
import { formatDateTime } from '../../ground/time/format.js';
import { toCsv } from '../../store/csv.js';
import type { Stores } from '../../store/index.js';
import { percent, summarize } from './summary.js';

const STATUS = { scheduled: '待召开', cancelled: '已取消', closed: '已召开' } as const;
const COLUMNS = [
  '编号',
  '支部',
  '类型',
  '时间',
  '地点',
  '主题',
  '状态',
  '应到',
  '实到',
  '迟到',
  '请假',
  '缺席',
  '出席率',
  '签到名单',
  '迟到名单',
  '请假名单（事由）',
  '缺席名单',
];
const DETAIL_COLUMNS = ['会议编号', '类型', '时间', '姓名', '情况', '回复时间', '原文', '事由'];
const EVIDENCE_COLUMNS = ['会议编号', '类型', '时间', '材料', '文件名', '上传时间', '链接'];

export interface Ledger {
  rows: Array<Array<string | number>>;
  details: Array<Array<string | number>>;
  /** Minutes and photos of the meetings (uploaded in the web console), with links when a base URL is known. */
  evidence: Array<Array<string | number>>;
}

export async function buildLedger(
  stores: Stores,
  opts: {
    from: number;
    to: number;
    branchId?: string;
    tz: string;
    now?: number;
    /** Where the console serves a meeting's file (for links in the workbook). */
    evidenceUrl?: (meetingId: string, evidenceId: string) => string;
  },
): Promise<Ledger> {
  const meetings = await stores.meetings.list({ branchId: opts.branchId, from: opts.from, to: opts.to });
  const branchNames = new Map((await stores.branches.list()).map((b) => [b.id, b.name]));
  const rows: Ledger['rows'] = [];
  const details: Ledger['details'] = [];
  const evidence: Ledger['evidence'] = [];
  for (const m of meetings) {
    for (const e of await stores.evidence.list(m.id))
      evidence.push([
        Number(m.id),
        m.type,
        formatDateTime(m.startAt, opts.tz),
        e.kind === 'photo' ? '照片' : '会议记录',
        e.name,
        formatDateTime(e.at, opts.tz),
        opts.evidenceUrl?.(m.id, e.id) ?? '',
      ]);
    const time = formatDateTime(m.startAt, opts.tz);
    const head = [
      Number(m.id),
      branchNames.get(m.branchId) ?? m.branchId,
      m.type,
      time,
      m.place ?? '',
      m.topic ?? '',
      // A meeting that has started but is not closed yet is 进行中, not 待召开.
      m.status === 'scheduled' && m.startAt <= (opts.now ?? Date.now())
        ? '进行中'
        : m.uncollected
          ? `${STATUS[m.status]}（未收集）`
          : STATUS[m.status],
    ];
    // Only a held meeting has attendance: a future or cancelled one is listed with its status alone.
    if (m.status !== 'closed') {
      rows.push([...head, ...Array<string>(COLUMNS.length - head.length).fill('')]);
      continue;
    }
    const s = await summarize(stores, m);
    const names = (xs: Array<{ member: { name: string } }>) => xs.map((x) => x.member.name).join('、');
    rows.push([
      ...head,
      s.expected.length,
      s.present.length + s.late.length,
      s.late.length,
      s.leave.length,
      m.uncollected ? '未收集' : s.absent.length,
      m.uncollected ? '未收集' : percent(s.rate),
      names(s.present),
      names(s.late),
      s.leave.map((x) => `${x.member.name}（${x.record.reason ?? ''}）`).join('、'),
      m.uncollected ? '' : s.absent.map((x) => x.name).join('、'),
    ]);
    const label = { present: '签到', late: '迟到', leave: '请假' } as const;
    for (const x of [...s.present, ...s.late, ...s.leave]) {
      details.push([
        Number(m.id),
        m.type,
        time,
        x.member.name,
        label[x.record.status],
        formatDateTime(x.record.at, opts.tz),
        x.record.text,
        x.record.reason ?? '',
      ]);
    }
    // 未收集 (the bot was down for the whole window): nobody is listed absent.
    if (m.status === 'closed' && !m.uncollected)
      for (const a of s.absent) details.push([Number(m.id), m.type, time, a.name, '缺席', '', '', '']);
  }
  return { rows, details, evidence };
}

export async function writeLedger(ledger: Ledger, format: 'xlsx' | 'csv', file: string): Promise<void> {
  if (format === 'csv') {
    fs.writeFileSync(file, toCsv([COLUMNS, ...ledger.rows]));
    return;
  }
  // Loaded for an export only: exceljs costs ~28 MB of RSS in a process that never writes one.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('会议台账');
  sheet.addRow(COLUMNS).font = { bold: true };
  for (const r of ledger.rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = [6, 14, 12, 24, 14, 20, 8, 6, 6, 6, 6, 6, 8, 30, 20, 30, 20][i] ?? 12));
  const detail = wb.addWorksheet('签到明细');
  detail.addRow(DETAIL_COLUMNS).font = { bold: true };
  for (const r of ledger.details) detail.addRow(r);
  if (ledger.evidence.length) {
    const ev = wb.addWorksheet('会议记录和照片');
    ev.addRow(EVIDENCE_COLUMNS).font = { bold: true };
    for (const r of ledger.evidence) ev.addRow(r);
  }
  await wb.xlsx.writeFile(file);
}
