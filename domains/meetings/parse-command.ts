// Parses "/会议 新建 <类型> <时间> [地点] [主题：…] [提醒：1天,1小时] [截止：30分钟] [催办：30分钟] [节假日：顺延] [支部：…]".
import { MEETING_TYPES, type HolidayPolicy, type MeetingType } from '../../store/types.js';
import { checkDuration, checkDurationList, MAX_DURATION_TEXT } from '../../ground/time/duration.js';

const ALIASES: Array<[RegExp, MeetingType]> = [
  [/^(?:支部)?党员大会$|^支部大会$/, '支部党员大会'],
  [/^支委会(?:议)?$|^支部委员会(?:会议)?$/, '支部委员会'],
  [/^(?:党)?小组会$|^党小组(?:会议)?$/, '党小组会'],
  [/^党课$/, '党课'],
  [/^(?:主题)?党日(?:活动)?$|^主题党日$/, '主题党日'],
  [/^(?:专题)?组织生活会$|^生活会$/, '组织生活会'],
  [/^民主评议(?:党员)?$/, '民主评议党员'],
  [/^其他$|^其它$/, '其他'],
];

export function meetingTypeOf(word: string): MeetingType | undefined {
  if ((MEETING_TYPES as readonly string[]).includes(word)) return word as MeetingType;
  return ALIASES.find(([re]) => re.test(word))?.[1];
}

export interface MeetingOptions {
  topic?: string;
  place?: string;
  groupOffsets?: number[];
  secretaryOffsets?: number[];
  closeAfter?: number;
  escalateBefore?: number;
  holidayPolicy?: HolidayPolicy;
  branchName?: string;
  absenceThreshold?: number;
}

const KEYS = ['主题', '地点', '书记提醒', '提醒', '截止', '签到截止', '催办', '节假日', '支部', '缺席提醒'] as const;
const MARKER = new RegExp(`(?:^|\\s)(${KEYS.join('|')})[：:]`, 'g');

/** Splits off "key：value" options; returns the head (before the first option) and the parsed options. */
export function splitOptions(text: string): { head: string; options: MeetingOptions; errors: string[] } {
  const marks = [...text.matchAll(MARKER)];
  const head = (marks.length ? text.slice(0, marks[0]!.index) : text).trim();
  const options: MeetingOptions = {};
  const errors: string[] = [];
  marks.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
    const value = text.slice(start, end).trim();
    const key = m[1]!;
    const tooLong = `${key}：“${value}”太长了，时长最多${MAX_DURATION_TEXT}`;
    const durations = () => {
      const r = checkDurationList(value);
      if (r.ok) return r.ms;
      errors.push(r.reason === 'too-long' ? tooLong : `${key}：“${value}”不是时长（例如 1天,1小时 或 5分钟）`);
      return undefined;
    };
    const one = () => {
      const r = checkDuration(value);
      if (r.ok) return r.ms;
      errors.push(r.reason === 'too-long' ? tooLong : `${key}：“${value}”不是时长（例如 30分钟）`);
      return undefined;
    };
    if (key === '主题') options.topic = value;
    else if (key === '地点') options.place = value;
    else if (key === '支部') options.branchName = value;
    else if (key === '提醒') options.groupOffsets = durations();
    else if (key === '书记提醒') options.secretaryOffsets = durations();
    else if (key === '截止' || key === '签到截止') options.closeAfter = one();
    else if (key === '催办') options.escalateBefore = one();
    else if (key === '缺席提醒') {
      const n = Number(/^(\d+)次?$/.exec(value)?.[1]);
      if (n >= 1 && n <= 20) options.absenceThreshold = n;
      else errors.push('缺席提醒：请写连续缺席几次，例如 3');
    } else if (key === '节假日') {
      if (/顺延|推迟|延后/.test(value)) options.holidayPolicy = 'shift';
      else if (/照常|不变/.test(value)) options.holidayPolicy = 'none';
      else if (/跳过|取消|暂停/.test(value)) options.holidayPolicy = 'skip';
      else errors.push('节假日：请写“跳过”“顺延”或“照常”');
    }
  });
  return { head, options, errors };
}
