// /会议 新建 <类型> <时间> [地点] [主题：…] [提醒：…] — one meeting, or a recurring series (每月第一个周五 15:00).
import { UserError } from '../../../ground/errors.js';
import { formatDateTime, formatDateTimeExact } from '../../../ground/time/format.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { meetingInput } from '../../../domains/meetings/input.js';
import { TIME_EXAMPLES, timeError } from '../../../domains/meetings/rules.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { meetingTypeOf, splitOptions, type MeetingOptions } from '../../../domains/meetings/parse-command.js';
import { parseMeetingTime } from '../../../ground/time/phrase.js';
import { cronPattern, parseRecurrence } from '../../../ground/time/recurrence.js';
import { createSeries, usesCalendar } from '../../../domains/meetings/series.js';
import { missingYearText, syncHolidayCalendar, yearsWithoutData } from '../../../domains/meetings/holiday-calendar.js';
import { MEETING_TYPES, type Branch, type MeetingType } from '../../../store/types.js';
import type { ChatContext } from '../../types.js';
import { planText } from './meeting-texts.js';
import { assertCanManage, commandBranch } from './meeting-support.js';

export { TIME_EXAMPLES, timeError };

const TIME_REASON = { past: '已过去', 'no-time': '缺少几点', unparseable: '无法识别' } as const;

export async function createMeetingCommand(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const { head, options, errors } = splitOptions(args);
  if (errors.length) throw new UserError(errors.join('\n'));
  const [typeWord, ...restWords] = head.split(/\s+/).filter(Boolean);
  const type = typeWord ? meetingTypeOf(typeWord) : undefined;
  if (!type)
    throw new UserError(
      `用法：/会议 新建 <类型> <时间> [地点] [主题：…]\n类型：${MEETING_TYPES.join('、')}（也可写 党员大会、支委会 等简称）\n例如：/会议 新建 党课 下周五下午3点 三楼会议室 主题：学习新党章`,
    );
  const rest = restWords.join(' ');
  const branch = await commandBranch(ctx, md, options.branchName);
  assertCanManage(ctx, branch, '安排会议');
  if (rest.startsWith('每')) return createSeriesCommand(ctx, md, branch, type, rest, options);
  const now = md.clock.now();
  const parsed = parseMeetingTime(rest, { now, tz: md.config.timeZone });
  if (!parsed.ok) {
    await ctx.deps.audit.recordBy(
      ctx.msg,
      'meeting.create',
      `${args}（时间无效：${TIME_REASON[parsed.reason]}）`,
      false,
    );
    throw timeError(parsed, md.config.timeZone);
  }
  const m = await createMeeting(
    md,
    meetingInput({
      branch,
      type,
      startAt: parsed.at,
      placeFromText: parsed.rest,
      options,
      createdBy: ctx.msg.talkerId,
      now,
    }),
  );
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'meeting.create',
    `#${m.id} ${type} ${formatDateTime(m.startAt, md.config.timeZone)} ← ${args}`,
  );
  await ctx.reply(
    [
      `已创建会议（编号 ${m.id}）：${type}${branch.name ? `，${branch.name}` : ''}`,
      `时间：${formatDateTimeExact(m.startAt, md.config.timeZone)}（按“${parsed.text}”理解）`,
      ...(m.place ? [`地点：${m.place}`] : []),
      ...(m.topic ? [`主题：${m.topic}`] : []),
      planText(m, now),
      `改期：/会议 改期 ${m.id} 新时间；取消：/会议 取消 ${m.id}`,
    ].join('\n'),
  );
}

/**
 * Holiday data covers the package's years and those an admin imported: a series running into a year without
 * it is told so (its dates there assume Monday–Friday workdays) rather than silently.
 */
function holidayCoverageNote(firstAt: number | undefined, now: number, tz: string): string {
  const years = yearsWithoutData([firstAt ?? now, now + 365 * 86_400_000], tz);
  return years.map(missingYearText).join('\n');
}

async function createSeriesCommand(
  ctx: ChatContext,
  md: MeetingDeps,
  branch: Branch,
  type: MeetingType,
  rest: string,
  options: MeetingOptions,
): Promise<void> {
  await syncHolidayCalendar(md.stores);
  const r = parseRecurrence(rest);
  if (!r.ok) {
    throw new UserError(
      r.reason === 'no-time'
        ? '例会需要写明几点，例如：/会议 新建 主题党日 每月第一个周五 15:00'
        : '没能识别重复规则。支持：每月第一个周五 15:00、每月最后一个周四 14:30、每月5号 9:00、每周三 14:00、每天 8:30、每个工作日 9:00。',
    );
  }
  const policy = options.holidayPolicy ?? 'skip';
  const { series, first } = await createSeries(md, {
    branchId: branch.id,
    type,
    title: type,
    rule: r.text,
    pattern: cronPattern(r.rule),
    tz: md.config.timeZone,
    kind: r.rule.kind,
    nthWeek: r.rule.nthWeek,
    weekday: r.rule.weekday,
    monthDay: r.rule.monthDay,
    hour: r.rule.hour,
    minute: r.rule.minute,
    leadMs: 0,
    holidayPolicy: policy,
    place: options.place ?? (r.rest || undefined),
    topic: options.topic,
    groupOffsets: options.groupOffsets,
    secretaryOffsets: options.secretaryOffsets,
    createdBy: ctx.msg.talkerId,
  });
  await ctx.deps.audit.recordBy(ctx.msg, 'series.create', `系列 ${series.id} ${type} ${r.text} 节假日:${policy}`);
  const policyText = {
    skip: '遇法定节假日跳过',
    shift: '遇法定节假日顺延到下一个工作日（含调休上班日）',
    none: '节假日照常',
  }[policy];
  await ctx.reply(
    [
      `已创建例会（系列 ${series.id}）：${type}，${r.text}，${policyText}。`,
      first
        ? `下次会议：${formatDateTime(first.startAt, md.config.timeZone)}，编号 ${first.id}${series.place ? `，地点：${series.place}` : ''}`
        : '下次会议已安排。',
      '每次会议前照常提醒和签到。',
      ...(usesCalendar(series)
        ? [holidayCoverageNote(first?.startAt, md.clock.now(), md.config.timeZone)].filter(Boolean)
        : []),
    ].join('\n'),
  );
}
