// 概览: per branch, this month's and quarter's meetings against the cadence (the digest's numbers), the next
// meetings, the six-month attendance rate as a chart, and long unexcused absences.
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

export function registerOverviewRoutes(app: FastifyInstance, deps: WebDeps): void {
  const tz = deps.config.timeZone;
  app.get<{ Querystring: { branch?: string } }>('/', async (req, reply) => {
    const scope = await branchScope(deps.stores, requireViewer(req), req.query.branch);
    const now = deps.clock.now();
    const [digest, months] = await Promise.all([
      deps.stores.cadence.get().then((c) => computeDigest(deps.stores, scope.branch.id, now, tz, c)),
      monthlyAttendance(deps.stores, scope.branch.id, now, tz),
    ]);
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
      chart: rateChart(months.map((m) => ({ label: m.label, rate: m.rate }))),
    });
  });
}
