// /绑定 第一党支部 — binds the room to a branch (an admin may create the branch; its secretary may bind).
// /绑定 确认 N, /绑定 拒绝 N — the secretary (or an admin) answers a /我是 claim.
import { PermissionError, UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import type { CommandSpec } from '../../types.js';
import { answerClaim } from '../roles/claim-name.js';

export function bindRoomCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/绑定',
    roles: ['admin', 'secretary', 'member', 'guest'],
    help: '/绑定 支部名称 — 在群里把本群绑定到支部（书记或管理员）',
    async handle(ctx, args) {
      const [first, second] = args.trim().split(/\s+/);
      if (first === '确认' || first === '拒绝') return answerClaim(ctx, md, second, first === '确认');
      const name = args.trim();
      if (!name) throw new UserError('用法：在支部群里发送 /绑定 第一党支部');
      if (!ctx.msg.roomId) throw new UserError('请在要绑定的支部群里发送这条命令。');
      const { branches } = md.stores;
      let branch = await branches.getByName(name);
      const isAdmin = ctx.role === 'admin';
      if (!branch && !isAdmin) throw new PermissionError(`还没有“${name}”这个支部，请管理员先绑定创建。`);
      if (branch && !isAdmin && !branch.secretaries.includes(ctx.msg.talkerId)) {
        throw new PermissionError(`抱歉，只有${name}的书记或管理员可以绑定本群。`);
      }
      let created = false;
      if (!branch) ({ branch, created } = await branches.ensure(name, md.clock.now()));
      const previous = await branches.branchOfRoom(ctx.msg.roomId);
      await branches.bindRoom(branch.id, ctx.msg.roomId);
      await ctx.deps.audit.recordBy(
        ctx.msg,
        'branch.bind-room',
        `${ctx.msg.roomTopic ?? ctx.msg.roomId} → ${branch.name}${created ? '（新建支部）' : ''}`,
      );
      const moved = previous && previous.id !== branch.id ? `（原绑定：${previous.name}）` : '';
      await ctx.reply(
        `本群已绑定到${branch.name}${created ? '（新建）' : ''}${moved}。会议提醒和签到将在本群进行；名册导入：zhibu roster import 名册.xlsx`,
      );
    },
  };
}
