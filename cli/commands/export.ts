// zhibu export --from 2026-01-01 --to 2026-12-31 [--branch 名称] --format xlsx|csv [--out 文件]: the 台账.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { buildLedger, writeLedger } from '../../domains/attendance/ledger-export.js';
import { fromLocal, startOfNextDay } from '../../ground/time/zoned.js';
import { openMeetingsSession } from './meetings-session.js';

/** YYYY-MM-DD (or YYYY/M/D) as the start of that local day. */
export function parseDay(text: string, tz: string): number {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) throw new UserError(`日期“${text}”请写成 2026-01-31`);
  return fromLocal(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, tz);
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('导出“三会一课”台账：每次会议的类型、时间、地点、主题与签到/请假（含事由）/缺席名单')
    .requiredOption('--from <date>', '起始日期，如 2026-01-01')
    .requiredOption('--to <date>', '截止日期（含当天），如 2026-12-31')
    .option('--branch <name>', '只导出某个支部')
    .option('--format <fmt>', 'xlsx 或 csv', 'xlsx')
    .option('--out <file>', '输出文件（默认 台账-起-止.格式）')
    .action(async (opts: { from: string; to: string; branch?: string; format: string; out?: string }) => {
      if (opts.format !== 'xlsx' && opts.format !== 'csv') throw new UserError('--format 只能是 xlsx 或 csv');
      const s = await openMeetingsSession();
      try {
        const from = parseDay(opts.from, s.config.timeZone);
        const to = startOfNextDay(parseDay(opts.to, s.config.timeZone), s.config.timeZone) - 1;
        const branch = await s.branchByName(opts.branch);
        const ledger = await buildLedger(s.deps.stores, { from, to, branchId: branch?.id, tz: s.config.timeZone });
        const out = opts.out ?? `台账-${opts.from}-${opts.to}.${opts.format}`;
        await writeLedger(ledger, opts.format, out);
        await s.deps.audit.recordBy(s.actor, 'export', `${out}（${ledger.rows.length} 次会议）`);
        process.stdout.write(`已导出 ${ledger.rows.length} 次会议到 ${out}\n`);
      } finally {
        await s.close();
      }
    });
}
