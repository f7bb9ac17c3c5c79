// /签到 [ID] — the secretary's view of a meeting's check-ins (the open one, or the next, when no id).
import { UserError } from '../../../ground/errors.js';
import { openMeeting } from '../../../domains/attendance/checkin.js';
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import { summarize } from '../../../domains/attendance/summary.js';
import { summaryText } from '../../../domains/meetings/summary-text.js';
import type { CommandSpec } from '../../types.js';
import { assertCanManage, commandBranch, meetingById } from '../meetings/meeting-support.js';

export function checkinStateCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/签到',
    aliases: ['/签到情况'],
    roles: ['admin', 'secretary', 'member'],
    help: '/签到 7 — 查看会议 7 的签到情况（书记）',
    async handle(ctx, args) {
      const idWord = args.trim().split(/\s+/)[0];
      let m = idWord ? await meetingById(md, idWord) : undefined;
      if (!m) {
        const branch = await commandBranch(ctx, md);
        const now = md.clock.now();
        m =
          (await openMeeting(md.stores, branch.id, now)) ??
          (await md.stores.meetings.list({ branchId: branch.id, from: now, status: ['scheduled'], limit: 1 }))[0];
        if (!m) throw new UserError('没有正在签到或待召开的会议。查看某次会议：/签到 编号');
      }
      await assertCanManage(ctx, (await md.stores.branches.get(m.branchId))!, '查看签到情况');
      const s = await summarize(md.stores, m);
      // Names of absentees are for the secretary: sent privately even when asked in the group.
      await ctx.replyPrivately(summaryText(m, s, md.config.timeZone, { final: m.status === 'closed' }));
      if (ctx.msg.roomId) await ctx.reply('签到情况已私信发给您。');
    },
  };
}
