// zhibu roster import FILE.csv|FILE.xlsx [--branch 名称] [--dry-run]; zhibu roster list [--branch 名称].
import type { Command } from 'commander';
import { formatRosterReport, importRoster, readRosterFile, ROSTER_HEADER_HELP } from '../../store/roster-import.js';
import { openMeetingsSession } from './meetings-session.js';

export function registerRoster(program: Command): void {
  const roster = program.command('roster').description('支部名册：导入（CSV/XLSX）与查看');
  roster
    .command('import <file>')
    .description(`导入名册（表头：${ROSTER_HEADER_HELP}），报告接受与拒绝的行`)
    .option('--branch <name>', '没有“支部”列时使用的支部')
    .option('--dry-run', '只检查，不写入')
    .action(async (file: string, opts: { branch?: string; dryRun?: boolean }) => {
      const s = await openMeetingsSession();
      try {
        const rows = await readRosterFile(file);
        const report = await importRoster(s.deps.stores, rows, { defaultBranch: opts.branch, dryRun: opts.dryRun });
        await s.deps.audit.recordBy(
          s.actor,
          'roster.import',
          `${file}：接受 ${report.accepted.length}，拒绝 ${report.rejected.length}${opts.dryRun ? '（试运行）' : ''}`,
        );
        process.stdout.write(`${formatRosterReport(report)}\n`);
        if (report.rejected.length) process.exitCode = 1;
      } finally {
        await s.close();
      }
    });
  roster
    .command('list')
    .description('列出支部与成员（含是否已绑定微信）')
    .option('--branch <name>', '只看某个支部')
    .action(async (opts: { branch?: string }) => {
      const s = await openMeetingsSession();
      try {
        const only = await s.branchByName(opts.branch);
        for (const b of only ? [only] : await s.deps.stores.branches.list()) {
          const members = await s.deps.stores.members.listByBranch(b.id);
          process.stdout.write(
            `${b.name}（群 ${b.rooms.length} 个，书记 ${b.secretaries.length} 人，成员 ${members.length} 人）\n`,
          );
          for (const m of members)
            process.stdout.write(
              `  ${m.id}\t${m.name}\t${m.role === 'secretary' ? '书记' : '党员'}\t${m.status === 'active' ? '在册' : '停用'}\t${m.wechatId ?? '（未绑定微信）'}\n`,
            );
        }
      } finally {
        await s.close();
      }
    });
}
