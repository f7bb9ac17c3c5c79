// /会议 设置 [提醒：1天,1小时] [书记提醒：3天] [截止：30分钟] [催办：30分钟] [缺席提醒：3] — per-branch defaults.
import { UserError } from '../../../ground/errors.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { formatDuration } from '../../../ground/time/duration.js';
import { splitOptions } from '../../../domains/meetings/parse-command.js';
import type { BranchSettings } from '../../../store/types.js';
import type { ChatContext } from '../../types.js';
import { assertCanManage, commandBranch } from './meeting-support.js';

function describe(s: BranchSettings): string {
  const list = (xs: number[]) => (xs.length ? xs.map((x) => `会前${formatDuration(x)}`).join('、') : '无');
  return `群提醒：${list(s.groupOffsets)}；书记提醒：${list(s.secretaryOffsets)}；签到截止：开始后${formatDuration(s.closeAfter)}；催办：会前${formatDuration(s.escalateBefore)}；连续缺席 ${s.absenceThreshold} 次提醒书记`;
}

export async function meetingSettings(ctx: ChatContext, md: MeetingDeps, args: string): Promise<void> {
  const { options, errors } = splitOptions(` ${args}`);
  if (errors.length) throw new UserError(errors.join('\n'));
  const branch = await commandBranch(ctx, md, options.branchName);
  const patch: Partial<BranchSettings> = {};
  if (options.groupOffsets) patch.groupOffsets = options.groupOffsets;
  if (options.secretaryOffsets) patch.secretaryOffsets = options.secretaryOffsets;
  if (options.closeAfter !== undefined) patch.closeAfter = options.closeAfter;
  if (options.escalateBefore !== undefined) patch.escalateBefore = options.escalateBefore;
  if (options.absenceThreshold !== undefined) patch.absenceThreshold = options.absenceThreshold;
  if (!Object.keys(patch).length) {
    return ctx.reply(
      `${branch.name}的会议默认设置：${describe(branch.settings)}\n修改示例：/会议 设置 提醒：1天,2小时 书记提醒：3天 截止：30分钟 缺席提醒：3`,
    );
  }
  await assertCanManage(ctx, branch, '修改会议设置');
  const next = await md.stores.branches.updateSettings(branch.id, patch);
  await ctx.deps.audit.recordBy(ctx.msg, 'branch.settings', `${branch.name}：${describe(next)}`);
  await ctx.reply(`已更新${branch.name}的会议默认设置（之后新建的会议生效）：${describe(next)}`);
}
