// /授权 and /撤销授权: an admin promotes or demotes another admin, named by WeChat id or by roster name.
import { UserError } from '../../../ground/errors.js';
import type { AdminStore } from '../../../store/admins.js';
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

export function createGrantCommands(admins: AdminStore, members: MemberStore, fixedAdmins: string[]): CommandSpec[] {
  const grant: CommandSpec = {
    name: '/授权',
    roles: ['admin'],
    help: '/授权 <姓名或微信ID>：授予管理员权限（管理员）',
    async handle(ctx, args) {
      const who = await whom(args, members);
      const added = await admins.grant({
        wechatId: who.id,
        name: who.name,
        grantedBy: ctx.msg.talkerId,
        at: ctx.deps.clock.now(),
      });
      await ctx.deps.audit.recordBy(
        ctx.msg,
        'admin.grant',
        `${who.name ?? ''}(${who.id})${added ? '' : ' 已是管理员'}`,
      );
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
      if (fixedAdmins.includes(who.id)) {
        await ctx.deps.audit.recordBy(ctx.msg, 'admin.revoke', `${who.id} 在 ADMIN_IDS 中，未撤销`, false);
        throw new UserError(`${who.name ?? who.id} 是配置文件（ADMIN_IDS）中的管理员，需修改配置才能撤销。`);
      }
      const removed = await admins.revoke(who.id);
      await ctx.deps.audit.recordBy(
        ctx.msg,
        'admin.revoke',
        `${who.name ?? ''}(${who.id})${removed ? '' : ' 本不是管理员'}`,
        removed,
      );
      await ctx.replyPrivately(
        removed ? `已撤销 ${who.name ?? who.id} 的管理员权限。` : `${who.name ?? who.id} 不是经授权的管理员。`,
      );
    },
  };
  return [grant, revoke];
}
