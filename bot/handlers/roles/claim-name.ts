// /我是 张三 — a member asks to bind their account to a roster name. The rule (one person, one name; every
// claim confirmed by the branch's secretary or an admin; a secretary entry by an admin) is domains/roles/claims.ts.
// /绑定 确认 N and /绑定 拒绝 N answer a claim.
import { UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { decideClaim, requestClaim } from '../../../domains/roles/claims.js';
import type { Member } from '../../../store/types.js';
import type { ChatContext, CommandSpec } from '../../types.js';

export function claimNameCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/我是',
    roles: ['admin', 'secretary', 'member', 'guest'],
    help: '/我是 张三 — 申请把您的账号与支部名册中的姓名绑定（须书记确认）',
    async handle(ctx, args) {
      const [name, branchName] = args.trim().split(/\s+/);
      if (!name) throw new UserError('用法：/我是 您在名册中的姓名，例如 /我是 张三');
      const candidates = await candidatesFor(ctx, md, name, branchName);
      if (!candidates.length)
        throw new UserError(`名册中没有找到“${name}”。请确认姓名与名册一致，或联系支部书记导入名册。`);
      if (candidates.length > 1)
        throw new UserError(
          `名册中有多位“${name}”（${candidates.length} 个支部），请在支部群里发送，或写成：/我是 ${name} 第一党支部`,
        );
      const member = candidates[0]!;
      const outcome = await requestClaim(
        { ...md, audit: ctx.deps.audit, outbox: ctx.deps.outbox },
        { id: ctx.msg.talkerId, name: ctx.msg.talkerName },
        member,
      );
      if (outcome.kind === 'already') return ctx.reply(`您已绑定为${member.name}。`);
      if (outcome.kind === 'recognised')
        return ctx.reply(`已按通讯录识别您为${outcome.member.name}，无需再用 /我是 绑定。`);
      await ctx.reply(
        outcome.adminOnly
          ? `绑定为${member.name}（支部书记）须由管理员确认，已通知管理员。`
          : `已请支部书记确认您是${member.name}，确认后即完成绑定。`,
      );
    },
  };
}

async function candidatesFor(ctx: ChatContext, md: MeetingDeps, name: string, branchName?: string): Promise<Member[]> {
  const branch = branchName
    ? await md.stores.branches.getByName(branchName)
    : ctx.msg.roomId
      ? await md.stores.branches.branchOfRoom(ctx.msg.roomId)
      : undefined;
  return md.stores.members.findByName(name, branch?.id);
}

export async function answerClaim(ctx: ChatContext, md: MeetingDeps, id: string | undefined, accept: boolean) {
  const { claim, member } = await decideClaim(
    { ...md, audit: ctx.deps.audit, outbox: ctx.deps.outbox },
    { id: ctx.msg.talkerId, role: ctx.role },
    id,
    accept,
  );
  await ctx.reply(
    accept
      ? `已确认：${claim.wechatName} 绑定为${member.name}。`
      : `已拒绝：${claim.wechatName} 绑定为${member.name}的申请。`,
  );
}
