// Role-specific help text, built from the installed CommandSpecs.
import type { CommandSpec, Role } from './types.js';

const ROLE_NAMES: Record<Role, string> = { admin: '管理员', secretary: '支部书记', member: '党员', guest: '访客' };

export function commandsFor(role: Role, commands: CommandSpec[]): CommandSpec[] {
  return commands.filter((c) => c.roles.includes(role));
}

export function buildHelp(role: Role, commands: CommandSpec[], botName: string): string {
  const lines = [
    `我是${botName}（身份：${ROLE_NAMES[role]}）。`,
    `· 提问：在群里 @${botName} 加上问题，或私聊直接发问题，例如“三会一课具体指什么”。我会引用原文并注明出处。`,
  ];
  for (const c of commandsFor(role, commands))
    lines.push(`· ${c.name}${c.aliases?.length ? `（${c.aliases.join('、')}）` : ''}：${c.help}`);
  lines.push('· /帮助：显示本说明。');
  return lines.join('\n');
}
