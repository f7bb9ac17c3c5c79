// Group chatter is cheap: with every hook pre-filtered out, the router neither resolves the role nor calls
// hooks (王五 is on no roster here, so his role is guest); it records last-seen and lets onInbound observers see the message. Real Wechaty, Redis, BullMQ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../store/inbox.js';
import type { Feature } from '../../bot/types.js';
import type { Answerer } from '../../knowledge/types.js';
import { startTestBot, type TestBot } from '../helpers/mock-wechaty.js';

const ROOM = 'room-1@chatroom';
const answerer: Answerer = {
  answer: async (q) => ({ text: `答：${q}`, citations: [], refused: false, sources: [], mode: 'extractive' }),
};
const calls = { hook: 0, inbound: [] as string[] };
const roleLookups = () => t.app.edge.router.stats().roleLookups;

const checkins: Feature = {
  name: 'checkins',
  wantsText: (msg) => /^(签到|到|请假)/.test(msg.text),
  onText: async (ctx) => {
    calls.hook++;
    await ctx.reply(`已记录：${ctx.msg.text}（${ctx.role}）`, { mention: false });
    return true;
  },
  onInbound: async (msg) => {
    calls.inbound.push(msg.text);
  },
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ answerer, features: [() => checkins] });
});
afterAll(async () => {
  await t.close();
});

describe('router pre-filters', () => {
  it('skips role resolution and hooks for chatter no feature wants, but records it', async () => {
    const sent = Date.now();
    t.post('李四', '今天的学习材料发群里了', { roomId: ROOM });
    await expect.poll(() => calls.inbound).toContain('今天的学习材料发群里了');
    expect(roleLookups()).toBe(0);
    expect(calls.hook).toBe(0);
    const seen = await createInbox(t.app.deps.redis, t.prefix).lastSeen('wxid_li', ROOM);
    expect(seen).toBeGreaterThanOrEqual(sent - 1000);
    expect(await t.quietFor(200)).toEqual([]);
  });

  it('calls the hook, with the resolved role, when its filter wants the text', async () => {
    t.post('王五', '请假 出差在外', { roomId: ROOM });
    const ack = await t.waitFor((s) => s.text.startsWith('已记录'));
    expect(ack.text).toBe('已记录：请假 出差在外（guest）');
    expect(roleLookups()).toBe(1);
    expect(calls.hook).toBe(1);
  });

  it('still answers addressed questions that no hook wants', async () => {
    t.ask('张三', ROOM, '三会一课是什么');
    await t.waitFor((s) => s.text === '@张三 答：三会一课是什么');
    expect(calls.hook).toBe(1);
  });
});
