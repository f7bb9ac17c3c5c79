// /帮助, 帮助, help: what the bot does for this sender's role.
import { buildHelp } from '../help.js';
import type { ChatContext, CommandSpec } from '../types.js';

export function createHelpHandler(commands: () => CommandSpec[]) {
  return async function help(ctx: ChatContext): Promise<void> {
    await ctx.reply(buildHelp(ctx.role, commands(), ctx.deps.config.botName));
  };
}
