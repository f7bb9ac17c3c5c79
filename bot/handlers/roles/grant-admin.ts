// /授权 and /撤销授权: an admin promotes or demotes another admin, named by WeChat id or by roster name.
import { UserError } from '../../../ground/errors.js';
import { grantAdmin, revokeAdmin } from '../../../domains/roles/admins.js';
import type { MemberStore } from '../../../store/members.js';
import type { CommandSpec } from '../../types.js';

async function whom(arg: string, members: MemberStore): Promise<{ id: string; name?: string }> {
  const target = arg.trim().replace(/^@/, '');
  if (!target) throw new UserError('请写上对方的微信 ID 或花名册中的姓名，例如“/授权 张三”。');
  const byWechat = await members.getByWechat(target);
  if (byWechat) return { id: target, name: byWechat.name };
  const named = (await members.findByName(target)).filter((m) => m.wechatId);
  if (named.length > 1) throw new UserError(`花名册里有 ${named.length} 位“${target}”，请改用微信 ID。`);
  if (named.length === 1) return { id: named[0]!.wechatId!, name: named[0]!.name };
  if (/^[\w@.-]{3,}$/.test(target)) return { id: target };
  throw new UserError(`没有找到“${target}”：请使用已绑定微信的姓名，或对方的微信 ID。`);
}

export function createGrantCommands(members: MemberStore): CommandSpec[] {
  const grant: CommandSpec = {
    name: '/授权',
    roles: ['admin'],
    help: '/授权 <姓名或微信ID>：授予管理员权限（管理员）',
    async handle(ctx, args) {
      const who = await whom(args, members);
      const added = await grantAdmin(ctx.deps, ctx.msg, who, ctx.msg.talkerId);
      await ctx.replyPrivately(
        added ? `已授予 ${who.name ?? who.id} 管理员权限。` : `${who.name ?? who.id} 已经是管理员。`,
      );
    },
  };
  const revoke: CommandSpec = {
    name: '/撤销授权',
    roles: ['admin'],
    help: '/撤销授权 <姓名或微信ID>：收回 /授权 给出的管理员权限（管理员）',
    async handle(ctx, args) {
      const who = await whom(args, members);
      const removed = await revokeAdmin(ctx.deps, ctx.msg, who);
      await ctx.replyPrivately(
        removed ? `已撤销 ${who.name ?? who.id} 的管理员权限。` : `${who.name ?? who.id} 不是经授权的管理员。`,
      );
    },
  };
  return [grant, revoke];
}
