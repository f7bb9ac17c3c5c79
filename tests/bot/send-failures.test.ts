// A puppet that throws on send: retried, then dead-lettered and reported to the admins; a puppet that
// says 操作过于频繁 makes the outbox back off and deliver later. Real Wechaty (mock puppet), Redis, BullMQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer } from '../../knowledge/types.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';

const ROOM = 'room-1@chatroom';
const answerer: Answerer = {
  answer: async (q) => ({
    text: `答：${q}（《实施方案》第16条）`,
    citations: [],
    refused: false,
    sources: [],
    mode: 'extractive',
  }),
};

let t: TestBot;
let attempts: Record<string, number> = {};
let failRoom: 'none' | 'always' | 'throttle' = 'none';

beforeAll(async () => {
  t = await startTestBot({
    answerer,
    env: { ADMIN_IDS: 'wxid_wang,wxid_li' },
    outbox: { attempts: 3, backoffMs: 40, rateLimitBackoffMs: 150 },
  });
  const puppet = t.app.wechat!.bot.puppet;
  const original = puppet.messageSendText.bind(puppet);
  puppet.messageSendText = async (conversationId: string, text: string, mentionIds?: string[]) => {
    attempts[conversationId] = (attempts[conversationId] ?? 0) + 1;
    if (conversationId === ROOM && failRoom === 'always') throw new Error('puppet: send failed');
    if (conversationId === ROOM && failRoom === 'throttle' && attempts[conversationId]! <= 2)
      throw new Error('操作过于频繁，请稍后再试');
    return original(conversationId, text, mentionIds);
  };
});
afterAll(async () => {
  await t.close();
});

describe('outbox over a failing puppet', () => {
  it('retries a send that keeps failing, then dead-letters it and tells each admin privately', async () => {
    attempts = {};
    failRoom = 'always';
    t.ask('张三', ROOM, '三会一课要报什么计划');
    const notice = await t.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【发送失败】'));
    await t.waitFor((s) => s.contactId === 'wxid_li' && s.text.includes('【发送失败】'));
    expect(notice.text).toContain('群“第一党支部”');
    expect(notice.text).not.toContain(ROOM);
    expect(attempts[ROOM]).toBe(3);
    const dead = await t.app.outbox.deadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.error).toBe('puppet: send failed');
    expect(t.saidIn(ROOM)).toEqual([]);
  });

  it('backs off when the puppet reports 操作过于频繁 and delivers once, in order', async () => {
    attempts = {};
    failRoom = 'throttle';
    const t0 = Date.now();
    t.ask('王五', ROOM, '第一个问题');
    t.ask('王五', ROOM, '第二个问题');
    await t.waitFor((s) => s.roomId === ROOM && s.text.includes('第二个问题'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150 + 300 - 30);
    expect(t.saidIn(ROOM).map((s) => s.text.replace(/\s+/g, ' '))).toEqual([
      '@王五 答：第一个问题（《实施方案》第16条）',
      '@王五 答：第二个问题（《实施方案》第16条）',
    ]);
    expect(await t.app.outbox.deadLetters()).toHaveLength(1);
  });
});
