// zhibu audit --since …: prints the audit stream (who did what, when, which groups), oldest first.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import type { AuditRecord } from '../../store/audit.js';
import { parseInstant } from '../../ground/time/phrase.js';
import { openSession } from './broadcast-connect.js';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** 30m, 2h, 7d; a date (2026-12-01, its start in the zone) with maybe a time; or Chinese such as 昨天, 3天前, 12月1日. */
export function parseSince(text: string, now: number, tz: string): number {
  const rel = /^(\d+)\s*([smhdw])$/i.exec(text.trim());
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!.toLowerCase()]!;
  // An ISO instant with its own offset (2026-12-01T08:00:00Z) needs no zone.
  if (/T\d.*(?:Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) && !Number.isNaN(Date.parse(text))) return Date.parse(text);
  const at = parseInstant(text, { now, tz }, { forward: false, dayTime: 'start' });
  if (at !== undefined) return at;
  throw new UserError(`看不懂时间“${text}”：可写 30m、2h、7d、2026-12-01 或 昨天。`);
}

/** What each recorded action is called for people; the stored id stays English (filters, --json). */
const ACTION_LABELS: Record<string, string> = {
  'admin.grant': '授权管理员',
  'admin.revoke': '撤销管理员',
  'branch.bind-room': '绑定群',
  'branch.settings': '支部设置',
  'broadcast.cancel': '取消广播',
  'broadcast.create': '创建广播',
  'broadcast.discard': '放弃广播草稿',
  'broadcast.draft': '广播草稿',
  'broadcast.expired': '广播草稿过期',
  'broadcast.report': '广播报告',
  'digest.cadence': '设置会议频次',
  'digest.send': '发送月报',
  'digest.view': '查看月报',
  export: '导出台账',
  'meeting.cancel': '取消会议',
  'meeting.cancel-requested': '申请取消会议',
  'meeting.create': '新建会议',
  'meeting.reschedule': '会议改期',
  'member.claim': '认领身份',
  'member.claim-confirmed': '确认身份认领',
  'member.claim-requested': '申请认领身份',
  'member.match': '群昵称匹配',
  'roster.import': '导入名册',
  'series.cancel': '停止例会',
  'series.create': '新建例会',
  refused: '拒绝',
  system: '系统',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Pads to a display width, counting a CJK character as two columns. */
function padWide(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - w));
}

export function formatAuditLine(r: AuditRecord, tz: string): string {
  const who = r.actorName ? `${r.actorName}(${r.actor})` : r.actor;
  return `${formatDateTime(r.at, tz)}  ${r.ok ? '✓' : '✗'} ${padWide(actionLabel(r.action), 14)}${who}${r.roomId ? ` @${r.roomId}` : ''}${r.detail ? `  ${r.detail}` : ''}`;
}

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('查看审计日志：管理员和书记的操作、被拒绝的请求')
    .option('--since <时间>', '起始时间：30m、2h、7d、2026-12-01、昨天', '7d')
    .option('--until <时间>', '截止时间')
    .option('--action <前缀>', '只看某类操作，例如 broadcast、refused 或 广播')
    .option('-n, --limit <n>', '最多条数', '1000')
    .option('--json', '每行输出一条 JSON')
    .action(async (opts: { since: string; until?: string; action?: string; limit: string; json?: boolean }) => {
      const s = await openSession();
      try {
        const tz = s.config.timeZone;
        const now = Date.now();
        const rows = await s.deps.audit.list({
          since: parseSince(opts.since, now, tz),
          until: opts.until ? parseSince(opts.until, now, tz) : undefined,
          limit: Number(opts.limit),
        });
        const a = opts.action;
        const shown = a ? rows.filter((r) => r.action.startsWith(a) || actionLabel(r.action).includes(a)) : rows;
        for (const r of shown) process.stdout.write(`${opts.json ? JSON.stringify(r) : formatAuditLine(r, tz)}\n`);
        if (!opts.json) process.stderr.write(`共 ${shown.length} 条\n`);
      } finally {
        await s.close();
      }
    });
}
