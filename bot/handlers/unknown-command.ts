// An unknown /command gets a short hint rather than silence.
import type { ChatContext } from '../types.js';

export async function unknownCommand(ctx: ChatContext, name: string): Promise<void> {
  await ctx.reply(`没有“${name}”这个命令。发送 /帮助 查看可用的命令。`);
}
