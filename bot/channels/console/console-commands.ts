// The console chat's own commands (everything else is sent into the simulated WeChat).
export type ConsoleCommand =
  | { kind: 'as'; name: string }
  | { kind: 'private' }
  | { kind: 'group' }
  | { kind: 'wait'; seconds: number }
  | { kind: 'mem' }
  | { kind: 'who' }
  | { kind: 'quit' }
  | { kind: 'say'; text: string };

export const CONSOLE_HELP = [
  '控制台命令：',
  '  /as 李四    切换发言人（成员见 /who）',
  '  /私聊       私聊机器人；/群聊 回到群里',
  '  /wait 3     等待 3 秒（脚本中等提醒到达）',
  '  /who        列出模拟支部的成员',
  '  /mem        显示进程内存',
  '  /quit       退出',
  '其余输入作为消息发出；在群里用“@支部助手 问题”提问，/帮助 查看机器人的命令。',
].join('\n');

export function parseConsoleLine(line: string): ConsoleCommand | undefined {
  const text = line.trim();
  if (!text) return undefined;
  const m = /^[/／](\S+)\s*(.*)$/.exec(text);
  if (m) {
    const [, name, rest] = m;
    switch (name) {
      case 'as':
      case '切换':
        return { kind: 'as', name: rest!.trim() };
      case '私聊':
        return { kind: 'private' };
      case '群聊':
        return { kind: 'group' };
      case 'wait':
      case '等待':
        return { kind: 'wait', seconds: Math.max(0, Number(rest) || 1) };
      case 'mem':
        return { kind: 'mem' };
      case 'who':
        return { kind: 'who' };
      case 'quit':
      case 'exit':
      case '退出':
        return { kind: 'quit' };
    }
  }
  return { kind: 'say', text };
}
