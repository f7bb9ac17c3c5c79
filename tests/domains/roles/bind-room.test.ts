// Moving a group between branches (issue #14, item 2): a secretary of another branch cannot take a bound
// group; an admin can, the old branch's secretary is told with the meetings affected, and a group reminder
// that has no group any more is logged and reported to the secretaries, never dropped silently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindRoom } from '../../../domains/roles/bind-room.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { ROOM, startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld();
});
afterAll(async () => {
  await w?.close();
});

describe('rebinding a bound group', () => {
  it('needs an admin; tells the old secretary; the orphaned reminder is reported, not lost', async () => {
    const { branch: second } = await w.stores.branches.ensure('第二党支部');
    await w.stores.members.upsert({ name: '孙七', branchId: second.id, role: 'secretary', wechatId: 'wx_sun' });
    const asSun = { id: 'wx_sun', role: 'secretary' as const, roomId: ROOM, roomTopic: '第一党支部群' };
    await expect(bindRoom(w.deps, asSun, '第二党支部')).rejects.toThrow('改绑到其他支部须由管理员操作');
    expect(await w.stores.branches.branchIdOfRoom(ROOM)).toBe(w.branch.id);

    const start = Date.now() + 60_000;
    const m = await createMeeting(w.deps, w.meetingInput(start, { groupOffsets: [start - Date.now() - 1500] }));
    const asAdmin = { id: 'wxid_admin', role: 'admin' as const, roomId: ROOM, roomTopic: '第一党支部群' };
    const out = await bindRoom(w.deps, asAdmin, '第二党支部');
    expect(out.previous?.name).toBe('第一党支部');
    expect(out.orphaned.map((x) => x.id)).toEqual([m.id]);
    expect(await w.stores.branches.branchIdOfRoom(ROOM)).toBe(second.id);
    const told = await w.waitFor((s) => s.to.contactId === 'wx_wang' && s.text.includes('【群绑定变更】'));
    expect(told.text).toContain(`#${m.id}`);
    expect(told.text).toContain('第二党支部');

    w.startWorker();
    const lost = await w.waitFor((s) => s.to.contactId === 'wx_wang' && s.text.includes('【提醒未发出】'));
    expect(lost.text).toContain(`#${m.id}`);
    expect(w.sent.some((s) => s.to.roomId === ROOM && s.text.includes(m.title))).toBe(false);
  });
});
