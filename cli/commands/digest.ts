// zhibu digest: print the 三会一课 digest of every (or one) branch, send it to the secretaries now, or
// show and change the required cadence per meeting type.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { digestsFor, sendMonthlyDigests } from '../../domains/digest/job.js';
import { PERIOD_LABEL, type CadencePeriod } from '../../store/cadence.js';
import { openSession } from './broadcast-connect.js';

const PERIODS: Record<string, CadencePeriod | 'none'> = {
  monthly: 'monthly',
  每月: 'monthly',
  quarterly: 'quarterly',
  每季度: 'quarterly',
  none: 'none',
  不要求: 'none',
};

export function registerDigest(program: Command): void {
  const cmd = program
    .command('digest')
    .description('三会一课月度情况：打印、立即发送给书记，或设置各类会议的频次要求')
    .option('--branch <名称>', '只看这个支部')
    .option('--send', '立即发送给各支部书记（本月已发过的不重复发送）')
    .action(async (opts: { branch?: string; send?: boolean }) => {
      const s = await openSession();
      try {
        const { deps } = s;
        const { stores } = deps;
        if (opts.send) {
          s.requireBot();
          const n = await sendMonthlyDigests(deps);
          process.stdout.write(`已交给机器人发送：${n} 位书记。\n`);
          return;
        }
        let ids: string[] | undefined;
        if (opts.branch) {
          const b = await stores.branches.getByName(opts.branch);
          if (!b) throw new UserError(`没有找到支部“${opts.branch}”。`);
          ids = [b.id];
        }
        const all = await digestsFor(deps, ids);
        process.stdout.write(all.length ? `${all.map((d) => d.text).join('\n\n')}\n` : '还没有登记任何支部。\n');
      } finally {
        await s.close();
      }
    });
  cmd
    .command('cadence')
    .description('查看或设置频次要求，例如：zhibu digest cadence 党课=monthly 主题党日=monthly 党小组会=none')
    .argument('[设定...]', '会议类型=monthly|quarterly|none')
    .action(async (settings: string[]) => {
      const s = await openSession();
      try {
        const store = s.deps.stores.cadence;
        for (const item of settings) {
          const [type, period] = item.split('=');
          const p = PERIODS[period?.trim() ?? ''];
          if (!type?.trim() || !p) throw new UserError(`看不懂“${item}”：请写 会议类型=monthly、quarterly 或 none。`);
          await store.set(type.trim(), p);
          await s.deps.audit.recordBy(s.actor, 'digest.cadence', `${type.trim()}=${p}`);
        }
        const current = await store.get();
        process.stdout.write(
          `${Object.entries(current)
            .map(([t, p]) => `${t}：${PERIOD_LABEL[p]}至少1次`)
            .join('\n')}\n`,
        );
      } finally {
        await s.close();
      }
    });
}
