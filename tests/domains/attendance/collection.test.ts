// A check-in window that ran while the bot was down (issue #14, item 3): no run of the edge overlapped it, so
// the meeting closes 未收集, nobody is counted absent, no 3-strike alert, and the secretary is asked to record it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../ground/clock.js';
import { absenceStreak } from '../../../domains/attendance/absences.js';
import { buildLedger } from '../../../domains/attendance/ledger-export.js';
import { couldCollect, startHeartbeat } from '../../../domains/attendance/collection.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import type { Meeting } from '../../../store/types.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

let w: JobsWorld;
const MIN = 60_000;

beforeAll(async () => {
  w = await startJobsWorld({ edge: false });
});
afterAll(async () => {
  await w?.close();
});

/** A meeting whose check-in window is [openAt, closeAt] (its one group reminder opens it). */
function windowMeeting(openAt: number, closeAt: number): Meeting {
  const startAt = openAt + 10 * MIN;
  return {
    ...w.meetingInput(startAt, { groupOffsets: [10 * MIN], closeAfter: closeAt - startAt }),
    id: 'x',
    status: 'scheduled',
    createdAt: 0,
  };
}

describe('could collect', () => {
  it('is decided by the edge’s heartbeats against the window, with an injected clock', async () => {
    const t = Date.parse('2031-03-02T00:00:00Z');
    const clock = manualClock(t);
    const stop = startHeartbeat(w.stores, clock, () => {}, 3_600_000);
    clock.set(t + 10 * MIN);
    await stop(); // the bot ran from t to t+10min, then went down
    expect(await couldCollect(w.stores, windowMeeting(t + 60 * MIN, t + 90 * MIN))).toBe(false);
    expect(await couldCollect(w.stores, windowMeeting(t + 5 * MIN, t + 60 * MIN))).toBe(true);
    expect(await couldCollect(w.stores, windowMeeting(t - 60 * MIN, t + 1))).toBe(true);
    expect(await couldCollect(w.stores, windowMeeting(t - 90 * MIN, t - 60 * MIN))).toBe(false);
    // Back up at t+2h: the window it missed stays uncollected.
    clock.set(t + 120 * MIN);
    await startHeartbeat(w.stores, clock, () => {}, 3_600_000)();
    expect(await couldCollect(w.stores, windowMeeting(t + 60 * MIN, t + 90 * MIN))).toBe(false);
    expect(await couldCollect(w.stores, windowMeeting(t + 100 * MIN, t + 130 * MIN))).toBe(true);
  });
});

describe('closing a window nothing could collect', () => {
  it('marks it 未收集, asks the secretary, counts nobody absent and alerts nobody', async () => {
    await w.stores.branches.updateSettings(w.branch.id, { absenceThreshold: 2 });
    const zhao = (await w.stores.members.getByWechat('wx_zhao'))!;
    // 赵六 missed an earlier, collected meeting: one more absence would reach the threshold.
    const now = Date.now();
    const m0 = await w.stores.meetings.create(w.meetingInput(now - 86_400_000));
    await w.stores.attendance.setExpected(m0.id, [zhao.id]);
    await w.stores.meetings.update(m0.id, { status: 'closed', closedAt: now - 86_000_000 });

    const m1 = await createMeeting(w.deps, w.meetingInput(now + 1000, { closeAfter: 500 }));
    w.startWorker();
    const notice = await w.waitFor((s) => s.text.includes('【未收集】'));
    expect(notice.to.contactId).toBe('wx_wang');
    expect(notice.text).toContain(`编号 ${m1.id}`);
    expect(notice.text).toContain('不计任何人缺席');
    expect((await w.stores.meetings.get(m1.id))?.uncollected).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(w.sent.some((s) => s.text.includes('【缺席提醒】') || s.text.includes('【签到汇总】'))).toBe(false);
    expect(await absenceStreak(w.stores, zhao.id, (await w.stores.meetings.get(m1.id))!)).toBe(1);
    // The 台账 shows it as not collected, with nobody absent.
    const ledger = await buildLedger(w.stores, { from: now, to: now + 5000, tz: 'Asia/Shanghai' });
    const row = ledger.rows.find((r) => r[0] === Number(m1.id))!;
    expect(row).toContain('未收集');
    expect(row.join('|')).not.toContain('0%');
    expect(ledger.details.filter((d) => d[0] === Number(m1.id) && d[4] === '缺席')).toEqual([]);
  }, 20_000);
});
