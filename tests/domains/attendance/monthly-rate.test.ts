// The console's monthly attendance rate: present and late over expected, per calendar month in TZ; a meeting
// closed while check-ins could not be collected (未收集) and a cancelled one are left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyAttendance } from '../../../domains/attendance/monthly-rate.js';
import { fromLocal } from '../../../ground/time/zoned.js';
import { createStores, type Stores } from '../../../store/index.js';
import { meetingRecord } from '../../helpers/meeting-records.js';
import { connectTestRedis, deletePrefix, randomPrefix } from '../../helpers/redis.js';

const TZ = 'Asia/Shanghai';
const redis = connectTestRedis();
const prefix = randomPrefix();
let stores: Stores;
let branchId: string;
const ids: string[] = [];

async function closedMeeting(startAt: number, status: 'closed' | 'cancelled' = 'closed') {
  const m = await stores.meetings.create(
    meetingRecord({ branchId, type: '党小组会', startAt, status, createdBy: 'wxid_sec' }),
  );
  await stores.attendance.setExpected(m.id, ids);
  return m;
}

beforeAll(async () => {
  stores = createStores(redis, prefix);
  branchId = (await stores.branches.ensure('第一党支部')).branch.id;
  for (const [name, wx] of [
    ['张三', 'wxid_a'],
    ['李四', 'wxid_b'],
    ['王五', 'wxid_c'],
    ['赵六', 'wxid_d'],
  ] as const)
    ids.push((await stores.members.upsert({ name, branchId, wechatId: wx, role: 'member' })).member.id);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('monthly attendance', () => {
  it('counts present and late over expected per month, leaving out 未收集 and cancelled meetings', async () => {
    const oct = await closedMeeting(fromLocal(2026, 10, 20, 15, 0, TZ));
    const [a, b, c] = ids as [string, string, string];
    await stores.attendance.set(oct.id, { memberId: a, status: 'present', at: oct.startAt, text: '到' });
    await stores.attendance.set(oct.id, { memberId: b, status: 'late', at: oct.startAt, text: '迟到' });
    await stores.attendance.set(oct.id, { memberId: c, status: 'leave', at: oct.startAt, text: '请假 出差' });
    // November: one meeting collected (all four came), one closed while the bot was down, one cancelled.
    const nov = await closedMeeting(fromLocal(2026, 11, 5, 15, 0, TZ));
    for (const id of ids)
      await stores.attendance.set(nov.id, { memberId: id, status: 'present', at: nov.startAt, text: '到' });
    const down = await closedMeeting(fromLocal(2026, 11, 19, 15, 0, TZ));
    await stores.meetings.update(down.id, { uncollected: true });
    await closedMeeting(fromLocal(2026, 11, 26, 15, 0, TZ), 'cancelled');

    const months = await monthlyAttendance(stores, branchId, fromLocal(2026, 12, 1, 8, 0, TZ), TZ, 3);
    expect(months.map((m) => [m.label, m.attended, m.expected, m.rate])).toEqual([
      ['10月', 2, 4, 0.5],
      ['11月', 4, 4, 1],
      ['12月', 0, 0, undefined],
    ]);
  });
});
