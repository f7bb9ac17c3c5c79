// /会议 改期 ID <时间> and /会议 取消 ID (then /会议 取消 ID 确认): the branch's secretary or an admin.
import { UserError } from '../../../ground/errors.js';
import { formatDateTime } from '../../../ground/time/format.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { cancelMeeting, rescheduleMeeting } from '../../../domains/meetings/ops.js';
import { cancelSeries } from '../../../domains/meetings/series.js';
import { parseMeetingTime } from '../../../ground/time/phrase.js';
import type { ChatContext } from '../../types.js';
import { assertChangeable, timeError } from '../../../domains/meetings/rules.js';
import { planText } from './meeting-texts.js';
import { assertCanManage, meetingById } from './meeting-support.js';

const CONFIRM_TTL_S = 300;

async function manageable(ctx: ChatContext, md: MeetingDeps, idWord: string | undefined, what: string) {
  const m = await meetingById(md, idWord);
  const branch = (await md.stores.branches.get(m.branchId))!;
  await assertCanManage(ctx, branch, what);
  assertChangeable(m, what);
  return m;
}

export async function rescheduleCommand(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const [idWord, ...rest] = args.split(/\s+/).filter(Boolean);
  const m = await manageable(ctx, md, idWord, '改期');
  const now = md.clock.now();
  const parsed = parseMeetingTime(rest.join(' '), { now, tz: md.config.timeZone });
  if (!parsed.ok) throw timeError(parsed, md.config.timeZone);
  const next = await rescheduleMeeting(md, m, parsed.at);
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'meeting.reschedule',
    `#${m.id} ${formatDateTime(m.startAt, md.config.timeZone)} → ${formatDateTime(next.startAt, md.config.timeZone)}`,
  );
  await ctx.reply(
    [
      `会议 ${m.id}（${m.type}）已改期：`,
      `原定：${formatDateTime(m.startAt, md.config.timeZone)}`,
      `改为：${formatDateTime(next.startAt, md.config.timeZone)}（按“${parsed.text}”理解）`,
      `提醒已按新时间重新安排。${planText(next, now)}`,
    ].join('\n'),
  );
}

export async function cancelCommand(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const series = /^系列\s*(\d+)\s*(确认)?$/.exec(args.trim());
  if (series) return cancelSeriesCommand(ctx, md, series[1]!, !!series[2]);
  const [idWord, confirm] = args.split(/\s+/).filter(Boolean);
  const m = await manageable(ctx, md, idWord, '取消');
  if (confirm !== '确认') {
    await md.stores.cancelRequests.open(m.id, ctx.msg.talkerId, CONFIRM_TTL_S);
    await ctx.deps.audit.recordBy(
      ctx.msg,
      'meeting.cancel-requested',
      `#${m.id} ${m.type} ${formatDateTime(m.startAt, md.config.timeZone)}`,
    );
    return ctx.reply(
      `确定要取消会议 ${m.id}（${m.type}，${formatDateTime(m.startAt, md.config.timeZone)}）吗？取消后不再提醒和签到。\n请在 5 分钟内回复“确认”（或 /会议 取消 ${m.id} 确认）`,
    );
  }
  if (!(await md.stores.cancelRequests.consume(m.id, ctx.msg.talkerId))) {
    return ctx.reply(`请先发送 /会议 取消 ${m.id}，看过会议信息后再回复“/会议 取消 ${m.id} 确认”。`);
  }
  await cancelMeeting(md, m);
  await ctx.deps.audit.recordBy(
    ctx.msg,
    'meeting.cancel',
    `#${m.id} ${m.type} ${formatDateTime(m.startAt, md.config.timeZone)}`,
  );
  await ctx.reply(
    `已取消会议 ${m.id}（${m.type}，${formatDateTime(m.startAt, md.config.timeZone)}），相关提醒已撤销。`,
  );
}

const BARE_CONFIRM = /^(确认|确定|确认取消)[。！!]?$/;

/** Cheap pre-filter: only a bare 确认 can confirm a pending cancel. */
export function isBareConfirm(text: string): boolean {
  return BARE_CONFIRM.test(text.trim());
}

/** A bare 确认 from a sender with an open cancel request confirms that cancel (as /会议 取消 ID 确认 does). */
export function bareCancelConfirmHook(md: MeetingDeps) {
  return async function onText(ctx: ChatContext): Promise<boolean> {
    if (!isBareConfirm(ctx.msg.text)) return false;
    const id = await md.stores.cancelRequests.pendingOf(ctx.msg.talkerId);
    if (!id) return false;
    await cancelCommand(ctx, md, `${id} 确认`);
    return true;
  };
}

async function cancelSeriesCommand(ctx: ChatContext, md: MeetingDeps, id: string, confirmed: boolean): Promise<void> {
  const s = await md.stores.series.get(id);
  if (s?.status !== 'active') throw new UserError(`没有进行中的例会系列 ${id}。`);
  await assertCanManage(ctx, (await md.stores.branches.get(s.branchId))!, '取消例会');
  if (!confirmed)
    return ctx.reply(
      `确定停止例会系列 ${id}（${s.type}，${s.rule}）吗？已安排的下一次会议不受影响，可另行 /会议 取消。\n请回复：/会议 取消 系列${id} 确认`,
    );
  await cancelSeries(md, id);
  await ctx.deps.audit.recordBy(ctx.msg, 'series.cancel', `系列 ${id} ${s.type} ${s.rule}`);
  await ctx.reply(`已停止例会系列 ${id}（${s.type}，${s.rule}），不再自动安排。`);
}
