// 成员 (roster per branch; admins import rosters and grant or revoke the admin role), 审计 (the audit stream,
// filterable; admins) and 队列 (bull-board, admins only).
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { assertAdmin } from '../../domains/roles/console-access.js';
import { grantAdmin, revokeAdmin } from '../../domains/roles/admins.js';
import { parseCsv } from '../../store/csv.js';
import { importRoster, readRosterFile } from '../../store/roster-import.js';
import { requireViewer, web } from '../auth.js';
import { branchScope } from '../branch-scope.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';

type Body = Record<string, string | undefined>;

export function registerAdminRoutes(app: FastifyInstance, deps: WebDeps): void {
  const tz = deps.config.timeZone;

  app.get<{ Querystring: { branch?: string; notice?: string } }>('/members', async (req, reply) => {
    const v = requireViewer(req);
    const scope = await branchScope(deps.stores, v, req.query.branch);
    const [members, admins] = await Promise.all([
      deps.stores.members.listByBranch(scope.branch.id),
      v.role === 'admin' ? deps.stores.admins.list() : Promise.resolve([]),
    ]);
    const adminIds = new Set([...deps.config.adminIds, ...admins.map((a) => a.wechatId)]);
    return page(reply, 'members', {
      title: `成员 · ${scope.branch.name}`,
      scope,
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role === 'secretary' ? '书记' : '党员',
        status: m.status === 'active' ? '在册' : '停用',
        bound: !!m.wechatId,
        wechatId: m.wechatId,
        admin: !!m.wechatId && adminIds.has(m.wechatId),
        fixed: !!m.wechatId && deps.config.adminIds.includes(m.wechatId),
      })),
      notice: req.query.notice,
      report: undefined,
    });
  });

  app.post<{ Body: Body }>('/members/admin', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const member = await deps.stores.members.get(String(req.body.memberId ?? ''));
    if (!member?.wechatId) throw new UserError('该党员还没有绑定微信，不能授予管理员。');
    const who = { id: member.wechatId, name: member.name };
    const notice =
      req.body.action === 'revoke'
        ? (await revokeAdmin(deps, web(v), who))
          ? `已撤销 ${member.name} 的管理员权限。`
          : `${member.name} 不是经授权的管理员。`
        : (await grantAdmin(deps, web(v), who, v.wechatId))
          ? `已授予 ${member.name} 管理员权限。`
          : `${member.name} 已经是管理员。`;
    return reply.redirect(`/members?branch=${member.branchId}&notice=${encodeURIComponent(notice)}`, 303);
  });

  app.post('/members/import', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const file = await req.file();
    if (!file) throw new UserError('请选择名册文件（.csv 或 .xlsx）。');
    const ext = file.filename.toLowerCase().split('.').pop();
    const buf = await file.toBuffer();
    if (file.file.truncated) throw new UserError('文件太大，未导入。');
    let rows: string[][];
    if (ext === 'csv') rows = parseCsv(buf.toString('utf8').replace(/^\uFEFF/, ''));
    else if (ext === 'xlsx') rows = await readXlsx(buf);
    else throw new UserError('只接受 .csv 或 .xlsx 名册。');
    const fields = file.fields as unknown as Record<string, { value?: string } | undefined>;
    const defaultBranch = fields.branch?.value?.trim() || undefined;
    let report: Awaited<ReturnType<typeof importRoster>>;
    try {
      report = await importRoster(deps.stores, rows, { defaultBranch });
    } catch (err) {
      throw new UserError(`名册无法导入：${(err as Error).message}`);
    }
    await deps.audit.recordBy(
      web(v),
      'roster.import',
      `${file.filename}：接受 ${report.accepted.length}，拒绝 ${report.rejected.length}（网页）`,
    );
    const scope = await branchScope(deps.stores, v);
    return page(reply, 'import-report', { title: '名册导入结果', scope, report });
  });

  app.get<{ Querystring: { action?: string; actor?: string; days?: string; failed?: string } }>(
    '/audit',
    async (req, reply) => {
      assertAdmin(requireViewer(req));
      const days = Math.min(365, Math.max(1, Number(req.query.days) || 7));
      const since = deps.clock.now() - days * 86_400_000;
      const action = (req.query.action ?? '').trim();
      const actor = (req.query.actor ?? '').trim();
      const rows = (await deps.audit.list({ since, limit: 5000 }))
        .filter(
          (r) =>
            (!action || r.action.includes(action)) &&
            (!actor || r.actor.includes(actor) || (r.actorName ?? '').includes(actor)) &&
            (req.query.failed !== '1' || !r.ok),
        )
        .reverse()
        .slice(0, 500)
        .map((r) => ({ ...r, when: formatDateTime(r.at, tz) }));
      return page(reply, 'audit', {
        title: '审计',
        rows,
        q: { action, actor, days, failed: req.query.failed === '1' },
      });
    },
  );
}

async function readXlsx(buf: Buffer): Promise<string[][]> {
  const os = await import('node:os');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-roster-'));
  try {
    const file = path.join(dir, 'roster.xlsx');
    fs.writeFileSync(file, buf);
    return await readRosterFile(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
