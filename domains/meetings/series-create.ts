// A recurring series from the words a secretary types (每月第一个周五 15:00 三楼), for chat and the CLI alike:
// parsed, created with its first occurrence, and confirmed in one Chinese text (rule, holiday policy, next date).
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { cronPattern, parseRecurrence } from '../../ground/time/recurrence.js';
import type { Branch, MeetingType, Meeting, Series } from '../../store/types.js';
import type { MeetingDeps } from './deps.js';
import { missingYearText, syncHolidayCalendar, yearsWithoutData } from './holiday-calendar.js';
import type { MeetingOptions } from './parse-command.js';
import { createSeries, usesCalendar } from './series.js';

export const RECURRENCE_EXAMPLES =
  '每月第一个周五 15:00、每月最后一个周四 14:30、每月5号 9:00、每周三 14:00、每天 8:30、每个工作日 9:00';

const POLICY_TEXT = {
  skip: '遇法定节假日跳过',
  shift: '遇法定节假日顺延到下一个工作日（含调休上班日）',
  none: '节假日照常',
} as const;

/** Words that start a recurrence rule rather than one date. */
export const isRecurrence = (text: string) => text.trim().startsWith('每');

export interface SeriesRequest {
  branch: Branch;
  type: MeetingType;
  /** The rule and an optional place after it: 每月第一个周五 15:00 三楼会议室 */
  text: string;
  options: MeetingOptions;
  createdBy: string;
}

export async function createSeriesFromText(
  md: MeetingDeps,
  req: SeriesRequest,
): Promise<{ series: Series; first?: Meeting; confirmation: string }> {
  await syncHolidayCalendar(md.stores);
  const r = parseRecurrence(req.text);
  if (!r.ok)
    throw new UserError(
      r.reason === 'no-time'
        ? '例会需要写明几点，例如：每月第一个周五 15:00'
        : `没能识别重复规则。支持：${RECURRENCE_EXAMPLES}。`,
    );
  const policy = req.options.holidayPolicy ?? 'skip';
  const tz = md.config.timeZone;
  const { series, first } = await createSeries(md, {
    branchId: req.branch.id,
    type: req.type,
    title: req.type,
    rule: r.text,
    pattern: cronPattern(r.rule),
    tz,
    kind: r.rule.kind,
    nthWeek: r.rule.nthWeek,
    weekday: r.rule.weekday,
    monthDay: r.rule.monthDay,
    hour: r.rule.hour,
    minute: r.rule.minute,
    leadMs: 0,
    holidayPolicy: policy,
    place: req.options.place ?? (r.rest || undefined),
    topic: req.options.topic,
    groupOffsets: req.options.groupOffsets,
    secretaryOffsets: req.options.secretaryOffsets,
    createdBy: req.createdBy,
  });
  // Holiday data covers the package's years and those an admin imported: a series running into a year without
  // it is told so (its dates there assume Monday–Friday workdays) rather than silently.
  const coverage = usesCalendar(series)
    ? yearsWithoutData([first?.startAt ?? md.clock.now(), md.clock.now() + 365 * 86_400_000], tz).map(missingYearText)
    : [];
  const confirmation = [
    `已创建例会（系列 ${series.id}）：${req.type}，${r.text}，${POLICY_TEXT[policy]}。`,
    first
      ? `下次会议：${formatDateTime(first.startAt, tz)}，编号 ${first.id}${series.place ? `，地点：${series.place}` : ''}`
      : '下次会议已安排。',
    '每次会议前照常提醒和签到。',
    ...coverage,
  ].join('\n');
  return { series, first, confirmation };
}
