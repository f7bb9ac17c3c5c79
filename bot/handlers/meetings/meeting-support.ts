// Shared by the meeting handlers: which branch a command is about, who may change it.
import { PermissionError, UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { memberOfSpeaker } from '../../../domains/roles/directory.js';
import { secretaryBranchesOf } from '../../../domains/roles/resolve.js';
import type { Branch, Meeting } from '../../../store/types.js';
import type { ChatContext } from '../../types.js';

/** The room's branch; in private chat the sender's branch (secretary or member), or the only branch. */
export async function commandBranch(ctx: ChatContext, md: MeetingDeps, branchName?: string): Promise<Branch> {
  const { branches, members } = md.stores;
  if (branchName) {
    const b = await branches.getByName(branchName);
    if (!b) throw new UserError(`没有名为“${branchName}”的支部。`);
    return b;
  }
  if (ctx.msg.roomId) {
    const b = await branches.branchOfRoom(ctx.msg.roomId);
    if (!b) throw new UserError('本群还没有绑定支部。请支部书记或管理员在群里发送：/绑定 支部名称');
    return b;
  }
  const ids = await branches.branchesOfSecretary(ctx.msg.talkerId);
  const own = ids.length
    ? ids
    : [(await memberOfSpeaker(members, ctx.msg.talkerId))?.branchId].filter((x): x is string => !!x);
  const all = own.length ? own : ctx.role === 'admin' ? (await branches.list()).map((b) => b.id) : [];
  if (all.length === 1) return (await branches.get(all[0]!))!;
  if (!all.length) throw new UserError('您还没有绑定到任何支部。请在支部群里发送：/我是 您的姓名');
  throw new UserError('您关联了多个支部，请在命令末尾加上“支部：第一党支部”指明是哪个支部。');
}

/** An admin, or a secretary of this branch (by a bound id, or by the roster's verified directory id). */
export async function canManage(ctx: ChatContext, branch: Branch): Promise<boolean> {
  if (ctx.role === 'admin' || branch.secretaries.includes(ctx.msg.talkerId)) return true;
  return ctx.role === 'secretary' && (await secretaryBranchesOf(ctx.deps.stores, ctx.msg.talkerId)).includes(branch.id);
}

export async function assertCanManage(ctx: ChatContext, branch: Branch, what = '管理本支部的会议'): Promise<void> {
  if (!(await canManage(ctx, branch))) throw new PermissionError(`抱歉，只有${branch.name}的书记或管理员可以${what}。`);
}

/** A meeting by the id the user typed (编号 7, #7, 7), or a clear error. */
export async function meetingById(md: MeetingDeps, raw: string | undefined): Promise<Meeting> {
  const id = (raw ?? '').replace(/^(?:编号|#|＃)/, '').trim();
  if (!/^\d+$/.test(id)) throw new UserError('请写明会议编号，例如：/会议 详情 7');
  const m = await md.stores.meetings.get(id);
  if (!m) throw new UserError(`没有编号为 ${id} 的会议。发送 /会议 列表 查看。`);
  return m;
}
