// Pure parsing: durations and Chinese numbers, time phrases chrono gets wrong, command options, reply classes.
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../ground/time/format.js';
import { classifyReply } from '../../../domains/attendance/checkin.js';
import { meetingTypeOf, splitOptions } from '../../../domains/meetings/parse-command.js';
import { formatDuration, parseCnNumber, parseDuration, parseDurationList } from '../../../ground/time/duration.js';
import { parseMeetingTime } from '../../../ground/time/phrase.js';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-11-27T02:00:00Z'); // Fri 10:00

describe('durations', () => {
  it('reads Chinese numbers and units', () => {
    expect([parseCnNumber('十五'), parseCnNumber('二十三'), parseCnNumber('两'), parseCnNumber('一百')]).toEqual([
      15, 23, 2, 100,
    ]);
    expect(parseDuration('1小时30分钟')).toBe(5_400_000);
    expect(parseDuration('半小时')).toBe(1_800_000);
    expect(parseDuration('一个半小时')).toBe(5_400_000);
    expect(parseDuration('30秒')).toBe(30_000);
    expect(parseDuration('三天')).toBe(259_200_000);
    expect(parseDuration('明天')).toBeUndefined();
    expect(parseDurationList('1天,1小时')).toEqual([86_400_000, 3_600_000]);
    expect(parseDurationList('提前2小时、10分钟')).toEqual([7_200_000, 600_000]);
    expect(formatDuration(5_400_000)).toBe('1小时30分钟');
  });
});

describe('time phrases', () => {
  const at = (t: string) => {
    const r = parseMeetingTime(t, { now: NOW, tz: TZ });
    return r.ok ? `${formatDateTime(r.at, TZ)}|${r.rest}` : r.reason;
  };
  it('handles what chrono-node misses', () => {
    expect(at('下个月3号上午10点 三楼')).toBe('2026年12月3日（周四）10:00|三楼');
    expect(at('3天后')).toBe('2026年11月30日（周一）10:00|');
    expect(at('3天后下午3点')).toBe('2026年11月30日（周一）15:00|');
    expect(at('十分钟后')).toBe('2026年11月27日（周五）10:10|');
    expect(at('下周五下午三点 三楼会议室')).toBe('2026年12月4日（周五）15:00|三楼会议室');
    expect(at('周四 14:00')).toBe('2026年12月3日（周四）14:00|');
    expect(at('12/5 14:30 三楼')).toBe('2026年12月5日（周六）14:30|三楼');
    expect(at('１２月５日１４：３０')).toBe('2026年12月5日（周六）14:30|');
  });
  it('refuses past, date-only and nonsense', () => {
    expect(at('昨天下午3点')).toBe('past');
    expect(at('12月5日')).toBe('no-time');
    expect(at('下个月3号')).toBe('no-time');
    expect(at('下个月31号上午9点')).toBe('2026年12月31日（周四）09:00|');
    expect(at('随便')).toBe('unparseable');
  });
  it('a year-less date already past this year means next year; today with a past hour stays past (injected clock)', () => {
    const dec = (t: string, now = Date.parse('2026-12-20T02:00:00Z')) => {
      // Sun 2026-12-20 10:00 in Shanghai
      const r = parseMeetingTime(t, { now, tz: TZ });
      return r.ok ? formatDateTime(r.at, TZ) : r.reason;
    };
    expect(dec('1月5日下午3点')).toBe('2027年1月5日（周二）15:00');
    expect(dec('1/5 15:00 三楼')).toBe('2027年1月5日（周二）15:00');
    expect(dec('12月5日14:30')).toBe('2027年12月5日（周日）14:30');
    expect(dec('12月20日下午3点')).toBe('2026年12月20日（周日）15:00');
    expect(dec('今天上午9点')).toBe('past');
    expect(dec('12月20日上午9点')).toBe('past'); // today's date, hour already past: not next year
    expect(dec('2026年1月5日下午3点')).toBe('past'); // the year was given
    expect(dec('昨天下午3点')).toBe('past');
    expect(dec('2月29日上午9点', Date.parse('2028-03-01T02:00:00Z'))).toBe('past'); // no 2月29日 in 2029
    expect(dec('1月5日下午3点', Date.parse('2026-01-04T02:00:00Z'))).toBe('2026年1月5日（周一）15:00');
  });
  it('formats date, weekday and time in the zone', () => {
    expect([NOW, Date.parse('2027-01-01T16:05:00Z')].map((ms) => formatDateTime(ms, TZ))).toEqual([
      '2026年11月27日（周五）10:00',
      '2027年1月2日（周六）00:05',
    ]);
  });
});

describe('command options and replies', () => {
  it('splits options and knows short type names', () => {
    const r = splitOptions('党课 明天上午9点 三楼 主题：学习 新党章 提醒：1天,1小时 截止：10分钟 节假日：顺延');
    expect(r.head).toBe('党课 明天上午9点 三楼');
    expect(r.options).toEqual({
      topic: '学习 新党章',
      groupOffsets: [86_400_000, 3_600_000],
      closeAfter: 600_000,
      holidayPolicy: 'shift',
    });
    expect(splitOptions('党课 明天 提醒：很久').errors[0]).toContain('不是时长');
    expect([meetingTypeOf('党员大会'), meetingTypeOf('支委会'), meetingTypeOf('党日'), meetingTypeOf('座谈')]).toEqual([
      '支部党员大会',
      '支部委员会',
      '主题党日',
      undefined,
    ]);
  });
  it('classifies check-in replies', () => {
    expect(classifyReply('签到')).toEqual({ kind: 'present' });
    expect(classifyReply('已到！')).toEqual({ kind: 'present' });
    expect(classifyReply('请假 出差在外')).toEqual({ kind: 'leave', reason: '出差在外' });
    expect(classifyReply('请假')).toEqual({ kind: 'leave', reason: undefined });
    expect(classifyReply('取消请假')).toEqual({ kind: 'cancel-leave' });
    expect(classifyReply('迟到十分钟')).toEqual({ kind: 'late' });
    expect(classifyReply('到底什么是三会一课')).toBeUndefined();
  });
});
