// Rules about meeting requests shared by chat, the CLI and the web console: what a bad time phrase is told,
// and which meetings may still change.
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import type { TimeParse } from '../../ground/time/phrase.js';
import type { Meeting } from '../../store/types.js';

export const TIME_EXAMPLES = '下周五下午3点、12月5日14:30、明天上午9点、下个月3号上午10点、3天后下午3点、30分钟后';

export function timeError(r: Exclude<TimeParse, { ok: true }>, tz: string): UserError {
  if (r.reason === 'past')
    return new UserError(
      `时间“${r.text}”是 ${formatDateTime(r.at!, tz)}，已经过去了，请换一个将来的时间。未创建任何会议。`,
    );
  if (r.reason === 'no-time')
    return new UserError(`“${r.text}”缺少具体几点，请写成例如 12月5日14:30。未创建任何会议。`);
  return new UserError(
    `没能识别时间“${r.text ?? ''}”。请这样写：${TIME_EXAMPLES}；时间和地点之间用空格隔开。未创建任何会议。`,
  );
}

/** Only a scheduled meeting can be rescheduled or cancelled. */
export function assertChangeable(m: Meeting, what: string): void {
  if (m.status !== 'scheduled')
    throw new UserError(`会议 ${m.id} ${m.status === 'cancelled' ? '已取消' : '已结束'}，不能再${what}。`);
}
