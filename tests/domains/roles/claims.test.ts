// Identity claims (issue #14, item 1): one person, one roster name; every /我是 waits for the branch secretary
// (or an admin), told at once; a secretary entry needs an admin; nickname matching never binds a secretary entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleResolver } from '../../../domains/roles/resolve.js';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../../helpers/meetings-world.js';

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

const roleOf = (talkerId: string) => createRoleResolver(w.stores)({ talkerId, roomId: ROOM });

describe('/我是', () => {
  it('a claim of a secretary entry binds nothing until an admin confirms; a secretary cannot confirm it', async () => {
    const { member } = await w.stores.members.upsert({ name: '陈书记', branchId: w.branch.id, role: 'secretary' });
    expect(await say('孙七', '/我是 陈书记')).toContain('须由管理员确认');
    expect(await w.stores.members.getByWechat('wxid_sun')).toBeUndefined();
    expect(await roleOf('wxid_sun')).toBe('guest');
    const ask = await w.waitFor((s) => s.contactId === 'wxid_admin' && s.text.includes('【绑定确认】'));
    expect(ask.text).toContain('陈书记');
    const id = /绑定 确认 (\d+)/.exec(ask.text)![1]!;
    expect(ask.text).toContain(`/绑定 拒绝 ${id}`);
    // The branch's secretary is not asked and may not confirm a secretary entry.
    expect(w.said.some((s) => s.contactId === 'wxid_wang' && s.text.includes('陈书记'))).toBe(false);
    expect(await say('王书记', `/绑定 确认 ${id}`)).toContain('须由管理员确认');
    expect(await say('孙七', `/绑定 确认 ${id}`)).toContain('抱歉');
    expect(await roleOf('wxid_sun')).toBe('guest');
    expect(await say('管理员', `/绑定 拒绝 ${id}`)).toContain('已拒绝');
    await w.waitFor((s) => s.contactId === 'wxid_sun' && s.text.includes('未获确认'));
    expect((await w.stores.members.get(member.id))?.wechatId).toBeUndefined();
    expect(await roleOf('wxid_sun')).toBe('guest');
  });

  it('an ordinary claim waits for the secretary, who is told at once; then one person holds one name', async () => {
    const { member } = await w.stores.members.upsert({ name: '孙七', branchId: w.branch.id });
    expect(await say('孙七', '/我是 孙七')).toContain('已请支部书记确认');
    expect((await w.stores.members.get(member.id))?.wechatId).toBeUndefined();
    const ask = await w.waitFor(
      (s) => s.contactId === 'wxid_wang' && s.text.includes('申请绑定为第一党支部名册中的孙七'),
    );
    const id = /绑定 确认 (\d+)/.exec(ask.text)![1]!;
    expect(await say('王书记', `/绑定 确认 ${id}`)).toContain('已确认：孙七 绑定为孙七');
    expect((await w.stores.members.getByWechat('wxid_sun'))?.name).toBe('孙七');
    // Bound people cannot claim a second name (the repro: 周八 checking in as 赵六).
    const claimsBefore = await w.app.deps.audit.list();
    expect(await say('孙七', '/我是 赵六')).toContain('您已绑定为孙七，一人只能绑定名册中的一个姓名');
    expect(await say('张三', '/我是 陈书记')).toContain('您已绑定为张三');
    const claimsAfter = await w.app.deps.audit.list();
    expect(claimsAfter.filter((a) => a.action === 'member.claim-requested').length).toBe(
      claimsBefore.filter((a) => a.action === 'member.claim-requested').length,
    );
    expect((await w.stores.members.getByWechat('wxid_zhao'))?.name).toBe('赵六');
    expect((await w.stores.members.getByWechat('wxid_sun'))?.name).toBe('孙七');
  });
});

describe('nickname matching', () => {
  it('never binds a secretary entry', async () => {
    const { member } = await w.stores.members.upsert({ name: '管理员', branchId: w.branch.id, role: 'secretary' });
    expect(await say('管理员', '签到', ROOM)).toContain('尚未绑定');
    expect((await w.stores.members.get(member.id))?.wechatId).toBeUndefined();
  });
});
