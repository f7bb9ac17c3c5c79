// /控制台: a secretary or admin gets a one-time sign-in link to the web console, privately.
import { formatDateTime } from '../../../ground/time/format.js';
import { issueSignInLink } from '../../../domains/roles/console-access.js';
import type { CommandSpec } from '../../types.js';

export const consoleLinkCommand: CommandSpec = {
  name: '/控制台',
  aliases: ['/console'],
  roles: ['admin', 'secretary'],
  help: '/控制台：私聊获取网页控制台的一次性登录链接（书记、管理员）',
  async handle(ctx) {
    const { deps, msg } = ctx;
    if (msg.roomId) {
      await ctx.reply('登录链接只在私聊中发送，请私聊我发送 /控制台。');
      return;
    }
    const link = await issueSignInLink(deps, msg.talkerId);
    await deps.audit.recordBy(msg, 'web.link', `为 ${link.viewer.name} 生成登录链接`);
    await ctx.replyPrivately(
      `网页控制台登录链接（仅可使用一次，${formatDateTime(link.expiresAt, deps.config.timeZone)} 前有效，请勿转发）：\n${link.url}`,
    );
  },
};
