// zhibu meeting list|create|cancel — the same operations as /会议 in chat (a recurring series too), for operators
// and scripts.
import type { Command } from 'commander';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { meetingInput } from '../../domains/meetings/input.js';
import { meetingStatus } from '../../domains/meetings/texts.js';
import { timeError } from '../../bot/handlers/meetings/meeting-create.js';
import { cancelMeeting, createMeeting } from '../../domains/meetings/ops.js';
import { meetingTypeOf, splitOptions } from '../../domains/meetings/parse-command.js';
import { parseMeetingTime } from '../../ground/time/phrase.js';
import { createSeriesFromText, isRecurrence } from '../../domains/meetings/series-create.js';
import { openMeetingsSession } from './meetings-session.js';

export function registerMeeting(program: Command): void {
  const meeting = program.command('meeting').description('支部会议：列表、新建、取消');
  meeting
    .command('list')
    .option('--branch <name>', '只看某个支部')
    .action(async (opts: { branch?: string }) => {
      const s = await openMeetingsSession();
      try {
        const b = await s.branchByName(opts.branch);
        const now = s.deps.clock.now();
        const all = await s.deps.stores.meetings.list({ branchId: b?.id, from: now - 30 * 86_400_000 });
        if (!all.length) process.stdout.write('近 30 天以来没有会议。\n');
        for (const m of all) {
          process.stdout.write(
            `${m.id}\t${formatDateTime(m.startAt, s.config.timeZone)}\t${m.type}\t${m.place ?? ''}\t${meetingStatus(m, now)}\n`,
          );
        }
      } finally {
        await s.close();
      }
    });
  meeting
    .command('create <words...>')
    .description(
      '例如：zhibu meeting create --branch 第一党支部 党课 下周五下午3点 三楼会议室 主题：学习党章\n' +
        '例会：zhibu meeting create --branch 第一党支部 主题党日 每月第一个周五 15:00 三楼会议室 节假日：顺延',
    )
    .requiredOption('--branch <name>', '支部')
    .action(async (words: string[], opts: { branch: string }) => {
      const s = await openMeetingsSession();
      try {
        const branch = (await s.branchByName(opts.branch))!;
        const { head, options, errors } = splitOptions(words.join(' '));
        if (errors.length) throw new UserError(errors.join('\n'));
        const [typeWord, ...rest] = head.split(/\s+/);
        const type = typeWord ? meetingTypeOf(typeWord) : undefined;
        if (!type) throw new UserError(`不认识的会议类型：${typeWord ?? ''}`);
        if (isRecurrence(rest.join(' '))) {
          const { series, confirmation } = await createSeriesFromText(s.md, {
            branch,
            type,
            text: rest.join(' '),
            options,
            createdBy: s.actor,
          });
          await s.deps.audit.recordBy(s.actor, 'series.create', `系列 ${series.id} ${type} ${series.rule}`);
          process.stdout.write(`${confirmation}\n`);
          return;
        }
        const t = parseMeetingTime(rest.join(' '), { now: s.deps.clock.now(), tz: s.config.timeZone });
        if (!t.ok) throw timeError(t, s.config.timeZone);
        const m = await createMeeting(
          s.md,
          meetingInput({
            branch,
            type,
            startAt: t.at,
            placeFromText: t.rest,
            options,
            createdBy: s.actor,
            now: s.deps.clock.now(),
          }),
        );
        await s.deps.audit.recordBy(
          s.actor,
          'meeting.create',
          `#${m.id} ${type} ${formatDateTime(m.startAt, s.config.timeZone)}`,
        );
        process.stdout.write(
          `已创建会议 ${m.id}：${type} ${formatDateTime(m.startAt, s.config.timeZone)}${m.place ? ` ${m.place}` : ''}\n`,
        );
      } finally {
        await s.close();
      }
    });
  meeting.command('cancel <id>').action(async (id: string) => {
    const s = await openMeetingsSession();
    try {
      const m = await s.deps.stores.meetings.get(id);
      if (!m) throw new UserError(`没有编号为 ${id} 的会议`);
      await cancelMeeting(s.md, m);
      await s.deps.audit.recordBy(s.actor, 'meeting.cancel', `#${id}`);
      process.stdout.write(`已取消会议 ${id}\n`);
    } finally {
      await s.close();
    }
  });
}
