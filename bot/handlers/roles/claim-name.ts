// /我是 张三 — a member binds their WeChat to a roster name. A name already bound to another WeChat
// needs the secretary's confirmation (/绑定 确认 N).
import { PermissionError, UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import type { Member } from '../../../store/types.js';
import type { ChatContext, CommandSpec } from '../../types.js';
import { canManage } from '../meetings/meeting-support.js';

const CLAIM_TTL_S = 7 * 86_400;

export function claimNameCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/我是',
    roles: ['admin', 'secretary', 'member', 'guest'],
    help: '/我是 张三 — 把您的微信与支部名册中的姓名绑定',
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
      if (member.wechatId === ctx.msg.talkerId) return ctx.reply(`您已绑定为${member.name}。`);
      if (!member.wechatId) {
        await md.stores.members.bindWechat(member.id, ctx.msg.talkerId);
        await ctx.deps.audit.recordBy(
          ctx.msg,
          'member.claim',
          `${ctx.msg.talkerName} → ${member.name}（#${member.id}）`,
        );
        return ctx.reply(`已绑定：您是${member.name}。之后在群里回复“签到”或“请假 事由”即可。`);
      }
      await requestConfirmation(ctx, md, member);
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

async function requestConfirmation(ctx: ChatContext, md: MeetingDeps, member: Member): Promise<void> {
  const { id } = await md.stores.claims.open(
    { memberId: member.id, wechatId: ctx.msg.talkerId, wechatName: ctx.msg.talkerName },
    CLAIM_TTL_S,
  );
  const branch = await md.stores.branches.get(member.branchId);
  const to = branch?.secretaries.length ? branch.secretaries : md.config.adminIds;
  await ctx.deps.outbox.enqueueMany(
    to.map((contactId) => ({
      to: { contactId },
      text: `【绑定确认】微信用户“${ctx.msg.talkerName}”申请绑定为名册中的${member.name}，但该姓名已绑定其他微信。如确认是本人更换了微信，请回复：/绑定 确认 ${id}`,
      key: `member-claim:${id}:${contactId}`,
    })),
  );
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'member.claim-requested',
    `${ctx.msg.talkerName} → ${member.name}（#${member.id}，待确认 ${id}）`,
  );
  await ctx.reply(`“${member.name}”已绑定了其他微信，已请支部书记确认，确认后即完成绑定。`);
}

export async function confirmClaim(ctx: ChatContext, md: MeetingDeps, id: string | undefined): Promise<void> {
  const claim = id ? await md.stores.claims.get(id) : undefined;
  if (!claim) throw new UserError('没有找到这条绑定申请（可能已处理或已过期）。');
  const member = await md.stores.members.get(claim.memberId);
  const branch = member ? await md.stores.branches.get(member.branchId) : undefined;
  if (!member || !branch) throw new UserError('名册中已没有这位党员。');
  if (!canManage(ctx, branch)) throw new PermissionError(`抱歉，只有${branch.name}的书记或管理员可以确认绑定。`);
  await md.stores.members.bindWechat(member.id, claim.wechatId);
  await md.stores.claims.remove(claim.id);
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'member.claim-confirmed',
    `${claim.wechatName} → ${member.name}（#${member.id}）`,
  );
  await ctx.deps.outbox.enqueue({
    to: { contactId: claim.wechatId },
    text: `支部书记已确认：您已绑定为${member.name}。`,
    key: `member-claim:${id}:done`,
  });
  await ctx.reply(`已确认：${claim.wechatName} 绑定为${member.name}。`);
}
