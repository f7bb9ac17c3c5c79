// 确认 / 取消 after a /广播 preview. Drafts are keyed by sender: this hook consumes the text only when
// the sender has a pending draft, so other features' 确认 (e.g. cancelling a meeting) are untouched.
import { formatDateTime } from '../../../ground/time/format.js';
import type { BroadcastRuntime } from '../../../domains/broadcasts/runtime.js';
import type { DraftStore } from '../../../store/broadcast-drafts.js';
import type { ChatContext } from '../../types.js';

const CONFIRM = /^(确认|确定|确认发送)$/;
const DISCARD = /^(取消|放弃|不发了?)$/;

/** Cheap pre-filter: only a bare 确认/取消 can answer a draft. */
export function isDraftReply(text: string): boolean {
  const t = text.trim();
  return CONFIRM.test(t) || DISCARD.test(t);
}

export function createDraftReplyHook(rt: BroadcastRuntime, drafts: DraftStore) {
  const { deps, service } = rt;
  return async function onDraftReply(ctx: ChatContext): Promise<boolean> {
    const text = ctx.msg.text.trim();
    const confirm = CONFIRM.test(text);
    if (!confirm && !DISCARD.test(text)) return false;
    if (!(await drafts.has(ctx.msg.talkerId))) return false;
    const draft = await drafts.take(ctx.msg.talkerId);
    if (!draft) return false;
    if (!confirm) {
      await deps.audit.recordBy(ctx.msg, 'broadcast.discard', draft.input.text);
      await ctx.replyPrivately('好的，这条广播草稿已放弃。');
      return true;
    }
    if (ctx.role !== 'admin') {
      await deps.audit.recordBy(ctx.msg, 'refused', `确认广播（已非管理员）：${draft.input.text}`, false);
      await ctx.replyPrivately('抱歉，只有管理员可以确认广播。');
      return true;
    }
    if (deps.clock.now() > draft.expiresAt) {
      await deps.audit.recordBy(ctx.msg, 'broadcast.expired', draft.input.text, false);
      await ctx.replyPrivately('这条广播草稿已超过 10 分钟未确认，已失效。请重新发送 /广播 命令。');
      return true;
    }
    const input =
      draft.input.schedule.type === 'once' && draft.input.schedule.at < deps.clock.now()
        ? { ...draft.input, schedule: { type: 'once' as const, at: deps.clock.now() } }
        : draft.input;
    const b = await service.create(input);
    const when =
      b.schedule.type === 'once'
        ? b.schedule.at <= deps.clock.now() + 1000
          ? '现在开始发送'
          : `将于 ${formatDateTime(b.schedule.at, deps.config.timeZone)} 发送`
        : '已按周期安排';
    await ctx.replyPrivately(
      `已确认：广播 #${b.id} ${when}，共 ${b.rooms.length} 个群。发送完会把报告发给您；“/广播 详情 ${b.id}”可随时查看。`,
    );
    return true;
  };
}
