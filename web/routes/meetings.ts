// 会议: list and month calendar per branch, create / reschedule / cancel through the chat's parsing and operations, a meeting's
// 台账 with corrections, evidence uploads, and the quarter's 台账 as xlsx.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { parseMeetingTime } from '../../ground/time/phrase.js';
import { localParts, startOfMonth, startOfQuarter } from '../../ground/time/zoned.js';
import { correctAttendance, CORRECTED_LABEL, type CorrectedStatus } from '../../domains/attendance/correct.js';
import { buildLedger, writeLedger } from '../../domains/attendance/ledger-export.js';
import { percent, summarize } from '../../domains/attendance/summary.js';
import { meetingInput } from '../../domains/meetings/input.js';
import { cancelMeeting, createMeeting, rescheduleMeeting } from '../../domains/meetings/ops.js';
import { meetingTypeOf, splitOptions } from '../../domains/meetings/parse-command.js';
import { assertChangeable, timeError } from '../../domains/meetings/rules.js';
import { assertBranch, consoleBaseUrl } from '../../domains/roles/console-access.js';
import { MEETING_TYPES, type Meeting } from '../../store/types.js';
import { requireViewer, web } from '../auth.js';
import { branchScope } from '../branch-scope.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';
import { registerEvidenceRoutes } from './evidence.js';
import { monthGrid, monthOf, placeMeetings } from '../calendar.js';

type Body = Record<string, string | undefined>;
const STATUS = { scheduled: '待召开', cancelled: '已取消', closed: '已召开' } as const;
const SOURCE = { typed: '群内回复', button: '按钮', corrected: '书记更正' } as const;

export function registerMeetingRoutes(app: FastifyInstance, deps: WebDeps): void {
  const tz = deps.config.timeZone;
  const fmt = (ms: number) => formatDateTime(ms, tz);

  async function meetingFor(req: { viewer?: unknown; params: unknown }): Promise<Meeting> {
    const id = String((req.params as { id: string }).id);
    const m = /^\d+$/.test(id) ? await deps.stores.meetings.get(id) : undefined;
    if (!m) throw new UserError(`没有编号为 ${id} 的会议。`);
    assertBranch(requireViewer(req as never), m.branchId);
    return m;
  }

  app.get<{ Querystring: { branch?: string; month?: string; notice?: string } }>('/meetings', async (req, reply) => {
    const scope = await branchScope(deps.stores, requireViewer(req), req.query.branch);
    const now = deps.clock.now();
    const meetings = await deps.stores.meetings.list({ branchId: scope.branch.id, from: now - 92 * 86_400_000 });
    const upcoming = meetings.filter((m) => m.startAt >= now).slice(0, 50);
    const past = meetings
      .filter((m) => m.startAt < now)
      .reverse()
      .slice(0, 50);
    const row = (m: Meeting) => ({
      id: m.id,
      type: m.type,
      when: fmt(m.startAt),
      place: m.place ?? '',
      status: STATUS[m.status],
    });
    const p = localParts(now, tz);
    const { year, month } = monthOf(req.query.month, now, tz);
    const grid = monthGrid(year, month, now, tz);
    const inGrid = await deps.stores.meetings.list({ branchId: scope.branch.id, from: grid.from, to: grid.to });
    return page(reply, 'meetings', {
      calendar: placeMeetings(grid, inGrid, tz),
      title: `会议 · ${scope.branch.name}`,
      scope,
      types: MEETING_TYPES,
      upcoming: upcoming.map(row),
      past: past.map(row),
      quarter: `${p.year}Q${Math.floor((p.month - 1) / 3) + 1}`,
      notice: req.query.notice,
    });
  });

  app.post<{ Body: Body }>('/meetings', async (req, reply) => {
    const v = requireViewer(req);
    const b = req.body;
    const scope = await branchScope(deps.stores, v, b.branch);
    const type = meetingTypeOf(b.type ?? '');
    if (!type) throw new UserError(`请选择会议类型：${MEETING_TYPES.join('、')}。`);
    // Reminder options are written as in chat (提醒：1天,1小时 截止：30分钟) and read by the chat's parser.
    const extra = splitOptions(` ${(b.options ?? '').trim()}`);
    if (extra.errors.length || extra.head)
      throw new UserError(extra.errors.join('\n') || `没看懂选项“${extra.head}”。`);
    const now = deps.clock.now();
    const parsed = parseMeetingTime((b.when ?? '').trim(), { now, tz });
    if (!parsed.ok) {
      await deps.audit.recordBy(
        web(v),
        'meeting.create',
        `${type} ${b.when ?? ''}（时间无效：${parsed.reason}）`,
        false,
      );
      throw timeError(parsed, tz);
    }
    const m = await createMeeting(
      deps.meetings,
      meetingInput({
        branch: scope.branch,
        type,
        startAt: parsed.at,
        placeFromText: parsed.rest,
        options: { ...extra.options, place: b.place?.trim() || undefined, topic: b.topic?.trim() || undefined },
        createdBy: v.wechatId,
        now,
      }),
    );
    await deps.audit.recordBy(web(v), 'meeting.create', `#${m.id} ${type} ${fmt(m.startAt)} ← 网页：${b.when}`);
    return reply.redirect(
      `/meetings/${m.id}?notice=${encodeURIComponent(`已创建会议 ${m.id}：${type}，${fmt(m.startAt)}（按“${parsed.text}”理解）`)}`,
      303,
    );
  });

  app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/meetings/:id', async (req, reply) => {
    const m = await meetingFor(req);
    const [branch, s, records, evidence] = await Promise.all([
      deps.stores.branches.get(m.branchId),
      summarize(deps.stores, m),
      deps.stores.attendance.list(m.id),
      deps.stores.evidence.list(m.id),
    ]);
    const recordOf = new Map(records.map((r) => [r.memberId, r]));
    const ledger = s.expected.map((member) => {
      const r = recordOf.get(member.id);
      return {
        memberId: member.id,
        name: member.name,
        status: r ? CORRECTED_LABEL[r.status] : m.status === 'closed' ? '缺席' : '未回复',
        reason: r?.reason ?? '',
        at: r ? fmt(r.at) : '',
        source: r ? SOURCE[r.source ?? 'typed'] : '',
      };
    });
    return page(reply, 'meeting', {
      title: `会议 ${m.id} · ${m.type}`,
      m: { ...m, when: fmt(m.startAt), statusLabel: STATUS[m.status] },
      branchName: branch?.name ?? '',
      counts: {
        expected: s.expected.length,
        present: s.present.length,
        late: s.late.length,
        leave: s.leave.length,
        absent: s.absent.length,
        rate: percent(s.rate),
      },
      ledger,
      statuses: Object.entries(CORRECTED_LABEL),
      evidence: evidence.map((e) => ({ ...e, at: fmt(e.at), kb: Math.ceil(e.size / 1024) })),
      notice: req.query.notice,
    });
  });

  app.post<{ Params: { id: string }; Body: Body }>('/meetings/:id/reschedule', async (req, reply) => {
    const v = requireViewer(req);
    const m = await meetingFor(req);
    assertChangeable(m, '改期');
    const parsed = parseMeetingTime((req.body.when ?? '').trim(), { now: deps.clock.now(), tz });
    if (!parsed.ok) throw timeError(parsed, tz);
    const next = await rescheduleMeeting(deps.meetings, m, parsed.at);
    await deps.audit.recordBy(
      web(v),
      'meeting.reschedule',
      `#${m.id} ${fmt(m.startAt)} → ${fmt(next.startAt)}（网页）`,
    );
    return back(reply, m.id, `已改期到 ${fmt(next.startAt)}（按“${parsed.text}”理解），提醒已重新安排。`);
  });

  app.post<{ Params: { id: string }; Body: Body }>('/meetings/:id/cancel', async (req, reply) => {
    const v = requireViewer(req);
    const m = await meetingFor(req);
    assertChangeable(m, '取消');
    if (req.body.confirm !== 'yes') throw new UserError('请勾选“确认取消”后再提交。会议未取消。');
    await cancelMeeting(deps.meetings, m);
    await deps.audit.recordBy(web(v), 'meeting.cancel', `#${m.id} ${m.type} ${fmt(m.startAt)}（网页）`);
    return back(reply, m.id, '会议已取消，相关提醒已撤销。');
  });

  app.post<{ Params: { id: string }; Body: Body }>('/meetings/:id/attendance', async (req, reply) => {
    const v = requireViewer(req);
    const m = await meetingFor(req);
    const status = req.body.status as CorrectedStatus;
    if (!(status in CORRECTED_LABEL)) throw new UserError('请选择签到、迟到、请假或缺席。');
    const r = await correctAttendance(deps.stores, m, {
      memberId: String(req.body.memberId ?? ''),
      status,
      reason: req.body.reason,
      by: v.wechatId,
      now: deps.clock.now(),
    });
    await deps.audit.recordBy(web(v), 'attendance.correct', `#${m.id} ${r.memberName}：${r.before} → ${r.after}`);
    return back(reply, m.id, `已更正 ${r.memberName}：${r.before} → ${r.after}`);
  });

  app.get<{ Querystring: { branch?: string; quarter?: string } }>('/meetings/export', async (req, reply) => {
    const v = requireViewer(req);
    const scope = await branchScope(deps.stores, v, req.query.branch);
    const q = /^(\d{4})Q([1-4])$/.exec(req.query.quarter ?? '');
    if (!q) throw new UserError('请选择季度，例如 2026Q4。');
    const mid = Date.UTC(Number(q[1]), (Number(q[2]) - 1) * 3 + 1, 15);
    const from = startOfQuarter(mid, tz);
    const to = startOfMonth(from + 86_400_000, tz, 3) - 1;
    const base = consoleBaseUrl(deps.config);
    const ledger = await buildLedger(deps.stores, {
      from,
      to,
      branchId: scope.branch.id,
      tz,
      evidenceUrl: (meetingId, id) => `${base}/meetings/${meetingId}/evidence/${id}`,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-export-'));
    const file = path.join(dir, 'ledger.xlsx');
    try {
      await writeLedger(ledger, 'xlsx', file);
      const body = fs.readFileSync(file);
      await deps.audit.recordBy(web(v), 'ledger.export', `${scope.branch.name} ${req.query.quarter}（网页）`);
      const name = `${scope.branch.name}-${req.query.quarter}-三会一课台账.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'Content-Disposition',
          `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(body);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  registerEvidenceRoutes(app, deps, meetingFor);
}

function back(reply: import('fastify').FastifyReply, id: string, notice: string) {
  return reply.redirect(`/meetings/${id}?notice=${encodeURIComponent(notice)}`, 303);
}
