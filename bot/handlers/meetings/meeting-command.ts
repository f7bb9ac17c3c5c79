// /会议 — dispatches to 新建 / 列表 / 详情 / 改期 / 取消.
import type { MeetingDeps } from '../../../domains/meetings/deps.js';
import type { CommandSpec } from '../../types.js';
import { cancelCommand, rescheduleCommand } from './meeting-change.js';
import { createMeetingCommand } from './meeting-create.js';
import { listMeetings, showMeeting } from './meeting-list.js';
import { meetingSettings } from './meeting-settings.js';

const USAGE = [
  '会议命令：',
  '/会议 新建 党课 下周五下午3点 三楼会议室 主题：学习新党章',
  '/会议 新建 主题党日 每月第一个周五 15:00 党员活动室',
  '/会议 列表 ｜ /会议 详情 7 ｜ /会议 改期 7 12月6日14:30 ｜ /会议 取消 7 ｜ /会议 设置',
  '可选：提醒：1天,1小时 ｜ 书记提醒：3天 ｜ 截止：30分钟 ｜ 催办：30分钟 ｜ 节假日：跳过/顺延/照常',
].join('\n');

const SUB: Record<string, (ctx: Parameters<CommandSpec['handle']>[0], md: MeetingDeps, args: string) => Promise<void>> =
  {
    新建: createMeetingCommand,
    创建: createMeetingCommand,
    列表: listMeetings,
    详情: showMeeting,
    改期: rescheduleCommand,
    取消: cancelCommand,
    设置: meetingSettings,
  };

export function meetingCommand(md: MeetingDeps): CommandSpec {
  return {
    name: '/会议',
    roles: ['admin', 'secretary', 'member'],
    help: '/会议 新建|列表|详情|改期|取消|设置 — 安排和查看支部会议',
    async handle(ctx, args) {
      const [sub, ...rest] = args.trim().split(/\s+/);
      const run = sub ? SUB[sub] : undefined;
      if (!run) return ctx.reply(USAGE);
      await run(ctx, md, rest.join(' '));
    },
  };
}
