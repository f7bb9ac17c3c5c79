// Features plug into the router: commands by name and alias, role checks with audited refusals,
// text hooks that see unaddressed room text (签到 replies), roles from the records, and the error boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionError, UserError } from '../../ground/errors.js';
import type { Answerer } from '../../knowledge/types.js';
import type { ChatContext, Feature } from '../../bot/types.js';
import { seedRoster, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';

const ROOM = 'room-1@chatroom';
const answerer: Answerer = {
  answer: async (q) => ({
    text: `答：${q}（《实施方案》第1条）`,
    citations: [],
    refused: false,
    sources: [],
    mode: 'extractive',
  }),
};
const hooked: string[] = [];

const demo: Feature = {
  name: 'demo',
  commands: [
    {
      name: '/会议',
      aliases: ['/meeting'],
      roles: ['secretary', 'admin'],
      help: '管理会议',
      handle: async (ctx: ChatContext, args: string) => {
        if (args === '删库') throw new PermissionError('只有管理员可以删库。');
        if (args === '错') throw new UserError('时间格式不对，请写成“12月5日14:30”。');
        await ctx.reply(`会议命令：${args}（${ctx.role}）`);
      },
    },
    { name: '/广播', roles: ['admin'], help: '群发通知', handle: async (ctx) => ctx.replyPrivately('广播已排队') },
  ],
  onText: async (ctx) => {
    hooked.push(`${ctx.msg.talkerName}:${ctx.msg.text}:${ctx.msg.addressed}`);
    if (ctx.msg.text !== '签到') return false;
    await ctx.reply('已签到', { mention: false });
    return true;
  },
};

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ answerer, features: [() => demo], env: { ADMIN_IDS: 'wxid_zhao' } });
  // Roles come from the records (domains/roles/resolve.ts): 王书记 is the secretary of this room's branch.
  await seedRoster(t, ROOM, [
    ['wxid_wang', '王书记', 'secretary'],
    ['wxid_zhang', '张三'],
    ['wxid_li', '李四'],
  ]);
});
afterAll(async () => {
  await t.close();
});

describe('features in the router', () => {
  it('runs a command for an allowed role, by name or alias, with or without an @ in the room', async () => {
    t.post('王书记', '/会议 列表', { roomId: ROOM });
    const r1 = await t.waitFor((s) => s.text.includes('会议命令：列表'));
    expect(r1.text).toBe('@王书记 会议命令：列表（secretary）');
    t.post('王书记', '/meeting 新建');
    await t.waitFor((s) => s.contactId === 'wxid_wang' && s.text === '会议命令：新建（secretary）');
  });

  it('refuses a command to a member, politely, and records the refusal in the audit log', async () => {
    t.ask('张三', ROOM, '/会议 取消 7');
    const refusal = await t.waitFor((s) => s.text.startsWith('@张三') && s.text.includes('只有'));
    expect(refusal.text).toContain('支部书记、管理员');
    const audit = await t.app.deps.audit.list();
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'wxid_zhang',
        action: 'refused',
        detail: '/会议 取消 7',
        roomId: ROOM,
        ok: false,
      }),
    );
  });

  it('treats ADMIN_IDS as admins and shows each role its own help', async () => {
    t.post('赵六', '/广播 明天开会');
    await t.waitFor((s) => s.contactId === 'wxid_zhao' && s.text === '广播已排队');
    t.post('赵六', '帮助');
    const adminHelp = await t.waitFor((s) => s.contactId === 'wxid_zhao' && s.text.includes('身份：管理员'));
    expect(adminHelp.text).toContain('/广播：群发通知');
    t.post('李四', 'help');
    const memberHelp = await t.waitFor((s) => s.contactId === 'wxid_li' && s.text.includes('身份：党员'));
    expect(memberHelp.text).not.toContain('/广播');
    expect(memberHelp.text).not.toContain('/会议');
  });

  it('passes unaddressed room text to text hooks (签到 without an @), and a consumed text is not answered', async () => {
    t.post('王五', '签到', { roomId: ROOM });
    const ack = await t.waitFor((s) => s.text === '已签到');
    expect(ack.roomId).toBe(ROOM);
    expect(hooked).toContain('王五:签到:false');
    t.post('王五', '大家好', { roomId: ROOM });
    expect(await t.quietFor(300)).toEqual([]);
    expect(hooked).toContain('王五:大家好:false');
  });

  it('shows a UserError message and audits a PermissionError from inside a handler', async () => {
    t.post('王书记', '/会议 错');
    await t.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('时间格式不对'));
    t.post('王书记', '/会议 删库');
    await t.waitFor((s) => s.contactId === 'wxid_wang' && s.text === '只有管理员可以删库。');
    const audit = await t.app.deps.audit.list();
    expect(audit.some((a) => a.actor === 'wxid_wang' && a.action === 'refused')).toBe(true);
  });

  it('ignores an unknown /command in a room unless addressed, but answers /帮助 without an @', async () => {
    t.post('李四', '/tmp/路径不是命令', { roomId: ROOM });
    t.post('李四', '帮助', { roomId: ROOM });
    expect(await t.quietFor(300)).toEqual([]);
    t.post('李四', '/帮助', { roomId: ROOM });
    const help = await t.waitFor(
      (s) => s.roomId === ROOM && s.text.startsWith('@李四') && s.text.includes('身份：党员'),
    );
    expect(help.text).toContain('/帮助');
  });
});
