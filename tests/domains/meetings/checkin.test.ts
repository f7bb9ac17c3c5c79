// Check-in rules at the window edges, with records in real Redis: the window opens at the last reminder
// and closes at start + closeAfter; a second 签到 keeps the first; 签到 after 请假 wins; 取消请假 removes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyReply, openMeeting, windowOf } from '../../../domains/attendance/checkin.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('check-in window and classification', () => {
  it('applies replies by time and history', async () => {
    const start = Date.parse('2030-05-06T06:00:00Z');
    const m = await w.stores.meetings.create(
      w.meetingInput(start, { groupOffsets: [86_400_000, 3_600_000], closeAfter: 1_800_000 }),
    );
    const win = windowOf(m);
    expect([win.openAt, win.closeAt]).toEqual([start - 3_600_000, start + 1_800_000]);
    expect(await openMeeting(w.stores, w.branch.id, win.openAt - 1)).toBeUndefined();
    expect((await openMeeting(w.stores, w.branch.id, win.openAt))?.id).toBe(m.id);
    expect((await openMeeting(w.stores, w.branch.id, win.closeAt - 1))?.id).toBe(m.id);
    expect(await openMeeting(w.stores, w.branch.id, win.closeAt)).toBeUndefined();

    const zhang = (await w.stores.members.getByWechat('wx_zhang'))!;
    const li = (await w.stores.members.getByWechat('wx_li'))!;
    expect(await applyReply(w.stores, m, zhang, { kind: 'present' }, '签到', start - 60_000)).toBe('recorded');
    expect(await applyReply(w.stores, m, zhang, { kind: 'present' }, '签到', start - 30_000)).toBe('unchanged');
    expect((await w.stores.attendance.get(m.id, zhang.id))?.at).toBe(start - 60_000);

    expect(await applyReply(w.stores, m, li, { kind: 'leave' }, '请假', start - 60_000)).toBe('need-reason');
    expect(await w.stores.attendance.get(m.id, li.id)).toBeUndefined();
    expect(await applyReply(w.stores, m, li, { kind: 'leave', reason: '出差' }, '请假 出差', start - 50_000)).toBe(
      'recorded',
    );
    expect(await applyReply(w.stores, m, li, { kind: 'cancel-leave' }, '取消请假', start - 40_000)).toBe(
      'leave-cancelled',
    );
    expect(await w.stores.attendance.get(m.id, li.id)).toBeUndefined();
    expect(await applyReply(w.stores, m, li, { kind: 'cancel-leave' }, '取消请假', start - 30_000)).toBe('no-leave');
    expect(await applyReply(w.stores, m, li, { kind: 'leave', reason: '出差' }, '请假 出差', start - 20_000)).toBe(
      'recorded',
    );
    // Came after all, after the start: late.
    expect(await applyReply(w.stores, m, li, { kind: 'present' }, '到', start + 1)).toBe('changed');
    expect((await w.stores.attendance.get(m.id, li.id))?.status).toBe('late');
    const zhao = (await w.stores.members.getByWechat('wx_zhao'))!;
    expect(await applyReply(w.stores, m, zhao, { kind: 'present' }, '签到', start)).toBe('recorded');
    expect((await w.stores.attendance.get(m.id, zhao.id))?.status).toBe('present');
  });
});
