// Check-in replies in a bound room (签到 / 到 / 已到, 请假 事由, 取消请假, 迟到…), and nickname matching of
// roster members on first contact. Acknowledged by one rolling message per burst, not one per person.
import { requestAck, requestMissingAck } from '../../../domains/meetings/ack.js';
import { applyReply, classifyReply, nearestWindow, openMeeting } from '../../../domains/attendance/checkin.js';
import { checkinClosed, checkinNotYetOpen } from '../../../domains/meetings/texts.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { mayAutoMatch } from '../../../domains/roles/claims.js';
import { memberOfSpeaker } from '../../../domains/roles/directory.js';
import type { Branch, Member } from '../../../store/types.js';
import { createContext } from '../../context.js';
import type { AppDeps, ChatContext, InboundMessage } from '../../types.js';

/** Cheap pre-filter for the router: only a room message that reads as a check-in reply can be one. */
export function looksLikeCheckin(msg: InboundMessage): boolean {
  return !!msg.roomId && classifyReply(msg.text) !== undefined;
}

const RECHECK_MS = 10 * 60_000;
const MEMO_LIMIT = 50_000;

/**
 * First contact: a room talker not yet bound to the roster is matched by group nickname. Each talker is
 * looked up at most once per room and 10 minutes (a check-in reply always tries at once), so ordinary group chatter costs no Redis reads here.
 */
export function nicknameMatcher(md: MeetingDeps, deps: AppDeps) {
  const checked = new Map<string, number>();
  return async function onInbound(msg: InboundMessage): Promise<void> {
    if (!msg.roomId) return;
    const now = md.clock.now();
    // Per room: a talker may be on the roster of one group's branch and not of another's.
    const memo = `${msg.roomId}|${msg.talkerId}`;
    const last = checked.get(memo);
    if (last !== undefined && now - last < RECHECK_MS) return;
    if (checked.size >= MEMO_LIMIT) checked.clear();
    checked.set(memo, now);
    if (await memberOfSpeaker(md.stores.members, msg.talkerId)) return;
    const branchId = await md.stores.branches.branchIdOfRoom(msg.roomId);
    const branch = branchId ? await md.stores.branches.get(branchId) : undefined;
    if (branch) await matchByNickname(createContext(msg, deps, 'guest'), md, branch);
  };
}

export function checkinReplyHook(md: MeetingDeps) {
  return async function onText(ctx: ChatContext): Promise<boolean> {
    const { msg } = ctx;
    if (!msg.roomId) return false;
    const branchId = await md.stores.branches.branchIdOfRoom(msg.roomId);
    if (!branchId) return false;
    const branch = await md.stores.branches.get(branchId);
    if (!branch) return false;
    const reply = classifyReply(msg.text);
    if (!reply) return false;
    const member = (await memberOfSpeaker(md.stores.members, msg.talkerId)) ?? (await matchByNickname(ctx, md, branch));
    if (member?.status !== 'active') {
      await tellOnceHowToBind(ctx, md, branch);
      return true;
    }
    const now = md.clock.now();
    // Recorded against the member's own branch, wherever the group is bound now (a group moved between
    // branches during a window must not drop its members' check-ins).
    const meeting = await openMeeting(md.stores, member.branchId, now);
    if (!meeting) {
      const near = member.branchId === branch.id ? await nearestWindow(md.stores, branch.id, now) : undefined;
      if (near) {
        // Once per member and meeting: a member who keeps typing 签到 early is not answered every time.
        const tz = md.config.timeZone;
        const text =
          near.when === 'before'
            ? checkinNotYetOpen(near.meeting, tz, near.openAt)
            : checkinClosed(near.meeting, tz, near.closeAt);
        await tellOnce(ctx, md, `checkin-${near.when}:${near.meeting.id}`, text);
      } else if (msg.addressed) await ctx.reply('现在没有正在签到的会议。签到时间为会前提醒起至会议开始后一段时间。');
      return true;
    }
    const outcome = await applyReply(md.stores, meeting, member, reply, msg.text, now);
    if (outcome === 'need-reason') await ctx.reply('请说明请假事由，例如：请假 出差在外');
    else if (outcome === 'no-leave') await ctx.reply('您没有请假记录，无需取消。');
    else if (outcome !== 'unchanged') await requestAck(md, meeting.id);
    else {
      const recorded = await md.stores.attendance.get(meeting.id, member.id);
      if (recorded) await requestMissingAck(md, meeting.id, recorded.at);
    }
    return true;
  };
}

/**
 * First contact: an unbound person whose group nickname (or name) equals exactly one free ordinary roster entry is
 * bound to it (mayAutoMatch: never a secretary entry, never a second name; the secretary sees it in the audit log).
 */
async function matchByNickname(ctx: ChatContext, md: MeetingDeps, branch: Branch): Promise<Member | undefined> {
  if (await md.stores.members.getByWechat(ctx.msg.talkerId)) return undefined;
  const names = [
    ...new Set([ctx.msg.roomAlias, ctx.msg.talkerName].filter((n): n is string => !!n?.trim()).map((n) => n.trim())),
  ];
  for (const name of names) {
    const free = (await md.stores.members.findByName(name, branch.id)).filter((m) => !m.wechatId);
    if (free.length === 1 && !mayAutoMatch(free[0]!, false)) return undefined;
    if (free.length === 1) {
      const bound = await md.stores.members.bindWechat(free[0]!.id, ctx.msg.talkerId);
      await ctx.deps.audit.record({
        actor: 'system',
        action: 'member.match',
        detail: `${name} ← ${ctx.msg.talkerId}（群昵称匹配）`,
        roomId: ctx.msg.roomId,
        ok: true,
      });
      return bound;
    }
    if (free.length > 1) {
      await tellOnce(ctx, md, 'ambiguous', `名册中有多位“${name}”，请发送 /我是 ${name} 并联系书记确认身份。`);
      return undefined;
    }
  }
  return undefined;
}

async function tellOnceHowToBind(ctx: ChatContext, md: MeetingDeps, branch: Branch): Promise<void> {
  await tellOnce(
    ctx,
    md,
    'bind-hint',
    `您还不在${branch.name}的名册中（或尚未绑定），签到未记录。请发送：/我是 您的姓名`,
  );
}

const HINT_TTL_S = 30 * 86_400;

async function tellOnce(ctx: ChatContext, md: MeetingDeps, what: string, text: string): Promise<void> {
  if (await md.stores.hints.firstTime(what, ctx.msg.talkerId, HINT_TTL_S)) await ctx.reply(text);
}
