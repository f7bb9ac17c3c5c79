import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../store/index.js';
import { createAdminStore } from '../../store/admins.js';
import { createRoleResolver } from '../../domains/roles/resolve.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../helpers/redis.js';

const redis = connectTestRedis();
const prefix = randomPrefix();
let s: Stores;

beforeAll(() => {
  s = createStores(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('branches', () => {
  it('creates a branch once by name and binds rooms', async () => {
    const a = await s.branches.ensure('第一党支部', 1);
    const b = await s.branches.ensure('第一党支部', 2);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.branch.id).toBe(a.branch.id);
    await s.branches.bindRoom(a.branch.id, 'room-1');
    expect((await s.branches.branchOfRoom('room-1'))?.name).toBe('第一党支部');
    const two = (await s.branches.ensure('第二党支部')).branch;
    await s.branches.bindRoom(two.id, 'room-1');
    expect(await s.branches.rooms(a.branch.id)).toEqual([]);
    expect(await s.branches.rooms(two.id)).toEqual(['room-1']);
    expect((await s.branches.list()).map((x) => x.name)).toEqual(['第一党支部', '第二党支部']);
    expect(a.branch.settings.groupOffsets).toEqual([86_400_000, 3_600_000]);
  });
});

describe('members and roles', () => {
  it('upserts by name, binds WeChat ids, keeps secretaries in step and resolves roles', async () => {
    const branch = (await s.branches.ensure('第三党支部')).branch;
    await s.branches.bindRoom(branch.id, 'room-3');
    const other = (await s.branches.ensure('第四党支部')).branch;
    await s.branches.bindRoom(other.id, 'room-4');
    const { member: sec } = await s.members.upsert({ name: '王书记', branchId: branch.id, role: 'secretary' });
    const { member: zhang, created } = await s.members.upsert({ name: '张三', branchId: branch.id });
    expect(created).toBe(true);
    expect((await s.members.upsert({ name: '张三', branchId: branch.id, phone: '1' })).created).toBe(false);
    await s.members.bindWechat(sec.id, 'wx-wang');
    await s.members.bindWechat(zhang.id, 'wx-zhang');
    expect((await s.branches.get(branch.id))?.secretaries).toEqual(['wx-wang']);
    expect((await s.members.getByWechat('wx-zhang'))?.phone).toBe('1');
    const resolve = createRoleResolver({ ...s, admins: createAdminStore(redis, prefix, ['wx-admin']) });
    expect(await resolve({ talkerId: 'wx-admin', roomId: 'room-3' })).toBe('admin');
    expect(await resolve({ talkerId: 'wx-wang', roomId: 'room-3' })).toBe('secretary');
    expect(await resolve({ talkerId: 'wx-wang' })).toBe('secretary');
    expect(await resolve({ talkerId: 'wx-wang', roomId: 'room-4' })).toBe('member');
    expect(await resolve({ talkerId: 'wx-zhang', roomId: 'room-3' })).toBe('member');
    expect(await resolve({ talkerId: 'wx-nobody' })).toBe('guest');
    // Moving a WeChat id to another member unbinds the first one.
    const { member: li } = await s.members.upsert({ name: '李四', branchId: branch.id });
    await s.members.bindWechat(li.id, 'wx-zhang');
    expect((await s.members.get(zhang.id))?.wechatId).toBeUndefined();
    await s.members.update(sec.id, { role: 'member' });
    expect(await resolve({ talkerId: 'wx-wang' })).toBe('member');
    expect((await s.members.listByBranch(branch.id)).map((m) => m.name)).toEqual(['王书记', '张三', '李四']);
  });
});

describe('directory ids', () => {
  it('indexes a member by each directory id, moves the index when an id changes and drops it on removal', async () => {
    const { branch } = await s.branches.ensure('目录支部');
    const { member } = await s.members.upsert({
      name: '冯一',
      branchId: branch.id,
      directoryIds: { wecom: 'fengyi', 'feishu-open': 'ou_feng' },
    });
    expect((await s.members.getByDirectory('wecom', 'fengyi'))?.id).toBe(member.id);
    // A later import naming only one kind keeps the other.
    await s.members.upsert({ name: '冯一', branchId: branch.id, directoryIds: { wecom: 'fengyi2' } });
    expect(await s.members.getByDirectory('wecom', 'fengyi')).toBeUndefined();
    expect((await s.members.getByDirectory('wecom', 'fengyi2'))?.id).toBe(member.id);
    expect((await s.members.getByDirectory('feishu-open', 'ou_feng'))?.id).toBe(member.id);
    // Directory ids live in their own namespace: the same string under another kind is nobody.
    expect(await s.members.getByDirectory('dingtalk', 'fengyi2')).toBeUndefined();
    await s.members.remove(member.id);
    expect(await s.members.getByDirectory('wecom', 'fengyi2')).toBeUndefined();
    expect(await s.members.getByDirectory('feishu-open', 'ou_feng')).toBeUndefined();
  });
});

describe('meetings and attendance', () => {
  it('stores, lists by time and branch, updates and records attendance', async () => {
    const branch = (await s.branches.ensure('第五党支部')).branch;
    const base = {
      branchId: branch.id,
      type: '党课' as const,
      title: '党课',
      groupOffsets: [60_000],
      secretaryOffsets: [],
      closeAfter: 1_000,
      escalateBefore: 0,
      createdBy: 'x',
    };
    const m1 = await s.meetings.create({ ...base, startAt: 2_000 });
    const m2 = await s.meetings.create({ ...base, startAt: 1_000 });
    expect((await s.meetings.list({ branchId: branch.id })).map((m) => m.id)).toEqual([m2.id, m1.id]);
    await s.meetings.update(m1.id, { startAt: 500, status: 'cancelled' });
    expect((await s.meetings.list({ branchId: branch.id, status: ['scheduled'] })).map((m) => m.id)).toEqual([m2.id]);
    expect((await s.meetings.list({ branchId: branch.id, from: 0, to: 600 })).map((m) => m.id)).toEqual([m1.id]);
    await s.attendance.set(m2.id, { memberId: '9', status: 'leave', at: 5, text: '请假 出差', reason: '出差' });
    await s.attendance.set(m2.id, { memberId: '8', status: 'present', at: 3, text: '到' });
    expect((await s.attendance.list(m2.id)).map((r) => r.memberId)).toEqual(['8', '9']);
    expect(await s.attendance.expected(m2.id)).toBeUndefined();
    await s.attendance.setExpected(m2.id, []);
    expect(await s.attendance.expected(m2.id)).toEqual([]);
  });
});
