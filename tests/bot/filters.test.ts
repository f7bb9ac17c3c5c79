import { describe, expect, it } from 'vitest';
import {
  isHelpRequest,
  parseCommand,
  passesFilters,
  stripBotName,
  toInbound,
  type RawMessage,
} from '../../bot/filters.js';

const now = Date.UTC(2026, 10, 28, 2, 0, 0);
const raw = (over: Partial<RawMessage> = {}): RawMessage => ({
  id: 'm1',
  self: false,
  isText: true,
  text: '三会一课是什么',
  timestamp: now - 1000,
  talkerId: 'u1',
  talkerName: '张三',
  ...over,
});

describe('filters', () => {
  it('drops own, non-text and stale messages; keeps a fresh text', () => {
    expect(passesFilters(raw(), now)).toBe(true);
    expect(passesFilters(raw({ self: true }), now)).toBe(false);
    expect(passesFilters(raw({ isText: false }), now)).toBe(false);
    expect(passesFilters(raw({ fromOfficial: true }), now)).toBe(false);
    expect(passesFilters(raw({ timestamp: now - 121_000 }), now)).toBe(false);
    expect(passesFilters(raw({ timestamp: now - 119_000 }), now)).toBe(true);
  });

  it('in rooms, is addressed by a real mention or by the bot name, else not', () => {
    const room = { roomId: 'r@chatroom', roomTopic: '第一党支部' };
    expect(
      toInbound(
        raw({ ...room, text: '@支部助手\u2005三会一课是什么', mentionSelf: true, mentionText: '三会一课是什么' }),
        '支部助手',
      ),
    ).toMatchObject({ addressed: true, text: '三会一课是什么' });
    expect(toInbound(raw({ ...room, text: '支部助手：三会一课是什么' }), '支部助手')).toMatchObject({
      addressed: true,
      text: '三会一课是什么',
    });
    expect(toInbound(raw({ ...room, text: '@支部助手' }), '支部助手')).toMatchObject({ addressed: true, text: '' });
    expect(toInbound(raw({ ...room, text: '支部助手真好用' }), '支部助手')).toMatchObject({ addressed: false });
    expect(toInbound(raw({ ...room, text: '签到' }), '支部助手')).toMatchObject({ addressed: false, text: '签到' });
  });

  it('removes invisible characters pasted by clients, so commands and check-ins read as typed', () => {
    expect(toInbound(raw({ text: '/会议\u200b 列表' }), '支部助手').text).toBe('/会议 列表');
    expect(parseCommand(toInbound(raw({ text: '\ufeff/会议\u200d 列表' }), '支部助手').text)).toEqual({
      name: '/会议',
      args: '列表',
    });
    expect(toInbound(raw({ roomId: 'r@chatroom', text: '签\u200b到' }), '支部助手')).toMatchObject({
      addressed: false,
      text: '签到',
    });
  });

  it('in private chat is always addressed', () => {
    expect(toInbound(raw({ text: '签到' }), '支部助手')).toMatchObject({ addressed: true, text: '签到' });
    expect(toInbound(raw({ text: '@支部助手 你好' }), '支部助手')).toMatchObject({ addressed: true, text: '你好' });
  });

  it('parses slash commands with half- and full-width slashes, and help requests', () => {
    expect(parseCommand('/会议 新建 党课 下周五下午3点')).toEqual({ name: '/会议', args: '新建 党课 下周五下午3点' });
    expect(parseCommand('／签到　7')).toEqual({ name: '/签到', args: '7' });
    expect(parseCommand('三会一课 / 两学一做')).toBeUndefined();
    for (const h of ['帮助', 'help', 'HELP', '/帮助', '／帮助']) expect(isHelpRequest(h)).toBe(true);
    expect(isHelpRequest('帮助一下困难党员')).toBe(false);
    expect(stripBotName('＠支部助手，你好', '支部助手')).toBe('你好');
  });
});
