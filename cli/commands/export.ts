// zhibu export --from 2026-01-01 --to 2026-12-31 [--branch 名称] --format xlsx|csv [--out 文件]: the 台账.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { buildLedger, writeLedger } from '../../domains/attendance/ledger-export.js';
import fs from 'node:fs';
import path from 'node:path';
import { daysInMonth, fromLocal, localDay, startOfNextDay, startOfQuarter } from '../../ground/time/zoned.js';
import { openMeetingsSession } from './meetings-session.js';

/** YYYY-MM-DD (or YYYY/M/D) as the start of that local day. */
export function parseDay(text: string, tz: string): number {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) throw new UserError(`日期“${text}”请写成 2026-01-31`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new UserError(`日期“${text}”不存在`);
  return fromLocal(y, mo, d, 0, 0, tz);
}

/** The period: --from/--to as given, each defaulting to this quarter's first or last day in TZ. */
export function exportPeriod(
  opts: { from?: string; to?: string },
  now: number,
  tz: string,
): { from: number; to: number; fromDay: string; toDay: string } {
  const quarter = startOfQuarter(now, tz);
  const from = opts.from ? parseDay(opts.from, tz) : quarter;
  const lastDay = opts.to ? parseDay(opts.to, tz) : startOfQuarter(quarter + 100 * 86_400_000, tz) - 1;
  const to = startOfNextDay(lastDay, tz) - 1;
  if (to < from) throw new UserError(`截止日期 ${localDay(to, tz)} 早于起始日期 ${localDay(from, tz)}`);
  return { from, to, fromDay: localDay(from, tz), toDay: localDay(to, tz) };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('导出“三会一课”台账：每次会议的类型、时间、地点、主题与签到/请假（含事由）/缺席名单')
    .option('--from <date>', '起始日期，如 2026-01-01（默认本季度第一天）')
    .option('--to <date>', '截止日期（含当天），如 2026-12-31（默认本季度最后一天）')
    .option('--branch <name>', '只导出某个支部')
    .option('--format <fmt>', 'xlsx 或 csv', 'xlsx')
    .option('--out <file>', '输出文件（默认 DATA_DIR/exports/台账-起-止.格式）')
    .action(async (opts: { from?: string; to?: string; branch?: string; format: string; out?: string }) => {
      if (opts.format !== 'xlsx' && opts.format !== 'csv') throw new UserError('--format 只能是 xlsx 或 csv');
      const s = await openMeetingsSession();
      try {
        const tz = s.config.timeZone;
        const { from, to, fromDay, toDay } = exportPeriod(opts, s.deps.clock.now(), tz);
        const branch = await s.branchByName(opts.branch);
        const ledger = await buildLedger(s.deps.stores, {
          from,
          to,
          branchId: branch?.id,
          tz,
          now: s.deps.clock.now(),
        });
        // Files go under DATA_DIR/exports unless --out says otherwise (.env.example: exports live in DATA_DIR).
        const out = opts.out ?? path.join(s.config.dataDir, 'exports', `台账-${fromDay}-${toDay}.${opts.format}`);
        fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
        await writeLedger(ledger, opts.format, out);
        await s.deps.audit.recordBy(s.actor, 'export', `${out}（${ledger.rows.length} 次会议）`);
        process.stdout.write(`已导出 ${ledger.rows.length} 次会议到 ${out}\n`);
      } finally {
        await s.close();
      }
    });
}
