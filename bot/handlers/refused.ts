// The sender's role may not use a command: a polite refusal, recorded in the audit log.
import type { ChatContext, CommandSpec } from '../types.js';

export async function refused(ctx: ChatContext, spec: CommandSpec, args: string): Promise<void> {
  await ctx.deps.audit.recordBy(ctx.msg, 'refused', `${spec.name} ${args}`.trim(), false);
  await ctx.reply(`抱歉，“${spec.name}”只有${spec.roles.map((r) => ROLE_LABEL[r]).join('、')}可以使用。`);
}

const ROLE_LABEL = { admin: '管理员', secretary: '支部书记', member: '党员', guest: '访客' } as const;
