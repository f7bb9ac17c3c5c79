// /会议 列表 and /会议 详情 ID — anyone on the branch may look.
import { UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { summarize } from '../../../domains/attendance/summary.js';
import type { Meeting } from '../../../store/types.js';
import type { ChatContext } from '../../types.js';
import { detailText, listLine } from './meeting-texts.js';
import { commandBranch, meetingById } from './meeting-support.js';

async function counts(md: MeetingDeps, m: Meeting): Promise<string> {
  const s = await summarize(md.stores, m);
  return `签到 ${s.present.length + s.late.length}/${s.expected.length}，请假 ${s.leave.length}`;
}

export async function listMeetings(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const branch = await commandBranch(ctx, md, /支部[：:](\S+)/.exec(args)?.[1]);
  const now = md.clock.now();
  const upcoming = await md.stores.meetings.list({
    branchId: branch.id,
    from: now - 86_400_000,
    status: ['scheduled'],
    limit: 10,
  });
  const recent = (await md.stores.meetings.list({ branchId: branch.id, to: now, status: ['closed'] })).slice(-3);
  if (!upcoming.length && !recent.length)
    return ctx.reply(`${branch.name}暂无会议安排。书记可发送：/会议 新建 党课 下周五下午3点 三楼会议室`);
  const lines = [`${branch.name}的会议：`];
  const tz = md.config.timeZone;
  const section = async (title: string, ms: Meeting[]) => {
    if (ms.length)
      lines.push(title, ...(await Promise.all(ms.map(async (m) => listLine(m, tz, now, await counts(md, m))))));
  };
  // A meeting that has started but is not yet closed is 进行中, not 待召开.
  await section(
    '进行中：',
    upcoming.filter((m) => m.startAt <= now),
  );
  await section(
    '待召开：',
    upcoming.filter((m) => m.startAt > now),
  );
  await section('最近结束：', recent);
  lines.push('详情：/会议 详情 编号');
  await ctx.reply(lines.join('\n'));
}

export async function showMeeting(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const m = await meetingById(md, args.split(/\s+/)[0]);
  const own = await commandBranch(ctx, md).catch(() => undefined);
  if (ctx.role !== 'admin' && own?.id !== m.branchId) throw new UserError(`会议 ${m.id} 不属于您的支部。`);
  await ctx.reply(detailText(m, md.config.timeZone, md.clock.now(), await counts(md, m)));
}
