import { describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../bot/channels/console/console-commands.js';
import { formatBotSaid, formatTyped, namesFrom } from '../../bot/channels/console/transcript.js';
import { DEMO_BRANCH, demoWorldSpec } from '../../bot/channels/console/demo-roster.js';
import type { MockWorld } from '../../bot/channels/wechaty/mock-world.js';

describe('console commands', () => {
  it('parses its own commands and passes everything else through as a message', () => {
    expect(parseConsoleLine('/as 李四')).toEqual({ kind: 'as', name: '李四' });
    expect(parseConsoleLine('／私聊')).toEqual({ kind: 'private' });
    expect(parseConsoleLine('/群聊')).toEqual({ kind: 'group' });
    expect(parseConsoleLine('/wait 2.5')).toEqual({ kind: 'wait', seconds: 2.5 });
    expect(parseConsoleLine('/quit')).toEqual({ kind: 'quit' });
    expect(parseConsoleLine('   ')).toBeUndefined();
    expect(parseConsoleLine('/会议 列表')).toEqual({ kind: 'say', text: '/会议 列表' });
    expect(parseConsoleLine('@支部助手 三会一课是什么')).toEqual({ kind: 'say', text: '@支部助手 三会一课是什么' });
  });

  it('prints who said what where, with a time in the configured zone', () => {
    const names = namesFrom(demoWorldSpec('支部助手'));
    const world = { botName: '支部助手' } as MockWorld;
    const at = Date.UTC(2026, 10, 28, 2, 3, 4);
    expect(
      formatBotSaid({ roomId: DEMO_BRANCH.roomId, text: '@张三 答\n第二行', at }, world, names, 'Asia/Shanghai'),
    ).toBe('[10:03:04] 支部助手 → 群「第一党支部」：\n  @张三 答\n  第二行');
    expect(formatBotSaid({ contactId: 'wxid_demo_lisi', text: '你好', at }, world, names, 'Asia/Shanghai')).toContain(
      '支部助手 → 李四（私聊）',
    );
    expect(formatTyped(at, '李四', undefined, '/帮助', 'Asia/Shanghai')).toBe(
      '[10:03:04] 李四 → 机器人（私聊）：/帮助',
    );
  });
});
