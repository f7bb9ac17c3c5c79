// One roster member the group cannot @-mention (not in the room, or an id WeChat does not know) must not lose
// the whole 签到提醒: the message goes out, mentioning those who can be mentioned and naming everyone.
// The admins' dead-letter notice names the group and gives a Chinese reason, never a raw room id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOM, startMeetingWorld, type MeetingWorld } from '../helpers/meetings-world.js';

let w: MeetingWorld;

beforeAll(async () => {
  w = await startMeetingWorld({ ackWindowMs: 500 });
  await w.stores.members.upsert({ name: '孙七', branchId: w.branch.id, role: 'member', wechatId: 'wxid_sun' });
  await w.stores.members.upsert({ name: '钱八', branchId: w.branch.id, role: 'member', wechatId: 'wxid_ghost' });
});
afterAll(async () => {
  await w?.close();
});

describe('escalation with unreachable members', () => {
  it('still reaches the group, naming everyone and mentioning only room members', async () => {
    w.post('王书记', '/会议 新建 党课 6秒后 三楼会议室 主题：学习党章 提醒：5秒 书记提醒：5秒 催办：3秒 截止：2秒', {
      roomId: ROOM,
    });
    await w.waitFor((s) => s.roomId === ROOM && s.text.includes('已创建会议'));
    await w.waitFor((s) => s.roomId === ROOM && s.text.includes('【会议提醒】'));
    w.post('张三', '签到', { roomId: ROOM });
    const escalation = await w.waitFor((s) => s.roomId === ROOM && s.text.includes('【签到提醒】'), 15_000);
    expect(escalation.text).toContain('孙七');
    expect(escalation.text).toContain('钱八');
    expect(escalation.text).not.toContain('张三');
    expect(escalation.text).toContain('@赵六');
    expect(escalation.text).not.toContain('@孙七');
    expect(escalation.text).not.toContain('@钱八');
    // The secretary is named in the group like everyone else, but not @-mentioned about himself, and his
    // private list leaves him out.
    expect(escalation.text).toContain('王书记');
    expect(escalation.text).not.toContain('@王书记');
    const privately = await w.waitFor((s) => s.contactId === 'wxid_wang' && s.text.includes('【未回复名单】'));
    expect(privately.text).toContain('赵六');
    expect(privately.text).not.toContain('王书记');
    expect(await w.app.outbox.deadLetters()).toEqual([]);
    expect(w.said.filter((s) => s.text.includes('【发送失败】'))).toEqual([]);
  }, 30_000);

  it('reports a message that cannot be delivered with the group name and a Chinese reason', async () => {
    const puppet = w.app.wechat!.bot.puppet;
    const original = puppet.messageSendText.bind(puppet);
    puppet.messageSendText = async (conversationId: string, text: string, mentionIds?: string[]) => {
      if (conversationId === ROOM) throw new Error('puppet: send failed');
      return original(conversationId, text, mentionIds);
    };
    try {
      await w.app.outbox.enqueue({ to: { roomId: ROOM }, text: '测试消息', key: 'test:deadletter' });
      const notice = await w.waitFor((s) => s.contactId === 'wxid_admin' && s.text.includes('测试消息'), 15_000);
      expect(notice.text).toContain('第一党支部');
      expect(notice.text).not.toContain(ROOM);
      expect(notice.text).not.toMatch(/puppet|failed|error/i);
      expect(notice.text).toMatch(/原因：[\u4e00-\u9fa5]/);
    } finally {
      puppet.messageSendText = original;
    }
  }, 30_000);
});
