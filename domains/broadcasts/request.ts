// From "<时间|立即> <目标> <内容>" to a broadcast ready to confirm: schedule, targets resolved to rooms,
// content (or 每日一学 with its documents). Shared by /广播 and `zhibu broadcast send`.
import { UserError } from '../../ground/errors.js';
import type { NewBroadcast } from '../../store/broadcasts.js';
import type { BroadcastDeps } from './deps.js';
import { parseWhen } from './schedule.js';
import { resolveTargets, splitTargets, type ResolvedTargets } from './targets.js';

export const STUDY_KEYWORD = '每日一学';
export const USAGE =
  '用法：/广播 <时间|立即> <目标> <内容>\n例如：/广播 立即 全部 今晚8点请收看…\n/广播 12月1日9:00 第一支部、第二支部 …\n/广播 每天8:00 全部 每日一学 [文件名…]\n/广播 列表 | 详情 ID | 取消 ID';

export interface BroadcastRequest {
  input: NewBroadcast;
  resolved: ResolvedTargets;
}

const TIME_TAIL = /^(\d{1,2}[:：]\d{2}|\d{1,2}点(\d{1,2}分?|半)?|[上下]午\S*|晚上\S*|早上\S*)$/;

/** Splits the arguments; the time may be one word or two (12月1日 9:00). */
export function splitArgs(args: string, now: number, tz: string) {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) throw new UserError(USAGE);
  let used = 1;
  let schedule = parseWhen(words[0]!, now, tz);
  if (words[1] && TIME_TAIL.test(words[1])) {
    const two = parseWhen(`${words[0]}${words[1]}`, now, tz);
    if (two) [schedule, used] = [two, 2];
  }
  if (!schedule)
    throw new UserError(`没看懂发送时间“${words[0]}”。请写“立即”、“12月1日9:00”、“每天8:00”或“每周一9:00”。\n${USAGE}`);
  const targetWord = words[used];
  if (!targetWord) throw new UserError(USAGE);
  if (targetWord === STUDY_KEYWORD) return { schedule, targets: ['全部'], content: words.slice(used).join(' ') };
  return { schedule, targets: splitTargets(targetWord), content: words.slice(used + 1).join(' ') };
}

export async function prepareBroadcast(
  args: string,
  who: { id: string; name?: string; reportTo?: string },
  deps: Pick<BroadcastDeps, 'config' | 'stores' | 'clock'>,
): Promise<BroadcastRequest> {
  const now = deps.clock.now();
  const { schedule, targets, content } = splitArgs(args, now, deps.config.timeZone);
  if (schedule.type === 'once' && schedule.at < now - 60_000)
    throw new UserError('发送时间已经过去了，请换一个将来的时间，或写“立即”。');
  const isStudy = content.startsWith(STUDY_KEYWORD);
  if (!content) throw new UserError(`缺少广播内容。\n${USAGE}`);
  if (isStudy && schedule.type === 'once')
    throw new UserError('每日一学需要一个周期，例如“/广播 每天8:00 全部 每日一学”。');
  const resolved = await resolveTargets(targets, deps.stores);
  if (resolved.unknown.length)
    throw new UserError(`没有找到这些目标：${resolved.unknown.join('、')}。目标可以是“全部”、支部名称或群名称。`);
  if (!resolved.rooms.length) throw new UserError('目标里还没有绑定任何群，无法发送。');
  const studyDocs = isStudy
    ? content
        .slice(STUDY_KEYWORD.length)
        .split(/[\s、,，]+/)
        .filter(Boolean)
    : undefined;
  const input: NewBroadcast = {
    kind: isStudy ? 'daily-study' : 'text',
    text: content,
    studyDocs,
    targets,
    rooms: resolved.rooms,
    schedule,
    createdBy: who.id,
    createdByName: who.name,
    reportTo: who.reportTo,
    createdAt: now,
  };
  return { input, resolved };
}
