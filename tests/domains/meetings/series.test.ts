// Recurring series: a BullMQ job scheduler with the cron pattern and tz; each tick materialises the next
// occurrence, skipping (or shifting) statutory holidays from chinese-days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../ground/clock.js';
import { formatDateTime } from '../../../ground/time/format.js';
import { cronPattern, nextOccurrence, parseRecurrence } from '../../../ground/time/recurrence.js';
import { createSeries } from '../../../domains/meetings/series.js';
import { jobIds } from '../../../domains/meetings/queue.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

const TZ = 'Asia/Shanghai';
const clock = manualClock(Date.parse('2026-09-05T02:00:00Z'));
let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld({ clock });
});
afterAll(async () => {
  await w?.close();
});

describe('recurring series', () => {
  it('parses rules into cron patterns with tz', () => {
    const first = parseRecurrence('每月第一个周五 15:00 党员活动室');
    expect(first.ok && cronPattern(first.rule)).toBe('0 0 15 * * 5#1');
    expect(first.ok && first.rest).toBe('党员活动室');
    const weekly = parseRecurrence('每周三 下午2点');
    expect(weekly.ok && cronPattern(weekly.rule)).toBe('0 0 14 * * 3');
    expect(parseRecurrence('每月第一个周五')).toEqual({ ok: false, reason: 'no-time' });
  });

  it('shifts to the next official workday when asked', () => {
    const r = parseRecurrence('每月1号 10:00');
    if (!r.ok) throw new Error('rule');
    const occ = nextOccurrence(r.rule, Date.parse('2026-09-05T00:00:00Z'), TZ, 'shift');
    expect(occ.holiday).toBe('国庆节');
    expect(formatDateTime(occ.at, TZ)).toBe('2026年10月8日（周四）10:00');
  });

  it('skips 国庆节: the series starting in September materialises 11月6日, not 10月2日', async () => {
    const r = parseRecurrence('每月第一个周五 15:00');
    if (!r.ok) throw new Error('rule');
    clock.set(Date.parse('2026-09-04T08:00:00Z')); // just after the September meeting
    const { series, first } = await createSeries(w.deps, {
      branchId: w.branch.id,
      type: '主题党日',
      title: '主题党日',
      rule: r.text,
      pattern: cronPattern(r.rule),
      tz: TZ,
      nthWeek: r.rule.nthWeek,
      weekday: r.rule.weekday,
      hour: 15,
      minute: 0,
      leadMs: 0,
      holidayPolicy: 'skip',
      createdBy: 'wx_wang',
    });
    expect(formatDateTime(first!.startAt, TZ)).toBe('2026年11月6日（周五）15:00');
    const scheduler = await w.deps.queue.getJobScheduler(jobIds.series(series.id));
    expect(scheduler?.pattern).toBe('0 0 15 * * 5#1');
    expect(scheduler?.tz).toBe(TZ);
    const note = await w.waitFor((s) => s.text.includes('【例会安排】'));
    expect(note.text).toContain('2026年10月2日（周五）15:00适逢国庆节，本次跳过');
    expect(note.to.contactId).toBe('wx_wang');

    // The tick at the November occurrence creates December's, once even if it runs twice.
    w.startWorker();
    clock.set(Date.parse('2026-11-06T07:00:05Z'));
    await w.deps.queue.add('series-tick', { seriesId: series.id }, { jobId: `tick-a-${series.id}` });
    await w.deps.queue.add('series-tick', { seriesId: series.id }, { jobId: `tick-b-${series.id}` });
    const deadline = Date.now() + 5000;
    let all = await w.stores.meetings.list({ branchId: w.branch.id });
    while (all.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      all = await w.stores.meetings.list({ branchId: w.branch.id });
    }
    await new Promise((r) => setTimeout(r, 300));
    all = await w.stores.meetings.list({ branchId: w.branch.id });
    expect(all.map((m) => formatDateTime(m.startAt, TZ))).toEqual([
      '2026年11月6日（周五）15:00',
      '2026年12月4日（周五）15:00',
    ]);
  });
});
