// /绑定 第一党支部 — binds the room to a branch (the rule: domains/roles/bind-room.ts).
// /绑定 确认 N, /绑定 拒绝 N — the secretary (or an admin) answers a /我是 claim.
import { UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { bindRoom } from '../../../domains/roles/bind-room.js';
import type { CommandSpec } from '../../types.js';
import { answerClaim } from '../roles/claim-name.js';

export function bindRoomCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/绑定',
    roles: ['admin', 'secretary', 'member', 'guest'],
    help: '/绑定 支部名称 — 在群里把本群绑定到支部（书记或管理员；改绑已绑定的群须管理员）',
    async handle(ctx, args) {
      const [first, second] = args.trim().split(/\s+/);
      if (first === '确认' || first === '拒绝') return answerClaim(ctx, md, second, first === '确认');
      const name = args.trim();
      if (!name) throw new UserError('用法：在支部群里发送 /绑定 第一党支部');
      if (!ctx.msg.roomId) throw new UserError('请在要绑定的支部群里发送这条命令。');
      const { branch, created, previous, orphaned } = await bindRoom(
        { ...md, audit: ctx.deps.audit, outbox: ctx.deps.outbox },
        {
          id: ctx.msg.talkerId,
          name: ctx.msg.talkerName,
          role: ctx.role,
          roomId: ctx.msg.roomId,
          roomTopic: ctx.msg.roomTopic,
        },
        name,
      );
      const moved = previous
        ? `（原绑定：${previous.name}，已通知其书记${orphaned.length ? `；其已安排的 ${orphaned.length} 个会议不再在本群提醒` : ''}）`
        : '';
      await ctx.reply(
        `本群已绑定到${branch.name}${created ? '（新建）' : ''}${moved}。会议提醒和签到将在本群进行；名册导入：zhibu roster import 名册.xlsx`,
      );
    },
  };
}
