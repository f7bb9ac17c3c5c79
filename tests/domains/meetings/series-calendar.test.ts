// Series on the official calendar: 每个工作日 follows holidays and 调休 (also for an imported year); a series
// reaching a year without holiday data says so to the secretaries and in the digest, and the admins are warned
// 30 days before the loaded data runs out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../ground/clock.js';
import { formatDateTime } from '../../../ground/time/format.js';
import { parseHolidayCsv, setHolidayOverrides } from '../../../ground/time/holidays.js';
import { cronPattern, parseRecurrence } from '../../../ground/time/recurrence.js';
import { createSeries } from '../../../domains/meetings/series.js';
import { digestsFor, warnHolidayDataEnding } from '../../../domains/digest/job.js';
import { startJobsWorld, type JobsWorld } from '../../helpers/meeting-jobs.js';

const TZ = 'Asia/Shanghai';
const clock = manualClock(Date.parse('2026-09-30T02:00:00Z'));
let w: JobsWorld;

beforeAll(async () => {
  w = await startJobsWorld({ clock });
});
afterAll(async () => {
  setHolidayOverrides([]);
  await w?.close();
});

async function series(rule: string) {
  const r = parseRecurrence(rule);
  if (!r.ok) throw new Error(rule);
  return createSeries(w.deps, {
    branchId: w.branch.id,
    type: '党小组会',
    title: `晨会${rule}`,
    rule: r.text,
    pattern: cronPattern(r.rule),
    tz: TZ,
    kind: r.rule.kind,
    hour: r.rule.hour,
    minute: r.rule.minute,
    leadMs: 0,
    holidayPolicy: 'skip',
    createdBy: 'wx_wang',
  });
}

describe('series on the official calendar', () => {
  it('每个工作日 after 9月30日 meets next on 10月8日 (国庆节 off); 每天 on 10月1日 is skipped as a holiday', async () => {
    const { first } = await series('每个工作日 9:00');
    expect(formatDateTime(first!.startAt, TZ)).toBe('2026年10月8日（周四）09:00');
    const daily = await series('每天 8:00');
    expect(formatDateTime(daily.first!.startAt, TZ)).toBe('2026年10月8日（周四）08:00');
  });

  it('in a year without data the secretaries are told; after an import the imported days count', async () => {
    clock.set(Date.parse('2026-12-31T02:00:00Z'));
    const before = await series('每个工作日 10:00');
    expect(formatDateTime(before.first!.startAt, TZ)).toBe('2027年1月1日（周五）10:00'); // no data: a Friday
    const note = await w.waitFor((s) => s.text.includes('2027年的法定节假日和调休安排尚未导入'));
    expect(note.to.contactId).toBe('wx_wang');
    expect(note.text).toContain(`编号 ${before.first!.id}`);
    // The digest of the branch says so too while the year is within reach.
    const [digest] = await digestsFor(w.deps, [w.branch.id]);
    expect(digest!.text).toContain('例会提示：2027年的法定节假日和调休安排尚未导入');

    await w.stores.holidays.save(
      parseHolidayCsv('日期,类型,名称\n2027-01-01,休,元旦\n2027-01-02,休,元旦\n2027-01-03,休,元旦\n2027-01-09,班,元旦'),
    );
    const after = await series('每个工作日 10:00'); // the calendar is reloaded from Redis
    expect(formatDateTime(after.first!.startAt, TZ)).toBe('2027年1月4日（周一）10:00');
    const [digestAfter] = await digestsFor(w.deps, [w.branch.id]);
    expect(digestAfter!.text).not.toContain('例会提示');
  });

  it('warns the admins once, 30 days before the loaded data runs out', async () => {
    await w.redis.hdel(`${w.prefix}settings:holidays`, '2027'); // data to the end of 2026 again
    clock.set(Date.parse('2026-11-30T02:00:00Z')); // 32 days left
    expect(await warnHolidayDataEnding(w.deps)).toBe(0);
    clock.set(Date.parse('2026-12-02T02:00:00Z')); // 30 days left
    expect(await warnHolidayDataEnding(w.deps)).toBe(1);
    await warnHolidayDataEnding(w.deps); // the next day's check: same key, not sent again
    const warning = await w.waitFor((s) => s.text.includes('【系统提醒】法定节假日和调休数据只到2026年底'));
    expect(warning.to.contactId).toBe('wxid_admin');
    expect(warning.text).toContain('zhibu holidays import 2027.csv');
    await new Promise((r) => setTimeout(r, 300));
    expect(w.sent.filter((s) => s.text.includes('【系统提醒】法定节假日'))).toHaveLength(1);
  });
});
