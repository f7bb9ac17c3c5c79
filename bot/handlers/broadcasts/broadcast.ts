// /广播: admins draft a broadcast (preview, then 确认), or list, inspect and cancel broadcasts.
import { formatDetail, formatListItem, formatPreview } from '../../../domains/broadcasts/preview.js';
import { prepareBroadcast, USAGE } from '../../../domains/broadcasts/request.js';
import type { BroadcastRuntime } from '../../../domains/broadcasts/runtime.js';
import type { DraftStore } from '../../../store/broadcast-drafts.js';
import type { ChatContext, CommandSpec } from '../../types.js';
import { cancelledText } from './broadcast-cancelled.js';

export function createBroadcastCommand(rt: BroadcastRuntime, drafts: DraftStore): CommandSpec {
  const { deps, service } = rt;
  const tz = deps.config.timeZone;

  async function draft(ctx: ChatContext, args: string): Promise<void> {
    const who = { id: ctx.msg.talkerId, name: ctx.msg.talkerName, reportTo: ctx.msg.talkerId };
    const { input } = await prepareBroadcast(args, who, deps);
    await drafts.put(ctx.msg.talkerId, input, deps.clock.now());
    await deps.audit.recordBy(ctx.msg, 'broadcast.draft', `${args}（${input.rooms.length} 个群）`);
    await ctx.replyPrivately(formatPreview(input, await deps.stores.rooms.topics(input.rooms), tz, deps.clock.now()));
  }

  async function list(ctx: ChatContext): Promise<void> {
    const all = await service.list(20);
    await ctx.replyPrivately(
      all.length ? ['最近的广播：', ...all.map((b) => formatListItem(b, tz))].join('\n') : '还没有广播。',
    );
  }

  async function detail(ctx: ChatContext, id: string): Promise<void> {
    const v = await service.status(id);
    const rooms = [...new Set([...v.broadcast.rooms, ...Object.keys(v.report?.failures ?? {})])];
    await ctx.replyPrivately(formatDetail(v.broadcast, v.report, v.next, await deps.stores.rooms.topics(rooms), tz));
  }

  async function cancel(ctx: ChatContext, id: string): Promise<void> {
    const { broadcast, report } = await service.cancel(id, { id: ctx.msg.talkerId, name: ctx.msg.talkerName });
    await ctx.replyPrivately(cancelledText(broadcast.id, report));
  }

  return {
    name: '/广播',
    roles: ['admin'],
    help: '/广播 <时间|立即> <目标> <内容>：向各支部群发通知（管理员）；/广播 列表|详情 ID|取消 ID',
    async handle(ctx, args) {
      const [sub, rest = ''] = [args.trim().split(/\s+/)[0] ?? '', args.trim().split(/\s+/).slice(1).join(' ')];
      if (!sub) return ctx.replyPrivately(USAGE);
      if (sub === '列表') return list(ctx);
      if (sub === '详情' || sub === '状态')
        return rest ? detail(ctx, rest) : ctx.replyPrivately('请写上广播编号，例如“/广播 详情 3”。');
      if (sub === '取消') return rest ? cancel(ctx, rest) : ctx.replyPrivately('请写上广播编号，例如“/广播 取消 3”。');
      return draft(ctx, args);
    },
  };
}
