// An empty mention ("@支部助手" and nothing else): a short greeting with a hint.
import type { ChatContext } from '../types.js';

export async function greeting(ctx: ChatContext): Promise<void> {
  const name = ctx.deps.config.botName;
  await ctx.reply(
    `您好，我是${name}。请在 @${name} 后面写上您的问题，例如“@${name} 三会一课具体指什么”；发送 /帮助 查看我能做什么。`,
  );
}
