// /签到 ID: the secretary sees the current state; a member is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

let w: MeetingWorld;

beforeAll(async () => {
  w = await startMeetingWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('/签到', () => {
  it('shows present, leave with reasons and who has not replied', async () => {
    w.post('王书记', '/会议 新建 支委会 明天上午9点 三楼', { roomId: ROOM });
    const created = await w.waitFor((s) => s.text.includes('已创建会议'));
    const id = /编号 (\d+)/.exec(created.text)![1]!;
    const zhang = (await w.stores.members.getByWechat('wxid_zhang'))!;
    const li = (await w.stores.members.getByWechat('wxid_li'))!;
    await w.stores.attendance.set(id, { memberId: zhang.id, status: 'present', at: Date.now(), text: '签到' });
    await w.stores.attendance.set(id, {
      memberId: li.id,
      status: 'leave',
      at: Date.now(),
      text: '请假 住院',
      reason: '住院',
    });
    w.post('王书记', `/签到 ${id}`);
    const state = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【签到情况】'));
    expect(state.text).toContain('应到 5 人，实到 1 人（其中迟到 0 人），请假 1 人，未回复 3 人，出席率 20%');
    expect(state.text).toContain('请假：李四（住院）');
    expect(state.text).toContain('未回复：王书记、王五、赵六');
    w.post('张三', `/签到 ${id}`);
    const refused = await w.waitFor((s) => s.contactId === 'wxid_zhang');
    expect(refused.text).toContain('只有第一党支部的书记或管理员可以查看签到情况');
  });
});
