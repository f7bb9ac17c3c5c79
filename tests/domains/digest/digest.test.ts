// The secretary's digest: counts match the meetings created; /本月情况 on demand on a real Wechaty; the
// scheduled job sends on the first workday of the month only, once, to each secretary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../ground/clock.js';
import { digestFeature } from '../../../bot/features/digest.js';
import { computeDigest } from '../../../domains/digest/compute.js';
import { formatDigest } from '../../../domains/digest/text.js';
import { startDigestJobs } from '../../../domains/digest/job.js';
import { fromLocal } from '../../../ground/time/zoned.js';
import { DEFAULT_CADENCE } from '../../../store/cadence.js';
import { createStores, type Stores } from '../../../store/index.js';
import type { MeetingType } from '../../../store/types.js';
import { meetingRecord } from '../../helpers/meeting-records.js';
import { startTestBot, type TestBot } from '../../helpers/mock-wechaty.js';

const TZ = 'Asia/Shanghai';
const at = (m: number, d: number, h = 15) => fromLocal(2026, m, d, h, 0, TZ);
// "Now" is Tuesday 1 December 2026 08:00, the first workday of the month.
const clock = manualClock(at(12, 1, 8));
const SECRETARY = 'wxid_wang';
let bot: TestBot;
let stores: Stores;
let branchId: string;

async function meeting(
  type: MeetingType,
  startAt: number,
  status: 'scheduled' | 'closed' | 'cancelled' = 'closed',
  inBranch = branchId,
) {
  return stores.meetings.create(meetingRecord({ branchId: inBranch, type, startAt, status, createdBy: SECRETARY }));
}

beforeAll(async () => {
  bot = await startTestBot({
    features: [digestFeature],
    clock,
    answerer: { answer: async () => ({ text: '', citations: [], refused: false, sources: [], mode: 'extractive' }) },
  });
  stores = createStores(bot.app.deps.redis, bot.prefix);
  branchId = (await stores.branches.ensure('第一党支部')).branch.id;
  await stores.branches.bindRoom(branchId, 'room-1@chatroom');
  await stores.branches.addSecretary(branchId, SECRETARY);
  const names = [
    ['王书记', SECRETARY],
    ['张三', 'wxid_zhang'],
    ['李四', 'wxid_li'],
    ['王五', 'wxid_wangwu'],
  ] as const;
  const ids: string[] = [];
  for (const [name, wx] of names)
    ids.push(
      (await stores.members.upsert({ name, branchId, wechatId: wx, role: wx === SECRETARY ? 'secretary' : 'member' }))
        .member.id,
    );
  // November (last month): 2 支部委员会, 1 党小组会, 1 党课, and a cancelled 党小组会 that does not count.
  const nov = [
    await meeting('支部委员会', at(11, 5)),
    await meeting('支部委员会', at(11, 20)),
    await meeting('党小组会', at(11, 12)),
    await meeting('党课', at(11, 26)),
  ];
  await meeting('党小组会', at(11, 28), 'cancelled');
  // October (same quarter): 支部党员大会 and 支部委员会. December: a 党课 scheduled ahead.
  const oct = [await meeting('支部党员大会', at(10, 15)), await meeting('支部委员会', at(10, 22))];
  await meeting('党课', at(12, 4), 'scheduled');
  // Attendance: 李四 (ids[2]) missed all six closed meetings; everyone else came to November's.
  for (const m of [...oct, ...nov]) {
    await stores.attendance.setExpected(m.id, ids);
    for (const id of ids)
      if (id !== ids[2] && nov.includes(m))
        await stores.attendance.set(m.id, { memberId: id, status: 'present', at: m.startAt, text: '到' });
  }
});
afterAll(async () => {
  await bot?.close();
});

describe('monthly digest', () => {
  it('counts the meetings held per type last month and this quarter', async () => {
    const d = (await computeDigest(stores, branchId, clock.now(), TZ, DEFAULT_CADENCE))!;
    const byType = Object.fromEntries(d.types.map((t) => [t.type, [t.lastMonth, t.quarter, t.met]]));
    expect(d.types.every((t) => t.thisMonth === 0)).toBe(true);
    // October's 支部党员大会 had nobody present (0/4, no quorum): it does not count as held.
    expect(byType).toEqual({
      支部党员大会: [0, 0, false],
      支部委员会: [2, 3, true],
      党小组会: [1, 1, true],
      党课: [1, 1, true],
    });
    expect(d.types.find((t) => t.type === '支部党员大会')?.inquorate).toBe(1);
    expect(d.lastMonth.label).toBe('2026年11月');
    expect(d.quarter.label).toBe('2026年第4季度');
    expect(d.upcoming.map((m) => m.type)).toEqual(['党课']);
    expect(d.attendance).toEqual({ meetings: 4, expected: 16, attended: 12, uncollected: 0 });
    expect(d.absentees).toEqual([{ name: '李四', streak: 6 }]);
  });

  it('leaves a meeting whose check-ins were never collected (未收集) out of the rate and says so', async () => {
    const other = (await stores.branches.ensure('第三党支部')).branch.id;
    const ids: string[] = [];
    for (const [name, wx] of [
      ['赵六', 'wxid_zhao'],
      ['钱七', 'wxid_qian'],
    ] as const)
      ids.push((await stores.members.upsert({ name, branchId: other, wechatId: wx, role: 'member' })).member.id);
    const make = (startAt: number) => meeting('党小组会', startAt, 'closed', other);
    const held = await make(at(11, 10));
    const down = await make(at(11, 24));
    await stores.meetings.update(down.id, { uncollected: true });
    for (const m of [held, down]) await stores.attendance.setExpected(m.id, ids);
    for (const id of ids)
      await stores.attendance.set(held.id, { memberId: id, status: 'present', at: held.startAt, text: '到' });
    const d = (await computeDigest(stores, other, clock.now(), TZ, DEFAULT_CADENCE))!;
    expect(d.attendance).toEqual({ meetings: 1, expected: 2, attended: 2, uncollected: 1 });
    expect(d.types.find((t) => t.type === '党小组会')?.lastMonth).toBe(2);
    expect(d.absentees).toEqual([]);
    expect(formatDigest(d, TZ)).toContain(
      '上月出勤率：100%（1 次会议，应到 2 人次，实到 2 人次；另有 1 次会议签到未收集，不计入）',
    );
  });

  it('labels an on-demand digest with the current month in TZ, the scheduled one with the month reported', async () => {
    // 30 Nov 23:30 and 1 Dec 00:30 in Shanghai (15:30 and 16:30 UTC on 30 Nov).
    const late = (await computeDigest(stores, branchId, fromLocal(2026, 11, 30, 23, 30, TZ), TZ, DEFAULT_CADENCE))!;
    expect(formatDigest(late, TZ, { onDemand: true })).toMatch(/^【三会一课情况】第一党支部（2026年11月，截至11月30日/);
    const early = (await computeDigest(stores, branchId, fromLocal(2026, 12, 1, 0, 30, TZ), TZ, DEFAULT_CADENCE))!;
    expect(formatDigest(early, TZ, { onDemand: true })).toMatch(/^【三会一课情况】第一党支部（2026年12月，截至12月1日/);
    expect(formatDigest(early, TZ)).toMatch(/^【三会一课情况】第一党支部（2026年11月/);
    expect(formatDigest(early, TZ)).toContain(
      '支部党员大会（每季度至少1次）：上月 0 次，本月 0 次，本季度 0 次（另有 1 次不足半数，不计入）',
    );
  });

  it('/本月情况 gives the secretary the digest privately; a member is refused', async () => {
    bot.post(SECRETARY, '/本月情况', { timestamp: clock.now() });
    const reply = await bot.waitFor((s) => s.contactId === SECRETARY && /三会一课情况/.test(s.text));
    expect(reply.text).toContain('第一党支部（2026年12月，截至12月1日');
    expect(reply.text).toContain('支部委员会（每月至少1次）：上月 2 次，本月 0 次，本季度 3 次 ✓');
    expect(reply.text).toContain('党小组会（每月至少1次）：上月 1 次，本月 0 次，本季度 1 次 ✓');
    expect(reply.text).toMatch(/近期安排：12月4日 15:00 党课/);
    expect(reply.text).toContain('上月出勤率：75%');
    expect(reply.text).toContain('李四（连续 6 次）');
    bot.post('wxid_zhang', '/本月情况', { timestamp: clock.now() });
    await bot.waitFor((s) => s.contactId === 'wxid_zhang' && /只有支部书记、管理员可以使用/.test(s.text));
    await stores.branches.ensure('第二党支部');
    bot.post(SECRETARY, '/本月情况 第二党支部', { timestamp: clock.now() });
    await bot.waitFor((s) => s.contactId === SECRETARY && /只能查看自己所在支部/.test(s.text));
    const refused = (await bot.app.deps.audit.list()).filter((a) => a.action === 'refused').map((a) => a.actor);
    expect(refused).toEqual(['wxid_zhang', SECRETARY]);
  });

  it('the scheduled job sends on the first workday of the month, once per secretary', async () => {
    const d = bot.app.deps;
    const before = bot.saidTo(SECRETARY).length;
    const jobs = startDigestJobs({ ...d, config: { ...d.config, timeZone: TZ } }, { pattern: '* * * * * *' });
    try {
      await jobs.ready;
      await bot.waitFor(() => bot.saidTo(SECRETARY).length > before, 10_000);
      await bot.quietFor(2500); // the scheduler keeps firing every second: the month's key makes it a no-op
      const digests = bot.saidTo(SECRETARY).slice(before);
      expect(digests).toHaveLength(1);
      expect(digests[0]!.text).toContain('【三会一课情况】第一党支部');
      // On the 2nd (not the first workday) a run sends nothing.
      clock.set(at(12, 2, 9));
      const quiet = await bot.quietFor(2500);
      expect(quiet.filter((s) => s.contactId === SECRETARY)).toEqual([]);
      expect((await d.audit.list()).filter((a) => a.action === 'digest.send').length).toBeGreaterThanOrEqual(1);
    } finally {
      await jobs.close();
    }
  });
});
