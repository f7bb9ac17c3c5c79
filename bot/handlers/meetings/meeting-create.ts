// /会议 新建 <类型> <时间> [地点] [主题：…] [提醒：…] — one meeting, or a recurring series (每月第一个周五 15:00).
import { UserError } from '../../../ground/errors.js';
import { formatDateTime, formatDateTimeExact } from '../../../ground/time/format.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { meetingInput } from '../../../domains/meetings/input.js';
import { TIME_EXAMPLES, timeError } from '../../../domains/meetings/rules.js';
import { createMeeting } from '../../../domains/meetings/ops.js';
import { meetingTypeOf, splitOptions, type MeetingOptions } from '../../../domains/meetings/parse-command.js';
import { parseMeetingTime } from '../../../ground/time/phrase.js';
import { createSeriesFromText, isRecurrence } from '../../../domains/meetings/series-create.js';
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
  await assertCanManage(ctx, branch, '安排会议');
  if (isRecurrence(rest)) return createSeriesCommand(ctx, md, branch, type, rest, options);
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

async function createSeriesCommand(
  ctx: ChatContext,
  md: MeetingDeps,
  branch: Branch,
  type: MeetingType,
  text: string,
  options: MeetingOptions,
): Promise<void> {
  const { series, confirmation } = await createSeriesFromText(md, {
    branch,
    type,
    text,
    options,
    createdBy: ctx.msg.talkerId,
  });
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'series.create',
    `系列 ${series.id} ${type} ${series.rule} 节假日:${series.holidayPolicy}`,
  );
  await ctx.reply(confirmation);
}
