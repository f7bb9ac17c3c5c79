// The close job: the summary with the rate, a 支部党员大会 under half flagged, and the alert after N
// consecutive unexcused absences (a leave breaks the streak).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('close', () => {
  it('summarises, flags a thin 支部党员大会 and alerts on consecutive absences', async () => {
    await w.stores.branches.updateSettings(w.branch.id, { absenceThreshold: 2 });
    const id = async (wx: string) => (await w.stores.members.getByWechat(wx))!.id;
    const [wang, zhang, li] = [await id('wx_wang'), await id('wx_zhang'), await id('wx_li')];
    const now = Date.now();
    const m1 = await createMeeting(w.deps, w.meetingInput(now + 1000, { closeAfter: 500 }));
    const m2 = await createMeeting(
      w.deps,
      w.meetingInput(now + 2000, { type: '支部党员大会', title: '支部党员大会', closeAfter: 500 }),
    );
    await w.stores.attendance.set(m1.id, { memberId: zhang, status: 'present', at: now, text: '签到' });
    await w.stores.attendance.set(m1.id, { memberId: wang, status: 'present', at: now, text: '签到' });
    await w.stores.attendance.set(m1.id, { memberId: li, status: 'leave', at: now, text: '请假 出差', reason: '出差' });
    await w.stores.attendance.set(m2.id, { memberId: zhang, status: 'late', at: now, text: '到' });
    w.startWorker();
    const s1 = await w.waitFor((s) => s.text.includes('【签到汇总】') && s.text.includes(`编号 ${m1.id}`));
    expect(s1.text).toContain('应到 4 人，实到 2 人（其中迟到 0 人），请假 1 人，缺席 1 人，出席率 50%');
    expect(s1.text).toContain('请假：李四（出差）');
    expect(s1.text).not.toContain('⚠');
    const s2 = await w.waitFor((s) => s.text.includes('【签到汇总】') && s.text.includes(`编号 ${m2.id}`));
    expect(s2.text).toContain('实到 1 人');
    expect(s2.text).toContain('⚠ 注意：实到人数不足应到人数的一半（1/4）');
    const alert = await w.waitFor((s) => s.text.includes('【缺席提醒】'));
    expect(alert.to.contactId).toBe('wx_wang');
    expect(alert.text).toContain('赵六 已连续 2 次无故缺席');
    expect(alert.text).toContain('第16条');
    await new Promise((r) => setTimeout(r, 500));
    expect(w.sent.filter((s) => s.text.includes('【缺席提醒】')).map((s) => s.text.slice(6, 8))).toEqual(['赵六']);
    expect((await w.stores.attendance.expected(m2.id))?.length).toBe(4);
  }, 20_000);

  it('alerts once per streak, in one message per secretary, and never tells a secretary about himself', async () => {
    // Continues after the test above: threshold 2; 赵六 has a streak of 2 already (alerted).
    const id = async (wx: string) => (await w.stores.members.getByWechat(wx))!.id;
    const [wang, zhang, li] = [await id('wx_wang'), await id('wx_zhang'), await id('wx_li')];
    const alertsBefore = w.sent.filter((s) => s.text.includes('【缺席提醒】')).length;
    // A new member who, like 李四, comes to m3 and misses m4 and m5: both reach the threshold at m5, one message.
    await w.stores.members.upsert({ name: '钱八', branchId: w.branch.id, role: 'member', wechatId: 'wx_qian' });
    const qian = await id('wx_qian');
    const now = Date.now();
    // m3: 王书记, 李四, 钱八 present; 赵六 absent (streak 3). m4: 李四, 钱八, 王书记 (1), 赵六 (4) absent.
    // m5: 李四, 钱八, 王书记 (2), 赵六 (5) absent.
    const m3 = await createMeeting(w.deps, w.meetingInput(now + 1000, { closeAfter: 300 }));
    const m4 = await createMeeting(w.deps, w.meetingInput(now + 2000, { closeAfter: 300 }));
    const m5 = await createMeeting(w.deps, w.meetingInput(now + 3000, { closeAfter: 300 }));
    for (const who of [wang, li, qian])
      await w.stores.attendance.set(m3.id, { memberId: who, status: 'present', at: now, text: '签到' });
    for (const m of [m3, m4, m5])
      await w.stores.attendance.set(m.id, { memberId: zhang, status: 'present', at: now, text: '签到' });
    await w.waitFor((s) => s.text.includes('【签到汇总】') && s.text.includes(`编号 ${m5.id}`), 15_000);
    await new Promise((r) => setTimeout(r, 800));
    const alerts = w.sent.filter((s) => s.text.includes('【缺席提醒】')).slice(alertsBefore);
    // At m5 李四, 钱八 and 王书记 reach the threshold: the secretary gets one message naming the two members, not
    // himself (the admins are told about him); 赵六's streak was alerted already and is not repeated.
    expect(alerts.map((a) => a.to.contactId)).toEqual(['wx_wang', 'wxid_admin']);
    expect(alerts[1]!.text).toContain('王书记 已连续 2 次无故缺席');
    expect(alerts[0]!.text).toMatch(/(李四、钱八|钱八、李四) 已连续 2 次无故缺席/);
    expect(alerts[0]!.text).not.toContain('赵六');
    expect(alerts[0]!.text).not.toContain('王书记');
  }, 30_000);
});
