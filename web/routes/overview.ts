// 概览: per branch, this month's and quarter's meetings against the cadence (the digest's numbers), the next
// meetings, the six-month attendance rate as a chart, and long unexcused absences; for each of the viewer's
// branches the questions left unanswered this week (linking to the filtered 问答记录), and the bot's channels.
import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../../ground/time/format.js';
import { monthlyAttendance } from '../../domains/attendance/monthly-rate.js';
import { computeDigest } from '../../domains/digest/compute.js';
import { PERIOD_LABEL } from '../../store/cadence.js';
import { requireViewer } from '../auth.js';
import { branchScope } from '../branch-scope.js';
import { rateChart } from '../chart.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';
import { UNANSWERED, weekOf, weekRange } from '../questions.js';
import { dayKey } from '../../ground/time/zoned.js';

const CHANNEL_STATE = { online: '已连接', offline: '未登录', running: '运行中（自动重连）' } as const;

export function registerOverviewRoutes(app: FastifyInstance, deps: WebDeps): void {
  const tz = deps.config.timeZone;
  app.get<{ Querystring: { branch?: string } }>('/', async (req, reply) => {
    const scope = await branchScope(deps.stores, requireViewer(req), req.query.branch);
    const now = deps.clock.now();
    const monday = weekOf(undefined, now, tz);
    const range = weekRange(monday, tz);
    const [digest, months, asked] = await Promise.all([
      deps.stores.cadence.get().then((c) => computeDigest(deps.stores, scope.branch.id, now, tz, c)),
      monthlyAttendance(deps.stores, scope.branch.id, now, tz),
      deps.stores.questions.list({ since: range.from, until: range.until, limit: 10_000 }),
    ]);
    const unanswered = scope.choices.map((b) => ({
      ...b,
      count: asked.filter((q) => q.branchId === b.id && UNANSWERED.has(q.outcome)).length,
      href: `/questions?branch=${encodeURIComponent(b.id)}&week=${dayKey(monday)}&unanswered=1`,
    }));
    // Read per request: a Wechaty logout shows at the next page load.
    const channels = deps.channels?.().map((c) => ({ ...c, label: CHANNEL_STATE[c.state] }));
    return page(reply, 'overview', {
      title: `概览 · ${scope.branch.name}`,
      scope,
      types: (digest?.types ?? []).map((t) => ({ ...t, periodLabel: PERIOD_LABEL[t.period] })),
      quarterLabel: digest?.quarter.label ?? '',
      upcoming: (digest?.upcoming ?? []).map((m) => ({
        id: m.id,
        type: m.type,
        when: formatDateTime(m.startAt, tz),
        place: m.place ?? '',
      })),
      absentees: digest?.absentees ?? [],
      unanswered,
      channels,
      chart: rateChart(months.map((m) => ({ label: m.label, rate: m.rate }))),
    });
  });
}
