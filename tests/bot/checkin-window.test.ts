// 签到 outside the check-in window gets one reply per member and meeting saying when the window is (before it
// opens) or that it has closed (after); nothing is recorded, and repeating 签到 does not repeat the reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

let w: MeetingWorld;
const HOUR = 3_600_000;

beforeAll(async () => {
  w = await startMeetingWorld();
});
afterAll(async () => {
  await w?.close();
});

function meeting(startAt: number) {
  return w.stores.meetings.create({
    branchId: w.branch.id,
    type: '党课',
    title: '党课',
    startAt,
    place: '三楼会议室',
    groupOffsets: [HOUR],
    secretaryOffsets: [],
    closeAfter: HOUR / 2,
    escalateBefore: HOUR / 2,
    createdBy: 'wxid_wang',
  });
}

describe('签到 outside the window', () => {
  it('says when the window opens, once per member and meeting', async () => {
    const m = await meeting(Date.now() + 3 * HOUR);
    w.post('张三', '签到', { roomId: ROOM });
    const told = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('签到尚未开始'));
    expect(told.text).toContain(`编号 ${m.id}`);
    expect(told.text).toMatch(/签到时间.*会前1小时起至开始后30分钟/);
    w.post('张三', '签到', { roomId: ROOM });
    w.post('张三', '到', { roomId: ROOM });
    const later = await w.quietFor(1500);
    expect(later.filter((s) => s.text.includes('签到尚未开始'))).toEqual([]);
    const zhang = (await w.stores.members.getByWechat('wxid_zhang'))!;
    expect(await w.stores.attendance.get(m.id, zhang.id)).toBeUndefined();
    // Another member is told too (once).
    w.post('李四', '签到', { roomId: ROOM });
    await w.waitFor((s) => s.roomId === ROOM && s.text.includes('签到尚未开始') && s.text.includes('李四'));
    await w.stores.meetings.update(m.id, { status: 'cancelled' });
  });

  it('says the window has closed after it closed', async () => {
    const m = await meeting(Date.now() - HOUR);
    await w.stores.meetings.update(m.id, { status: 'closed' });
    w.post('王五', '签到', { roomId: ROOM });
    const told = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('签到已结束'));
    expect(told.text).toContain(`编号 ${m.id}`);
    expect(told.text).toContain('书记');
    const wangwu = (await w.stores.members.getByWechat('wxid_wangwu'))!;
    expect(await w.stores.attendance.get(m.id, wangwu.id)).toBeUndefined();
    w.post('王五', '签到', { roomId: ROOM });
    expect((await w.quietFor(1500)).filter((s) => s.text.includes('签到已结束'))).toEqual([]);
  });
});
