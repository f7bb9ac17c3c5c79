// The chat edge end to end: real Wechaty on wechaty-puppet-mock, real Redis, real BullMQ outbox.
// The answering core is replaced by a tiny answerer that cites, so these tests are about the edge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Answerer } from '../../knowledge/types.js';
import { seedRoster, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';

const ROOM = 'room-1@chatroom';
const questions: string[] = [];
const answerer: Answerer = {
  async answer(q): Promise<Answer> {
    questions.push(q);
    if (q.includes('炸')) throw new Error('index exploded');
    const quote = '党支部要把“三会一课”的计划安排报上级党组织备案';
    return {
      text: `《实施方案》第16条：“${quote}”。`,
      citations: [{ doc: '《实施方案》', clause: '第16条', quote }],
      refused: false,
      sources: [],
      mode: 'extractive',
    };
  },
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ answerer, env: { QUESTION_RATE_PER_MIN: '3', ADMIN_IDS: 'wxid_wang' } });
  // Roles come from the roster: 张三 and 李四 are members of the room's branch.
  await seedRoster(t, ROOM, [
    ['wxid_zhang', '张三'],
    ['wxid_li', '李四'],
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('chat edge on the mock puppet', () => {
  it('answers a member who @-mentions it in a room, in that room, @-mentioning them, with the citation', async () => {
    t.ask('张三', ROOM, '三会一课要报什么计划');
    const reply = await t.waitFor((s) => s.roomId === ROOM && s.text.includes('第16条'));
    expect(reply.text.startsWith('@张三')).toBe(true);
    expect(reply.text).toContain('《实施方案》第16条');
    expect(questions.at(-1)).toBe('三会一课要报什么计划');
  });

  it('ignores room chatter without a mention', async () => {
    const before = questions.length;
    t.post('李四', '今天天气不错，三会一课是什么', { roomId: ROOM });
    expect(await t.quietFor(400)).toEqual([]);
    expect(questions.length).toBe(before);
  });

  it('answers when addressed by its name without a real mention', async () => {
    t.post('王五', '支部助手，三会一课要报什么计划', { roomId: ROOM });
    const reply = await t.waitFor((s) => s.roomId === ROOM && s.text.startsWith('@王五'));
    expect(reply.text).toContain('第16条');
  });

  it('answers a private question privately', async () => {
    t.post('孙七', '三会一课要报什么计划');
    const reply = await t.waitFor((s) => s.contactId === 'wxid_sun');
    expect(reply.text).toContain('第16条');
    expect(reply.roomId).toBeUndefined();
  });

  it('ignores its own messages', async () => {
    const before = questions.length;
    t.post('支部助手', '三会一课要报什么计划', { roomId: ROOM, mentionBot: true, asBot: true });
    t.post('支部助手', '三会一课要报什么计划', { asBot: true });
    expect(await t.quietFor(400)).toEqual([]);
    expect(questions.length).toBe(before);
  });

  it('ignores a stale message (older than 2 minutes)', async () => {
    const before = questions.length;
    t.post('赵六', '三会一课要报什么计划', { roomId: ROOM, mentionBot: true, timestamp: Date.now() - 3 * 60_000 });
    expect(await t.quietFor(400)).toEqual([]);
    expect(questions.length).toBe(before);
  });

  it('greets an empty mention, shows help, hints at unknown commands, asks to shorten long texts', async () => {
    t.ask('李四', ROOM, '');
    await t.waitFor((s) => s.text.startsWith('@李四') && s.text.includes('您好'));
    t.ask('李四', ROOM, '/帮助');
    const help = await t.waitFor((s) => s.text.includes('/帮助：显示本说明'));
    expect(help.text).toContain('身份：党员');
    t.ask('李四', ROOM, '／会议室');
    await t.waitFor((s) => s.text.includes('没有“/会议室”这个命令'));
    t.post('李四', '问'.repeat(2001));
    const long = await t.waitFor((s) => s.contactId === 'wxid_li' && s.text.includes('2000'));
    expect(long.text).toContain('精简');
  });

  it('apologises politely when answering fails', async () => {
    t.post('王五', '炸了吗');
    const sorry = await t.waitFor((s) => s.contactId === 'wxid_wangwu' && s.text.includes('抱歉'));
    expect(sorry.text).not.toContain('index exploded');
  });

  it('limits questions per user per minute and says so once', async () => {
    const from = t.said.length;
    for (let i = 0; i < 5; i++) t.post('赵六', `第${i}个问题：三会一课要报什么计划`);
    await t.waitFor((s) => s.contactId === 'wxid_zhao' && s.text.includes('每分钟最多 3 个问题'));
    await t.quietFor(400);
    const toZhao = t.said.slice(from).filter((s) => s.contactId === 'wxid_zhao');
    expect(toZhao.filter((s) => s.text.includes('第16条'))).toHaveLength(3);
    expect(toZhao.filter((s) => s.text.includes('每分钟最多'))).toHaveLength(1);
  });
});
