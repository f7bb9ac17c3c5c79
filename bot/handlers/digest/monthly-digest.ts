// /本月情况: the 三会一课 digest on demand — a secretary gets their branches, an admin all or the named one.
import { PermissionError, UserError } from '../../../ground/errors.js';
import { digestsFor } from '../../../domains/digest/job.js';
import type { CommandSpec } from '../../types.js';

export function createMonthlyDigestCommand(): CommandSpec {
  return {
    name: '/本月情况',
    aliases: ['/三会一课情况'],
    roles: ['secretary', 'admin'],
    help: '/本月情况 [支部名]：本支部三会一课开展、出勤和缺席情况（书记、管理员）',
    async handle(ctx, args) {
      const d = ctx.deps;
      const { stores } = d;
      let ids: string[] | undefined;
      const name = args.trim();
      if (name) {
        const b = await stores.branches.getByName(name);
        if (!b) throw new UserError(`没有找到“${name}”。`);
        const mine = await stores.branches.branchesOfSecretary(ctx.msg.talkerId);
        if (ctx.role !== 'admin' && !mine.includes(b.id)) throw new PermissionError('您只能查看自己所在支部的情况。');
        ids = [b.id];
      } else if (ctx.role !== 'admin') ids = await stores.branches.branchesOfSecretary(ctx.msg.talkerId);
      const digests = await digestsFor(d, ids, { onDemand: true });
      await d.audit.recordBy(ctx.msg, 'digest.view', digests.map((x) => x.branchId).join(','));
      await ctx.replyPrivately(digests.length ? digests.map((x) => x.text).join('\n\n') : '还没有登记任何支部。');
    },
  };
}
