// /绑定 in a room (admin creates the branch; its secretary may bind; others are refused and audited),
// /我是 with the secretary's confirmation for a name already bound, and nickname matching on first contact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

const ROOM2 = 'room-2@chatroom';
let w: MeetingWorld;

beforeAll(async () => {
  w = await startMeetingWorld();
});
afterAll(async () => {
  await w?.close();
});

async function say(from: string, text: string, roomId?: string): Promise<string> {
  const before = w.said.length;
  w.post(from, text, roomId ? { roomId } : {});
  const reply = await w.waitFor(
    (s) => w.said.indexOf(s) >= before && (roomId ? s.roomId === roomId : s.contactId === w.world.contactId(from)),
  );
  return reply.text;
}

describe('/绑定', () => {
  it('refuses a member, lets an admin create and bind a branch, and audits both', async () => {
    expect(await say('张三', '/绑定 第二党支部', ROOM2)).toContain('请管理员先绑定创建');
    expect(await say('管理员', '/绑定 第二党支部', ROOM2)).toContain('本群已绑定到第二党支部（新建）');
    const second = (await w.stores.branches.getByName('第二党支部'))!;
    expect(second.rooms).toEqual([ROOM2]);
    // 王书记 is secretary of 第一党支部 only.
    expect(await say('王书记', '/绑定 第二党支部', ROOM2)).toContain('只有第二党支部的书记或管理员');
    // A bound group moves to another branch only by an admin; the old branch (no secretary: its admins) is told.
    expect(await say('王书记', '/绑定 第一党支部', ROOM2)).toContain('改绑到其他支部须由管理员操作');
    expect(await say('管理员', '/绑定 第一党支部', ROOM2)).toContain('本群已绑定到第一党支部（原绑定：第二党支部');
    await w.waitFor((s) => s.contactId === 'wxid_admin' && s.text.includes('【群绑定变更】'));
    expect((await w.stores.branches.get(w.branch.id))!.rooms).toEqual([ROOM, ROOM2].sort());
    const audit = await w.app.deps.audit.list();
    expect(audit.filter((a) => a.action === 'branch.bind-room' && a.ok).map((a) => a.actor)).toEqual([
      'wxid_admin',
      'wxid_admin',
    ]);
    expect(audit.filter((a) => a.action === 'refused').map((a) => a.actor)).toEqual([
      'wxid_zhang',
      'wxid_wang',
      'wxid_wang',
    ]);
  });
});

describe('check-ins in a group moved to another branch', () => {
  it('are recorded against the member’s own branch', async () => {
    const start = Date.now() + 600_000;
    const m = await w.stores.meetings.create({
      branchId: w.branch.id,
      type: '党课',
      title: '党课',
      startAt: start,
      groupOffsets: [1_200_000],
      secretaryOffsets: [],
      closeAfter: 1_800_000,
      escalateBefore: 0,
      createdBy: 'wxid_wang',
    });
    const { branch: third } = await w.stores.branches.ensure('第三党支部');
    await w.stores.branches.bindRoom(third.id, ROOM);
    w.post('李四', '签到', { roomId: ROOM });
    const li = (await w.stores.members.getByWechat('wxid_li'))!;
    const deadline = Date.now() + 5000;
    while (!(await w.stores.attendance.get(m.id, li.id)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await w.stores.attendance.get(m.id, li.id))?.status).toBe('present');
    await w.stores.branches.bindRoom(w.branch.id, ROOM);
    await w.stores.meetings.update(m.id, { status: 'cancelled' });
  });
});

describe('/我是 and nickname matching', () => {
  it('binds a free roster name once the secretary confirms; a bound person cannot take another name', async () => {
    await w.stores.members.upsert({ name: '孙七', branchId: w.branch.id });
    expect(await say('孙七', '/我是 孙七')).toContain('已请支部书记确认');
    const ask = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【绑定确认】'));
    const id = /绑定 确认 (\d+)/.exec(ask.text)![1]!;
    expect(await say('张三', `/绑定 确认 ${id}`)).toContain('只有第一党支部的书记或管理员可以确认绑定');
    expect(await say('王书记', `/绑定 确认 ${id}`)).toContain('已确认：孙七 绑定为孙七');
    expect((await w.stores.members.getByWechat('wxid_sun'))?.name).toBe('孙七');
    await w.waitFor((s) => s.contactId === 'wxid_sun' && s.text.includes('您已绑定为孙七'));
    // 李四's name claimed by someone already bound: refused, nothing moves.
    expect(await say('孙七', '/我是 李四')).toContain('一人只能绑定名册中的一个姓名');
    expect((await w.stores.members.getByWechat('wxid_li'))?.name).toBe('李四');
  });

  it('matches an unbound roster name by the sender’s name on first contact', async () => {
    const { member } = await w.stores.members.upsert({ name: '管理员', branchId: w.branch.id });
    expect(member.wechatId).toBeUndefined();
    w.post('管理员', '大家好', { roomId: ROOM });
    const deadline = Date.now() + 5000;
    while (!(await w.stores.members.get(member.id))?.wechatId && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await w.stores.members.get(member.id))?.wechatId).toBe('wxid_admin');
    const audit = await w.app.deps.audit.list();
    expect(audit.some((a) => a.action === 'member.match' && a.detail?.includes('管理员'))).toBe(true);
  });
});
